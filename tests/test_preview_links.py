"""What the preview of one language copies from the last build, and what it never touches."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tools.atomic_publish import published_manifests
from tools.preview_links import NOT_FOUND, stage

from helpers import copy_project, run_in_process

LANGUAGES = ["en", "es", "fr"]


def _site(build: Path, languages: list[object], pdfs: tuple[str, ...] = ("pub-fr.pdf",)) -> Path:
    """A published site as ``python -m tools build`` leaves it: a version folder, its manifests, the link."""
    version = build / ".sites" / "v1"
    for language in languages:
        if isinstance(language, str) and Path(language).name == language:
            (version / language).mkdir(parents=True, exist_ok=True)
            (version / language / "index.html").write_text(f"<p>{language}</p>", "utf-8")
    version.mkdir(parents=True, exist_ok=True)
    for name in pdfs:
        (version / "fr" / name).write_bytes(b"%PDF-1.7\n")
    (build / ".sites" / "v1.json").write_text(json.dumps([{"language": lang} for lang in languages]), "utf-8")
    site = build / "site"
    if site.is_symlink():
        site.unlink()
    site.symlink_to(Path(".sites") / "v1")
    return site


def _docs(tmp_path: Path, *names: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in ("index.md", *names):
        (docs / name).write_text("# x\n", "utf-8")
    return docs


def test_the_last_builds_other_languages_and_pdfs_are_copied(tmp_path: Path) -> None:
    site = _site(tmp_path / "build", LANGUAGES)
    preview = tmp_path / "build" / "serve" / "fr"
    staged = stage(site, "fr", preview, LANGUAGES, _docs(tmp_path))
    assert staged.site and staged.copied == ["en", "es", "pub-fr.pdf"]
    assert (preview / "es" / "index.html").read_text("utf-8") == "<p>es</p>"
    assert "python -m tools build" in (preview / NOT_FOUND).read_text("utf-8")


def test_what_the_last_build_no_longer_has_is_removed_from_the_preview(tmp_path: Path) -> None:
    preview = tmp_path / "build" / "serve" / "en"
    docs = _docs(tmp_path)
    stage(_site(tmp_path / "build", LANGUAGES, pdfs=()), "en", preview, LANGUAGES, docs)
    assert (preview / "fr").is_dir()
    site = _site(tmp_path / "build", ["en", "es"], pdfs=())
    (tmp_path / "build" / ".sites" / "v1" / "fr" / "index.html").unlink()
    (tmp_path / "build" / ".sites" / "v1" / "fr").rmdir()
    assert stage(site, "en", preview, LANGUAGES, docs).copied == ["es"]
    assert not (preview / "fr").exists()
    os.remove(site)
    staged = stage(site, "en", preview, LANGUAGES, docs)
    assert not staged.site and staged.copied == [] and not (preview / "es").exists()


@pytest.mark.parametrize("language", ["/outside", "..", ".", "", "a/b", ["es"], 5, None])
def test_a_manifest_naming_a_path_or_no_string_copies_and_deletes_nothing_outside(
    tmp_path: Path, language: object
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep").write_text("a translator's file", "utf-8")
    build = tmp_path / "build"
    site = _site(build, ["en", "fr", language])
    if language == "/outside":  # an absolute path in the manifest: the folder outside the build
        manifests = json.loads((build / ".sites" / "v1.json").read_text("utf-8"))
        manifests[-1]["language"] = str(outside)
        (build / ".sites" / "v1.json").write_text(json.dumps(manifests), "utf-8")
    preview = build / "serve" / "fr"
    other_preview = build / "serve" / "es"
    other_preview.mkdir(parents=True)
    names = [*LANGUAGES, str(outside), "..", "."]
    staged = stage(site, "fr", preview, names, _docs(tmp_path))
    assert staged.copied == ["en", "pub-fr.pdf"]
    assert (outside / "keep").read_text("utf-8") == "a translator's file" and other_preview.is_dir()


def test_a_record_naming_paths_deletes_nothing_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    preview = tmp_path / "build" / "serve" / "fr"
    preview.mkdir(parents=True)
    (preview / ".copied-from-the-last-build.json").write_text(json.dumps([str(outside), "..", 5]), "utf-8")
    stage(tmp_path / "build" / "site", "fr", preview, LANGUAGES, _docs(tmp_path))
    assert outside.is_dir() and preview.is_dir()


def test_a_page_or_folder_of_the_previews_own_is_never_replaced(tmp_path: Path) -> None:
    site = _site(tmp_path / "build", LANGUAGES)
    docs = _docs(tmp_path, "404.md")
    (docs / "es").mkdir()
    (docs / "es" / "page.md").write_text("# page\n", "utf-8")
    preview = tmp_path / "build" / "serve" / "en"
    (preview / "es").mkdir(parents=True)
    (preview / "es" / "page.html").write_text("<p>the preview's own page</p>", "utf-8")
    (preview / NOT_FOUND).write_text("<p>the preview's own 404 page</p>", "utf-8")
    assert stage(site, "en", preview, LANGUAGES, docs).copied == ["fr"]
    assert (preview / "es" / "page.html").read_text("utf-8") == "<p>the preview's own page</p>"
    assert not (preview / "es" / "index.html").exists()
    assert (preview / NOT_FOUND).read_text("utf-8") == "<p>the preview's own 404 page</p>"


@pytest.mark.parametrize("data", ["5", '{"language": "es"}', '[{"language": ["es"]}, {"language": "fr"}]', "[1]"])
def test_manifests_that_are_not_a_list_of_languages_are_read_as_what_they_hold(tmp_path: Path, data: str) -> None:
    site = _site(tmp_path / "build", ["fr"])
    (tmp_path / "build" / ".sites" / "v1.json").write_text(data, "utf-8")
    assert list(published_manifests(site)) == (["fr"] if '"fr"' in data else [])


def test_serve_says_in_one_line_when_it_cannot_copy_the_last_build(tmp_path: Path) -> None:
    pytest.importorskip("sphinx_autobuild", reason="pip install -e '.[serve]' to test the live preview")
    project = copy_project(tmp_path)
    blocked = project.build / "serve" / "fr"
    blocked.parent.mkdir(parents=True)
    blocked.write_text("a file where the preview's folder goes", "utf-8")
    done = run_in_process("serve", "fr", root=project.root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"error: {blocked}: cannot copy the last build beside the preview: ")
