"""The build refuses translations that would inject markup, whether or not anyone ran the checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from tools.site import Project
from tools.sphinxext import guard

from conftest import copy_project

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ("alert(", "evil.example", "onerror")
PAYLOADS = {
    # (catalogue, English msgid prefix): translation with a payload
    ("index", "Virtual Dialogue: Training"): "Dialogue virtuel <script>alert('title')</script>",
    ("index", "Summary"): 'Résumé <iframe src="https://evil.example/"></iframe>',
    ("index", "Background"): "Introduction <img src=x onerror=alert(1)>",
    ("index", "Questions for further discussion"): "Questions [ici](javascript:alert(2))",
    ("sphinx", "Download PDF"): "Télécharger <script>alert('every page')</script>",
}


def inject(project: Project) -> dict[tuple[str, str], int]:
    """Put the payloads into the French catalogues; return the line of each entry's msgid."""
    lines_of = {}
    for (domain, msgid), payload in PAYLOADS.items():
        path = project.locale / "fr" / "LC_MESSAGES" / f"{domain}.po"
        lines = path.read_text("utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(("msgid", '"')) and msgid in line)
        while not lines[start].startswith("msgid"):
            start -= 1
        end = next(i for i in range(start, len(lines)) if lines[i].startswith("msgstr"))
        stop = next((i for i in range(end + 1, len(lines)) if not lines[i].startswith('"')), len(lines))
        escaped = payload.replace("\\", "\\\\").replace('"', '\\"')
        lines[end:stop] = [f'msgstr "{escaped}"']
        path.write_text("\n".join(lines) + "\n", "utf-8")
        lines_of[(domain, msgid)] = start + 1
    return lines_of


def payload_files(folder: Path) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and any(marker.encode() in path.read_bytes() for marker in MARKERS)
    ]


def test_the_build_refuses_injected_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    lines_of = inject(project)
    done = subprocess.run(
        [sys.executable, "-m", "tools", "--root", str(project.root), "build"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if "[unsafe]" in line]
    for (domain, _), line in lines_of.items():
        assert any(f"locale/fr/LC_MESSAGES/{domain}.po:{line}: ERROR: [unsafe]" in e for e in errors), (domain, line)
    assert any("refusing to build fr" in line for line in done.stderr.splitlines())
    assert not (project.site).exists()
    assert payload_files(project.build) == []


def test_plain_sphinx_build_refuses_too(tmp_path: Path) -> None:
    """Without -W and without the project's build command: a maintainer building by hand."""
    project = copy_project(tmp_path)
    inject(project)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-D", "language=fr", "-q", "docs", str(out)],
        capture_output=True, text=True, cwd=project.root,
    )  # fmt: skip
    assert done.returncode != 0
    assert "refusing to build fr" in done.stderr
    if out.exists():
        assert payload_files(out) == []


def _document(text: str) -> nodes.document:
    document = new_document("<test>", get_default_settings(Parser))
    Parser().parse(text, document)
    return document


@pytest.fixture
def app(tmp_path: Path) -> SimpleNamespace:
    config = SimpleNamespace(language="fr", publication_source_language="en", locale_dirs=["locale"])
    return SimpleNamespace(config=config, srcdir=str(tmp_path))


def test_second_net_removes_raw_markup_from_translated_content(app: SimpleNamespace) -> None:
    document = _document("Translated paragraph.\n\nSource paragraph.\n")
    translated, source = document.findall(nodes.paragraph)
    translated["translated"] = True
    translated += nodes.raw("", "<script>alert(1)</script>", format="html")
    translated += nodes.reference("", "here", refuri="java\tscript:alert(2)")
    source += nodes.raw("", "<b>kept</b>", format="html")

    guard.scrub_doctree(app, document)

    assert [r.astext() for r in document.findall(nodes.raw)] == ["<b>kept</b>"]
    assert [r["refuri"] for r in document.findall(nodes.reference)] == [""]
    assert getattr(app, guard._FAILED) is True
