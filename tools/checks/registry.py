"""The registry of checks. Each check declares itself where its code lives, as in Weblate: a class with its id
and severity in the class statement, whose docstring's first paragraph is the description ``check --help`` and
the README show, and one method, ``check``, whose signature its scope sets:

- ``MessageCheck``: ``check(pair: Pair) -> Iterable[str]``, one English message and its translation;
- ``CatalogueCheck``: ``check(catalogue: Catalogue, fix: bool) -> Iterable[Found]``, one file as a whole;
- ``ProjectCheck``: ``check(root: Path, languages: list[str]) -> Iterable[Finding]``, the catalogues against
  the English source.

The id is what ``--select``, ``--ignore`` and a translator's ``# ignore-<id>`` name. Declaring the class
registers one instance of it in ``REGISTRY``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tools.output import safe

if TYPE_CHECKING:
    from tools.catalogues import Catalogue
    from tools.checks.pair import Pair
    from tools.findings import Finding


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
    """What a catalogue check finds at one line; ``severity`` when it is not the check's own; ``fixed`` when
    ``--fix`` has already put it right."""

    line: int
    message: str
    severity: Severity | None = None
    fixed: bool = False


class Check:
    """A check: a subclass of one of the three scopes below, with ``id=`` and ``severity=`` in its class
    statement (and ``suppressible=False``, ``project_only=True`` or ``documents_only=True`` where they
    apply)."""

    id: str
    severity: Severity
    scope: Scope
    suppressible: bool = True  # by a translator's ``# ignore-<id>``
    project_only: bool = False  # the project's conventions: other catalogues get it only when asked for
    # Reads a document's message as MyST: not an interface string (sphinx.po), which is text that the templates
    # escape (tools/sphinxext/interface.py), its markup judged by ``placeholders``.
    documents_only: bool = False

    def __init_subclass__(
        cls,
        *,
        id: str | None = None,
        severity: Severity = Severity.ERROR,
        suppressible: bool = True,
        project_only: bool = False,
        documents_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        if id is None:  # a scope, not a check
            return
        if id in REGISTRY:
            raise ValueError(f"the check {id!r} is declared twice")
        cls.id, cls.severity, cls.suppressible, cls.project_only = id, severity, suppressible, project_only
        cls.documents_only = documents_only
        REGISTRY[id] = cls()

    @property
    def description(self) -> str:
        return " ".join((type(self).__doc__ or "").split("\n\n")[0].split())


class MessageCheck(Check):
    scope = Scope.MESSAGE

    def check(self, pair: Pair) -> Iterable[str]:
        raise NotImplementedError

    def messages(self, pair: Pair) -> Iterator[str]:
        """The check's findings on ``pair``, each on one line (excerpts may hold line breaks), with nothing a
        terminal or a CI log would act on (an excerpt of a hostile msgstr may hold escape sequences)."""
        if self.documents_only and pair.interface:
            return
        for message in self.check(pair):
            yield safe(message.replace("\r", "").replace("\n", "⏎"))


class CatalogueCheck(Check):
    scope = Scope.CATALOGUE

    def check(self, catalogue: Catalogue, fix: bool) -> Iterable[Found]:
        raise NotImplementedError


class ProjectCheck(Check):
    scope = Scope.PROJECT

    def check(self, root: Path, languages: list[str]) -> Iterable[Finding]:
        raise NotImplementedError


REGISTRY: dict[str, Check] = {}


class UnknownCheck(ValueError):
    pass


def of_scope(scope: Scope, selected: Iterable[str] | None = None) -> list[Check]:
    """The checks of ``scope`` in declaration order, only those in ``selected`` when it is given."""
    wanted = None if selected is None else set(selected)
    return [c for c in REGISTRY.values() if c.scope is scope and (wanted is None or c.id in wanted)]


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
