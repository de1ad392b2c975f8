"""Every hostile translation of tests/hostile.py is refused by check and by build, and none reaches a reader."""

from __future__ import annotations

import pytest

from hostile import Report, probe


@pytest.fixture(scope="session")
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Report:
    try:
        browser = request.getfixturevalue("browser")
    except pytest.skip.Exception:
        browser = None  # the check and build figures still count; the browser tests skip
    result = probe(tmp_path_factory.mktemp("hostile"), browser)
    print("\n".join(result.lines()))
    return result


def _shown(outcomes: list) -> str:
    return "\n".join(f"{o.catalogue}:{o.line}: {o.payload!r}" for o in outcomes)


def test_check_refuses_every_markup_payload(report: Report) -> None:
    missed = [o for o in report.refused if not o.refused_by_check]
    assert not missed, f"check let through:\n{_shown(missed)}"


def test_the_build_refuses_every_markup_payload_naming_its_entry(report: Report) -> None:
    missed = [o for o in report.refused if not o.refused_by_build]
    assert not missed, f"the build let through:\n{_shown(missed)}"


def test_check_and_build_agree(report: Report) -> None:
    disagree = [o for o in report.refused if o.refused_by_check != o.refused_by_build]
    assert not disagree, f"check and build disagree on:\n{_shown(disagree)}"


def test_no_payload_runs_in_a_browser(report: Report) -> None:
    if not report.pages_opened:
        pytest.skip("no chromium: apt-get install chromium")
    assert not report.dialogs, "script ran:\n" + "\n".join(report.dialogs)


def test_no_page_loads_anything_from_another_host(report: Report) -> None:
    if not report.pages_opened:
        pytest.skip("no chromium: apt-get install chromium")
    assert not report.remote_requests, "\n".join(report.remote_requests)


def test_nothing_from_outside_the_sources_is_published(report: Report) -> None:
    assert not report.leaked_files, "\n".join(report.leaked_files)


def test_every_page_was_opened(report: Report) -> None:
    if not report.pages_opened:
        pytest.skip("no chromium: apt-get install chromium")
    assert report.pages_opened >= 5, "the escaped round publishes the summary, search, status and glossary pages"
