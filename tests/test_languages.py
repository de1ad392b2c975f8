"""Languages come from the folders under locale/: adding one needs no code change."""

from __future__ import annotations

import re
from pathlib import Path

import furo
import sphinx

from tools.languages import discover_languages, native_name

ROOT = Path(__file__).resolve().parent.parent


def test_a_folder_with_catalogues_is_a_language(tmp_path: Path) -> None:
    for lang in ("fr", "pt_BR", "de"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "fr" / "LC_MESSAGES" / "index.po").write_text("", "utf-8")
    (tmp_path / "pt_BR" / "LC_MESSAGES" / "index.po").write_text("", "utf-8")
    assert discover_languages(tmp_path) == ["en", "fr", "pt_BR"]  # de has no catalogue yet
    assert discover_languages(tmp_path / "missing") == ["en"]


def test_languages_are_named_in_their_own_tongue() -> None:
    assert [native_name(code) for code in ("en", "es", "fr", "pt", "de")] == [
        "English", "Español", "Français", "Português", "Deutsch",
    ]  # fmt: skip
    assert native_name("xx-nonsense") == "xx-nonsense"


def test_theme_messages_are_still_used_by_the_theme_or_sphinx() -> None:
    """A furo or Sphinx upgrade that renames a string would leave it untranslated: fail loudly instead."""
    # The project's own PDF builder is a user of these strings too.
    listed = re.findall(r'_\("([^"]+)"\)', (ROOT / "docs" / "_templates" / "theme-messages.html").read_text("utf-8"))
    assert len(listed) >= 10
    sources = [
        Path(furo.__file__).parent / "theme",
        Path(sphinx.__file__).parent,
        ROOT / "tools" / "sphinxext",
        ROOT / "docs" / "_templates",
    ]
    text = "\n".join(
        p.read_text("utf-8", errors="replace")
        for base in sources
        for p in base.rglob("*")
        if p.suffix in (".html", ".py", ".js") and p.is_file() and p.name != "theme-messages.html"
    )
    unused = [message for message in listed if message not in text]
    assert not unused, f"no longer in furo or Sphinx: {unused}"
