"""Shared fixtures: the project copied to a temporary folder and its site built once per session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tools.site_build import Project, build

from browser import HOW_TO_ENABLE, launch
from helpers import copy_project

# The spelling verdicts of a session are its own (tools/spelling_verdicts.py): none from a run before, and none
# left in the user's cache. Commands run in processes of their own inherit it.
os.environ["PUBLICATION_CACHE_DIR"] = tempfile.mkdtemp(prefix="publication-cache-")

# Property tests: a few hundred cases on every run; `pytest --hypothesis-profile=long` for a deeper search.
settings.register_profile("default", max_examples=250, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
# Under mutation testing (mutmut sets MUTANT_UNDER_TEST, "" included, before the tests run) each mutant reruns
# every property test that reaches it, up to a thousand times over: 25 examples each keep a run within hours, and
# a mutant the pinned tests miss still meets a few generated cases.
settings.register_profile("mutants", max_examples=25, deadline=None)
settings.load_profile("mutants" if "MUTANT_UNDER_TEST" in os.environ else "default")


@pytest.fixture(autouse=True)
def _no_result_from_before() -> None:
    """Under mutation testing, each mutant's tests run in a process forked from one that ran the tests
    already: a message parsed then would come from the cache, not from the mutated parser."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        from tools.checks.markdown import analyse

        analyse.cache_clear()


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
