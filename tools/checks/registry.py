"""The registry of checks. Each check declares itself where its code lives, as in Weblate and pofilter:

    @check("links", Severity.ERROR)
    def links(pair: Pair) -> Iterator[str]:
        \"\"\"same links as the English, …\"\"\"

The id is what ``--select``, ``--ignore`` and a translator's ``# ignore-<id>`` name; the docstring's first
paragraph is the description ``check --help`` and the README show. A check has one signature, set by its scope:

- ``Scope.MESSAGE``: ``(pair: Pair) -> Iterable[str]``, one English message and its translation;
- ``Scope.CATALOGUE``: ``(catalogue: Catalogue, fix: bool) -> Iterable[Found]``, one file as a whole;
- ``Scope.PROJECT``: ``(root: Path, languages: list[str]) -> Iterable[Finding]``, the catalogues against the
  English source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tools.output import safe


class Severity(StrEnum):
    """An error fails the run (exit 1); a warning is reported and does not."""

    ERROR = "error"
    WARNING = "warning"


class Scope(StrEnum):
    MESSAGE = "message"
    CATALOGUE = "catalogue"
    PROJECT = "project"


@dataclass(frozen=True)
class Found:
    """What a catalogue check finds at one line; ``severity`` when it is not the check's own."""

    line: int
    message: str
    severity: Severity | None = None


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    scope: Scope
    run: Callable[..., Iterable[Any]]
    suppressible: bool = True  # by a translator's ``# ignore-<id>``
    project_only: bool = False  # the project's conventions: other catalogues get it only when asked for

    @property
    def description(self) -> str:
        return " ".join((self.run.__doc__ or "").split("\n\n")[0].split())

    def messages(self, pair: Any) -> Iterator[str]:
        """A message check's findings on ``pair``, each on one line (excerpts may hold line breaks), with
        nothing a terminal or a CI log would act on (an excerpt of a hostile msgstr may hold escape sequences)."""
        for message in self.run(pair):
            yield safe(message.replace("\r", "").replace("\n", "⏎"))


REGISTRY: dict[str, Check] = {}


def check(
    id: str, severity: Severity, *, scope: Scope = Scope.MESSAGE, suppressible: bool = True, project_only: bool = False
) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Declare the decorated function as the check ``id``."""

    def register(function: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if id in REGISTRY:
            raise ValueError(f"the check {id!r} is declared twice")
        REGISTRY[id] = Check(id, severity, scope, function, suppressible, project_only)
        return function

    return register


def of_scope(scope: Scope, selected: Iterable[str] | None = None) -> list[Check]:
    """The checks of ``scope`` in declaration order, only those in ``selected`` when it is given."""
    wanted = None if selected is None else set(selected)
    return [c for c in REGISTRY.values() if c.scope is scope and (wanted is None or c.id in wanted)]


class UnknownCheck(ValueError):
    pass


def _ids(text: str | None) -> set[str]:
    return {part.strip() for part in (text or "").split(",") if part.strip()}


def selection(select: str | None, ignore: str | None, *, sync_only: bool, own_project: bool) -> set[str]:
    """The ids a run checks: those ``select`` names (comma-separated), or every check, less the project's
    conventions when the catalogues are not the project's own; only ``sync`` when ``sync_only``; never those
    ``ignore`` names. Raises UnknownCheck for an id no check has."""
    unknown = sorted((_ids(select) | _ids(ignore)) - set(REGISTRY))
    if unknown:
        raise UnknownCheck(f"unknown check {', '.join(unknown)}; the checks are {', '.join(sorted(REGISTRY))}")
    every = {c.id for c in REGISTRY.values() if own_project or not c.project_only}
    chosen = {"sync"} if sync_only else _ids(select) or every
    return chosen - _ids(ignore)
