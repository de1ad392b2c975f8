"""Runs the registered checks on catalogues: one entry, one catalogue, or many over every core.

Only entries that are translated and not fuzzy are checked (fuzzy ones too for a build that uses them). A
translator silences one check on one entry with the comment ``# ignore-<id>`` (several ids may share the line,
separated by commas), which msgcat, msgmerge and every editor keep; the flag ``#, ignore-<id>`` is read too,
and the canonical form moves it into such a comment, since gettext drops it. A silenced finding is still
reported in JSON, marked suppressed, and never fails the run. A check declared not suppressible (``unsafe``)
cannot be silenced.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tools.catalogues import (
    CatalogueError,
    Entry,
    document_folder,
    expected_language,
    locale_folder,
    messages_folder,
    read_catalogue,
    require_usable,
)
from tools.checks.pair import INTERFACE_CATALOGUE, Pair
from tools.checks.registry import Check, Scope, Severity, of_scope
from tools.checks.term_names import entry_names
from tools.checks.terms import load_wordlist
from tools.findings import Finding
from tools.glossary import Term, load_glossary
from tools.links import counterparts, declared_counterparts
from tools.parallel import map_files
from tools.po_grammar import suppressions


def _pairs(entry: Entry) -> list[tuple[str, str]]:
    if entry.msgid_plural is not None:
        return [(entry.msgid if i == 0 else entry.msgid_plural, text) for i, text in enumerate(entry.msgstrs) if text]
    return [(entry.msgid, entry.msgstrs[0])]


def check_entry(
    path: Path,
    entry: Entry,
    language: str,
    links: dict[str, str],
    selected: list[Check],
    glossary: list[Term] | None = None,
    words: frozenset[str] = frozenset(),
    declared: dict[str, frozenset[str]] | None = None,
    folder: str = "",
    entry_names: Callable[[], dict[str, str]] | None = None,
) -> list[Finding]:
    """The findings of the selected message checks on one entry of a catalogue whose document is in
    ``folder`` of the source tree."""
    silenced = suppressions(entry.comments, entry.flags)
    # The interface catalogue's messages are text the templates escape and %-format; a document's are MyST, and a
    # python-format flag (which a translator can write) makes them %-formatted, never text.
    interface = os.path.basename(path) == INTERFACE_CATALOGUE
    python_format = "python-format" in entry.flags
    findings = []
    for source, translation in _pairs(entry):
        pair = Pair(
            source,
            translation,
            language,
            links,
            glossary or [],
            words,
            declared,
            folder,
            interface,
            entry_names,
            python_format,
        )
        for check in selected:
            for message in check.messages(pair):
                suppressed = check.id in silenced and check.suppressible
                findings.append(Finding(path, entry.line, check.id, check.severity, message, entry.msgid, suppressed))
    for check in selected:
        if not check.suppressible and check.id in silenced:
            message = f"the flag ignore-{check.id} has no effect: remove it"
            findings.append(Finding(path, entry.line, check.id, Severity.ERROR, message, entry.msgid))
    return findings


def check_catalogue(
    path: Path, selected: Iterable[str], locale: Path | None = None, fuzzy: bool = False, fix: bool = False
) -> list[Finding]:
    """Every finding of the ``selected`` checks in one catalogue; fuzzy entries too if ``fuzzy``; ``fix`` for
    the checks that can rewrite the file. Raises CatalogueError for a catalogue that cannot be read."""
    selected = tuple(selected)
    catalogue = read_catalogue(path)
    require_usable(catalogue)
    findings = []
    for check in of_scope(Scope.CATALOGUE, selected):
        for found in check.check(catalogue, fix):
            severity = found.severity or check.severity
            findings.append(Finding(path, found.line, check.id, severity, found.message, fixed=found.fixed))
    checks = of_scope(Scope.MESSAGE, selected)
    if not checks:
        return findings
    language = catalogue.metadata.get("Language") or expected_language(path) or "und"
    locale = locale or locale_folder(path)
    folder = document_folder(path)
    links = counterparts(locale, language)
    declared = declared_counterparts(locale)
    glossary = load_glossary(locale)
    words = load_wordlist(locale)
    messages = messages_folder(Path(path).absolute())
    names = partial(entry_names, messages) if messages is not None else None
    for entry in catalogue.entries:
        if (entry.fuzzy and not fuzzy) or entry.untranslated:
            continue
        findings += check_entry(path, entry, language, links, checks, glossary, words, declared, folder, names)
    return findings


@dataclass(frozen=True)
class _CheckOne:
    """Picklable: worker processes receive it with each batch."""

    selected: tuple[str, ...]
    locale: Path | None
    fix: bool

    def __call__(self, path: Path) -> list[Finding] | CatalogueError:
        try:
            return check_catalogue(path, self.selected, self.locale, fix=self.fix)
        except CatalogueError as error:
            return error


def check_catalogues(
    paths: list[Path], selected: Iterable[str], locale: Path | None = None, jobs: int | None = None, fix: bool = False
) -> tuple[list[Finding], list[CatalogueError]]:
    """Findings for many catalogues, over every core, in file and line order; unreadable catalogues come back
    as errors."""
    results = map_files(_CheckOne(tuple(selected), locale, fix), paths, jobs)
    findings = [f for r in results if not isinstance(r, CatalogueError) for f in r]
    errors = [r for r in results if isinstance(r, CatalogueError)]
    findings.sort(key=lambda f: (str(f.path), f.line, f.check))
    return findings, errors
