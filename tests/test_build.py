"""The build command: repeatable, and a failed build leaves the published site as it was."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tools.site_build import Project, build

from helpers import copy_project, run_tools


def run_build(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tools("build", *args, root=project.root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = copy_project(tmp_path)
    # Stands for the site a previous build published.
    (project.site / "en").mkdir(parents=True)
    (project.site / "en" / "index.html").write_text("published", "utf-8")
    return project


def site_is_untouched(project: Project) -> bool:
    files = sorted(p.relative_to(project.site).as_posix() for p in project.site.rglob("*") if p.is_file())
    return files == ["en/index.html"] and (project.site / "en" / "index.html").read_text("utf-8") == "published"


def test_building_twice_in_a_row_succeeds(built_project: Project) -> None:
    before = (built_project.site / "es" / "index.html").read_bytes()
    assert build(built_project) == 0
    assert (built_project.site / "es" / "index.html").read_bytes() == before
    assert not list(built_project.build.glob(".site-*")), "temporary folders left behind"


def test_a_catalogue_syntax_error_stops_the_build(project: Project) -> None:
    catalogue = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    lines = catalogue.read_text("utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith('msgstr "Résumé"'))
    lines[number] = 'msgstr Résumé"\n'  # the opening quote is missing
    catalogue.write_text("".join(lines), "utf-8")

    done = run_build(project)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first == f"locale/fr/LC_MESSAGES/index.po:{number + 1}: msgstr: expected a string in double quotes"
    assert site_is_untouched(project)
    assert not (project.build / "html").exists(), "Sphinx ran on an invalid catalogue"


def test_a_failing_language_leaves_the_published_site(project: Project) -> None:
    catalogue = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    text = catalogue.read_text("utf-8").replace('msgstr "Résumé"', 'msgstr "Résumé {doc}`nowhere`"', 1)
    catalogue.write_text(text, "utf-8")

    done = run_build(project, "--lang", "fr", "--lang", "en")

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for builder in ("html", "pdf"):
        assert any(line.startswith(f"[fr {builder}] ") and "nowhere" in line for line in done.stderr.splitlines())
    assert "the build of fr (html), fr (pdf) failed" in done.stderr.splitlines()[-1]
    assert site_is_untouched(project)


def test_an_unknown_language_is_refused(project: Project) -> None:
    done = run_build(project, "--lang", "de")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: no catalogues for de in {project.locale}; available: en, es, fr"
    ]
    assert site_is_untouched(project)


def test_adding_a_language_is_adding_a_folder(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    target = project.locale / "pt" / "LC_MESSAGES"
    target.mkdir(parents=True)
    for catalogue in (project.locale / "fr" / "LC_MESSAGES").glob("*.po"):
        text = catalogue.read_text("utf-8").replace('"Language: fr\\n"', '"Language: pt\\n"')
        (target / catalogue.name).write_text(text, "utf-8")

    assert build(project) == 0

    page = (project.site / "pt" / "index.html").read_text("utf-8")
    assert '<html class="no-js" lang="pt"' in page
    for lang in ("en", "es", "fr", "pt"):
        other = (project.site / lang / "index.html").read_text("utf-8")
        assert re.search(r'<a href="\.\./pt/index\.html" hreflang="pt" lang="pt"[^>]*>Português</a>', other)
        assert '<link rel="alternate" hreflang="pt" href="../pt/index.html">' in other
    assert 'href="pt/index.html" hreflang="pt"' in (project.site / "index.html").read_text("utf-8")
