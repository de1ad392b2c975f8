"""Every published page carries a Content-Security-Policy that lets only the site's own scripts run."""

from __future__ import annotations

import re
from pathlib import Path

import furo
import pytest
import sphinx
from bs4 import BeautifulSoup

from tools.site_build import Project, build
from tools.sphinxext.csp import foreign_code, policy, script_hash, template_script_hashes, template_scripts

from helpers import ROOT, copy_project

TEMPLATE_FOLDERS = [
    ROOT / "docs" / "_templates",
    Path(furo.__file__).parent / "theme" / "furo",
    Path(sphinx.package_dir) / "themes" / "basic",
    ROOT / "tools" / "templates",
]


def directives(page: BeautifulSoup) -> dict[str, list[str]]:
    meta = page.select_one('head meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None, "no Content-Security-Policy in the head"
    parts = [part.split() for part in meta["content"].split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def published_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_a_strict_policy_before_any_script(site: Path) -> None:
    pages = published_pages(site)
    assert len(pages) >= 13  # root, and index, search, status, glossary in each of three languages
    allowed = {h.strip("'") for h in template_script_hashes(TEMPLATE_FOLDERS)}
    for path in pages:
        html = path.read_text("utf-8")
        page = BeautifulSoup(html, "html.parser")
        policy_of = directives(page)
        scripts = policy_of["script-src"]
        assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:]), path
        assert policy_of["object-src"] == ["'none'"] and policy_of["base-uri"] == ["'self'"], path
        assert policy_of["default-src"] == ["'self'"], path
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"} & set(scripts), path
        # The hashes are those of the templates' own scripts, not of whatever the page holds.
        assert {s.strip("'") for s in scripts[1:]} <= allowed, path
        assert html.index("Content-Security-Policy") < html.find("<script"), path
        for script in page.find_all("script"):
            if script.get("src"):
                assert not re.match(r"^(?:[a-z]+:|//)", script["src"], re.I), f"{path}: {script['src']}"
            else:
                assert script_hash(script.string or "") in scripts, f"{path}: {script}"
        assert foreign_code(html, scripts) == [], path


def test_the_site_has_its_own_inline_scripts_only(site: Path) -> None:
    """furo's theme switch and the root page's redirect: the inline scripts the site ships, and no other."""
    inline = set()
    for path in published_pages(site):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        inline |= {script.string for script in page.find_all("script") if not script.get("src")}
    assert len(inline) == 2
    assert any("dataset.theme" in script for script in inline)
    assert any("navigator.languages" in script for script in inline)


def test_template_scripts_made_at_render_time_are_not_the_sites_own() -> None:
    source = "<script>var a = 1;</script><script src='x.js'></script><script>var b = {{ value|tojson }};</script>"
    assert template_scripts(source) == ["var a = 1;"]


@pytest.mark.parametrize(
    "html",
    [
        "<img src=x onerror=alert(1)>",
        '<input autofocus onfocus="alert(1)">',
        "<script>alert(1)</script>",
        '<a href=" javascript:alert(1)">x</a>',
        "<svg><a xlink:href='JavaScript:alert(1)'>x</a></svg>",
    ],
)
def test_code_the_site_did_not_ship_is_found(html: str) -> None:
    assert foreign_code(f"<html><head></head><body>{html}</body></html>", [script_hash("var a = 1;")])


def test_the_policy_has_no_source_that_lets_an_injected_script_run() -> None:
    text = policy([script_hash("var a = 1;")])
    assert "unsafe" not in text.split("script-src")[1].split(";")[0]
    assert "frame-ancestors" not in text  # ignored in a <meta> policy, with a console error


def test_a_remote_script_fails_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Math would make Sphinx load MathJax from its CDN: the build refuses to publish a page that loads code
    from elsewhere."""
    project: Project = copy_project(tmp_path)
    index = project.docs / "index.md"
    index.write_text(index.read_text("utf-8") + "\nThe ratio {math}`a^2` grows.\n", "utf-8")
    assert build(project, languages=["en"], formats=("html",)) == 1
    error = capsys.readouterr().err
    assert "remote script https://cdn.jsdelivr.net/" in error and "left out" in error
