"""The English templates kept between runs of check and update: extracted again only when what the
extraction reads has changed, never from a half-written folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import extract
from tools.extract import TEMPLATES_FOLDER, templates

from helpers import copy_project


def _messages(root: Path) -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
    with templates(root) as found:
        return {domain: [(e.msgid, e.occurrences) for e in pot] for domain, pot in found.items()}


def _extractions(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    original = extract.run_gettext_builder

    def counted(root: Path, outdir: Path) -> None:
        calls.append(outdir)
        original(root, outdir)

    monkeypatch.setattr(extract, "run_gettext_builder", counted)
    return calls


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("kept")).root


def test_kept_templates_are_those_of_a_fresh_extraction(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _extractions(monkeypatch)
    first = _messages(project)
    assert _messages(project) == first and len(calls) == 1
    assert {o[0] for m, occurrences in first["index"] if m == "Summary" for o in occurrences} == {"docs/index.md"}
    # As extracted in a temporary folder, the way it was done before templates were kept.
    monkeypatch.setattr(extract, "_kept", lambda root: None)
    assert _messages(project) == first


def test_a_change_of_the_english_extracts_again_and_a_catalogues_does_not(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _messages(project)
    calls = _extractions(monkeypatch)
    catalogue = project / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    catalogue.write_text(catalogue.read_text("utf-8").replace('msgstr "Résumé"', 'msgstr "Synthèse"'), "utf-8")
    _messages(project)
    assert calls == []
    source = project / "docs" / "index.md"
    source.write_text(source.read_text("utf-8") + "\nA paragraph added to the English.\n", "utf-8")
    found = _messages(project)
    assert len(calls) == 1 and "A paragraph added to the English." in [m for m, _ in found["index"]]
    assert len(list((project / TEMPLATES_FOLDER).iterdir())) == 1  # the older set is gone


def test_an_extraction_that_fails_leaves_nothing_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = project / "docs" / "index.md"
    source.write_text(source.read_text("utf-8") + "\nAnother paragraph.\n", "utf-8")

    def killed(root: Path, outdir: Path) -> None:
        (outdir / "index.pot").write_text('msgid "half"\n', "utf-8")
        raise extract.ExtractionError("killed halfway")

    monkeypatch.setattr(extract, "run_gettext_builder", killed)
    with pytest.raises(extract.ExtractionError):
        _messages(project)
    left = [folder.name for folder in (project / TEMPLATES_FOLDER).iterdir()]
    assert extract.templates_key(project) not in left and not [name for name in left if name.startswith(".new-")]
    monkeypatch.undo()
    assert "Another paragraph." in [m for m, _ in _messages(project)["index"]]


def test_a_build_folder_that_cannot_be_written_extracts_in_a_temporary_one(tmp_path: Path) -> None:
    root = copy_project(tmp_path).root
    build = root / "build"
    if build.exists():
        import shutil

        shutil.rmtree(build)
    build.write_text("a file where build/ goes", "utf-8")
    assert "Summary" in [m for m, _ in _messages(root)["index"]]
