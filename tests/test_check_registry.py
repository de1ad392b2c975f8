"""The check registry: every check declared once with its id, severity and description, documented for
translators, and the selection policy of ``check`` as a table."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tools.checks import REGISTRY, Pair, Scope, Severity, UnknownCheck, selection
from tools.checks.registry import MessageCheck

from helpers import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
MESSAGE = {c.id for c in REGISTRY.values() if c.scope is Scope.MESSAGE}
EVERY = set(REGISTRY)
PROJECT_ONLY = {"sync", "wrapping", "spelling"}


def test_every_check_has_an_id_a_severity_and_a_one_line_description() -> None:
    assert len(EVERY) == 17
    for declared in REGISTRY.values():
        assert re.fullmatch(r"[a-z]+", declared.id)
        assert isinstance(declared.severity, Severity)
        assert declared.description and "\n" not in declared.description, declared.id
    assert {c.id for c in REGISTRY.values() if not c.suppressible} == {"unsafe"}
    assert {c.id for c in REGISTRY.values() if c.project_only} == PROJECT_ONLY


def test_every_check_is_described_in_the_translators_guide_with_its_severity() -> None:
    headings = re.findall(r"^### (.+)$", GUIDE, flags=re.MULTILINE)
    for declared in REGISTRY.values():
        heading = next((h for h in headings if f"`{declared.id}`" in h), None)
        assert heading is not None, f"CONTRIBUTING.md has no heading for {declared.id}"
        if declared.scope is Scope.MESSAGE:
            assert f"`{declared.id}` ({declared.severity}" in heading, heading


def test_a_check_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match="'links' is declared twice"):

        class Again(MessageCheck, id="links", severity=Severity.WARNING):
            def check(self, pair: Pair) -> Iterator[str]:
                yield "never"

    assert REGISTRY["links"].severity is Severity.ERROR and type(REGISTRY["links"]).__name__ == "Links"


@pytest.mark.parametrize(
    ("select", "ignore", "sync_only", "own_project", "expected"),
    [
        (None, None, False, True, EVERY),
        (None, None, False, False, EVERY - PROJECT_ONLY),
        ("links", None, False, False, {"links"}),
        ("spelling, links", None, False, False, {"links", "spelling"}),  # asked for: run on any catalogue
        (None, "spelling,unsafe", False, True, EVERY - {"spelling", "unsafe"}),
        ("links,numbers", "numbers", False, True, {"links"}),
        (None, None, True, True, {"sync"}),
        ("links", None, True, True, {"sync"}),
        (None, "sync", True, True, set()),
        (",, ,", None, False, True, EVERY),
    ],
)
def test_selection(select: str | None, ignore: str | None, sync_only: bool, own_project: bool, expected: set) -> None:
    assert selection(select, ignore, sync_only=sync_only, own_project=own_project) == expected


def test_an_unknown_id_is_refused_with_the_list_of_checks() -> None:
    with pytest.raises(UnknownCheck) as raised:
        selection("links,nope", "zzz", sync_only=False, own_project=True)
    assert str(raised.value) == f"unknown check nope, zzz; the checks are {', '.join(sorted(EVERY))}"
