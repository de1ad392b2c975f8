"""Shared fixtures: the project copied to a temporary folder and its site built once per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tools.site import Project, build

from browser import HOW_TO_ENABLE, launch

# Property tests: a few hundred cases on every run; `pytest --hypothesis-profile=long` for a deeper search.
settings.register_profile("default", max_examples=250, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
_COPIED = ("docs", "locale", "tools")


def copy_project(target: Path) -> Project:
    """A private copy of the sources, so a test may break it (and Sphinx's .mo files stay out of the repo)."""
    for name in _COPIED:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # Its configuration too: under `mutmut run` the copied tools/ reads mutmut's from it, in every process a test
    # starts there (Sphinx, python -m tools).
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    return Project(root=target, build=target / "build")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("project"))
    status = build(project)
    assert status == 0, "the site build failed; run `python -m tools build` to see why"
    return project


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the session: Playwright's synchronous API cannot be started twice in one process."""
    api = pytest.importorskip("playwright.sync_api", reason="pip install playwright to run the browser tests")
    with api.sync_playwright() as playwright:
        try:
            launched = launch(playwright)
        except api.Error as error:
            if os.environ.get("REQUIRE_BROWSER"):
                raise
            pytest.skip(f"{HOW_TO_ENABLE} ({str(error).splitlines()[0]})")
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(built_project: Project) -> Path:
    return built_project.site


@pytest.fixture(scope="session")
def languages(built_project: Project) -> list[str]:
    return built_project.languages()
