"""Languages come from the folders under locale/: adding one needs no code change."""

from __future__ import annotations

import re
from pathlib import Path

import furo
import pytest
import sphinx

from tools.language_codes import LanguageError, code_problem
from tools.languages import discover_languages, native_name, sphinx_languages

from helpers import ROOT


def test_a_folder_with_catalogues_is_a_language(tmp_path: Path) -> None:
    for lang in ("fr", "pt_BR", "de"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "fr" / "LC_MESSAGES" / "index.po").write_text("", "utf-8")
    (tmp_path / "pt_BR" / "LC_MESSAGES" / "index.po").write_text("", "utf-8")
    assert discover_languages(tmp_path) == ["en", "fr", "pt_BR"]  # de has no catalogue yet
    assert discover_languages(tmp_path / "missing") == ["en"]


VALID = ["fr", "pt_BR", "zh_CN", "zh_Hans_CN", "es_419", "sr@latin", "ca@valencia", "cak", "yue"]
INVALID = [
    "", "f", "fran", "FR", "Fr", "pt-BR", "pt_br", "zh_TW.Big5", "en_US.UTF-8", "fr@", "fr@Latin", "fr_",
    "fr ", " fr", "fr\n", "../fr", "fr/..", ".", "..", "-fr", "fr;ls", 'fr"$(touch${IFS}PWNED)"', "fr`id`",
    "ｆｒ", "fr\x00", "fr\u200b",
]  # fmt: skip


@pytest.mark.parametrize("code", VALID)
def test_locale_identifiers_are_language_codes(code: str) -> None:
    assert code_problem(code) is None


@pytest.mark.parametrize("code", INVALID, ids=ascii)
def test_anything_else_is_not(code: str) -> None:
    assert code_problem(code).startswith("not a language code (a code such as fr, pt_BR")


def test_every_language_sphinx_offers_is_a_language_code() -> None:
    languages = sphinx_languages()
    assert len(languages) > 60 and {"pt_BR", "sr@latin", "zh_TW"} <= set(languages)
    assert [code for code in languages if code_problem(code)] == []


def test_a_folder_not_named_by_a_code_fails_discovery(tmp_path: Path) -> None:
    for name in ("fr", 'fr"$(touch${IFS}PWNED)"', "fr\n::error::x", "notes"):
        (tmp_path / name / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "fr" / "LC_MESSAGES" / "index.po").write_text("", "utf-8")
    (tmp_path / "glossary.csv").write_text("en\n", "utf-8")  # files beside the language folders are not languages
    with pytest.raises(LanguageError) as raised:
        discover_languages(tmp_path)
    # Every misnamed folder, each on one printable line, even when the name holds a line break.
    assert len(raised.value.problems) == 3 and all(line.isprintable() for line in raised.value.problems)
    assert str(raised.value).count("\n") == 2
    assert any(line.endswith("fr\\n::error::x: not a language code (a code such as fr, pt_BR, zh_Hans_CN or sr@latin)")
               for line in raised.value.problems)  # fmt: skip


def test_a_misnamed_folder_never_starts_a_line_a_ci_runner_obeys(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "::add-mask::x").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LanguageError) as raised:
        discover_languages(tmp_path)
    assert raised.value.problems == [f"./::add-mask::x: {code_problem('::add-mask::x')}"]


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
