"""Translation checks: each one small, with a public id, a one-line description and a severity.

As in Weblate, a check is a function from a pair (the English message, its translation) to findings, and a
translator silences one check on one entry with the translator comment ``# ignore-<id>`` (several ids may
share the line, separated by commas), which msgcat, msgmerge and every editor keep; the flag ``#, ignore-<id>``
is read too, and the canonical form moves it into such a comment, since gettext drops it. A silenced finding is
still reported in JSON, marked suppressed, and never fails the run. ``unsafe`` cannot be silenced. Only entries
that are translated and not fuzzy are checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tools.catalogues import CatalogueError, Entry, expected_language, read_catalogue, require_usable
from tools.checks import content, markup, terms, typography
from tools.checks.header import header_findings
from tools.findings import Finding
from tools.glossary import Term, load_glossary
from tools.links import counterparts
from tools.parallel import map_files
from tools.po_grammar import suppressions
from tools.terminal import safe


@dataclass
class Pair:
    """One English message and its translation, parsed on demand."""

    source: str
    translation: str
    language: str
    counterparts: dict[str, str]
    terms: list[Term] = field(default_factory=list)
    words: frozenset[str] = frozenset()
    declared: dict[str, frozenset[str]] | None = None  # every language's counterparts; else this language's

    @property
    def allowed_links(self) -> dict[str, frozenset[str]]:
        if self.declared is not None:
            return self.declared
        return {english: frozenset({local}) for english, local in self.counterparts.items()}

    @cached_property
    def source_markup(self) -> markup.Markup:
        return markup.analyse(self.source)

    @cached_property
    def translation_markup(self) -> markup.Markup:
        return markup.analyse(self.translation)


@dataclass(frozen=True)
class Check:
    id: str
    description: str
    severity: str
    run: Callable[[Pair], Iterable[str]]
    suppressible: bool = True

    def messages(self, pair: Pair) -> Iterator[str]:
        """The check's findings on ``pair``, each on one line (excerpts may hold line breaks), with nothing a
        terminal or a CI log would act on (an excerpt of a hostile msgstr may hold escape sequences)."""
        for message in self.run(pair):
            yield safe(message.replace("\r", "").replace("\n", "⏎"))


def _punctuation(pair: Pair) -> Iterator[str]:
    yield from typography.check_trailing(pair.source_markup, pair.translation_markup, pair.language)
    base = pair.language.split("_")[0].split("-")[0]
    if base == "fr":
        yield from typography.check_french_spacing(pair.translation_markup)
    elif base == "es":
        yield from typography.check_spanish_pairs(pair.translation_markup)


CHECKS: tuple[Check, ...] = (
    Check(
        "links",
        "same links as the English, each to the same target or to its declared counterpart in the language",
        "error",
        lambda p: markup.check_links(p.source_markup, p.translation_markup, p.counterparts),
    ),
    Check(
        "literals",
        "inline code, MyST roles, substitutions and footnote references copied unchanged, in any order",
        "error",
        lambda p: markup.check_literals(p.source_markup, p.translation_markup),
    ),
    Check(
        "emphasis",
        "emphasis and strong emphasis kept where the English has them, and balanced",
        "warning",
        lambda p: markup.check_emphasis(p.source_markup, p.translation_markup),
    ),
    Check(
        "unsafe",
        "only the constructs of its English message (links, images, roles, HTML, code, emphasis, blocks), links to "
        "their declared counterparts; nothing outside the source tree, no javascript:/vbscript:/data: URL",
        "error",
        lambda p: markup.check_unsafe(p.source_markup, p.translation_markup, p.source, p.translation, p.allowed_links),
        suppressible=False,
    ),
    Check(
        "punctuation",
        "final . : ? ! … kept; French spacing before ; : ? ! and inside « »; Spanish ¿ ¡ before ? !",
        "warning",
        _punctuation,
    ),
    Check(
        "numbers",
        "every number of the English (dates, counts, +20) in the translation",
        "warning",
        lambda p: content.check_numbers(p.source_markup, p.translation_markup),
    ),
    Check(
        "unchanged",
        "the translation is not the English text, unless that is only code, a URL, a number or a name",
        "warning",
        lambda p: content.check_unchanged(p.source, p.translation),
    ),
    Check(
        "whitespace",
        "same leading and trailing whitespace and line breaks; no doubled space or invisible character",
        "warning",
        lambda p: content.check_whitespace(p.source, p.translation),
    ),
)
CHECKS += (
    Check(
        "glossary",
        "each glossary term of the English rendered by its equivalent; a do-not-translate term kept as it is",
        "warning",
        lambda p: terms.check_glossary(p.source_markup, p.translation_markup, p.language, p.terms),
    ),
    Check(
        "spelling",
        "every word in the language's Hunspell dictionary or the project's word list (markup, code, URLs skipped)",
        "warning",
        lambda p: terms.misspelled(p.translation_markup, p.language, p.words, p.terms),
    ),
)
# Checks that need the project's resources (dictionaries, conventions): run on other catalogues when asked for.
PROJECT_CHECKS = ("spelling",)
FILE_CHECK_ID = "header"
SYNTAX_ID = "syntax"  # the reader's own findings; its errors stop every command, its warnings are findings
REGISTRY = {check.id: check for check in CHECKS}
ALL_IDS = (*REGISTRY, FILE_CHECK_ID)


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
) -> list[Finding]:
    """The findings of the selected checks on one translated, non-fuzzy entry."""
    silenced = suppressions(entry.comments, entry.flags)
    findings = []
    for source, translation in _pairs(entry):
        pair = Pair(source, translation, language, links, glossary or [], words, declared)
        for check in selected:
            for message in check.messages(pair):
                suppressed = check.id in silenced and check.suppressible
                findings.append(Finding(path, entry.line, check.id, check.severity, message, entry.msgid, suppressed))
    if "unsafe" in silenced and any(check.id == "unsafe" for check in selected):
        findings.append(
            Finding(path, entry.line, "unsafe", "error", "the flag ignore-unsafe has no effect: remove it", entry.msgid)
        )
    return findings


def check_catalogue(
    path: Path, selected: tuple[str, ...] = ALL_IDS, locale: Path | None = None, fuzzy: bool = False
) -> list[Finding]:
    """Every finding in one catalogue; fuzzy entries too if ``fuzzy`` (a build that uses them checks them).
    Raises CatalogueError for a catalogue that cannot be read."""
    catalogue = read_catalogue(path)
    require_usable(catalogue)
    language = catalogue.metadata.get("Language") or expected_language(path) or "und"
    locale = locale or path.parent.parent.parent
    links = counterparts(locale, language)
    declared = markup.declared_counterparts(locale)
    glossary = load_glossary(locale)
    words = terms.load_wordlist(locale)
    checks = [REGISTRY[i] for i in selected if i in REGISTRY]
    findings = header_findings(path, catalogue.metadata) if FILE_CHECK_ID in selected else []
    if SYNTAX_ID in selected:
        # What msgfmt reads and other tools misread: the build is not at risk, a translator's editor may be.
        warnings = [p for p in catalogue.problems if p.severity == "warning"]
        findings += [Finding(path, p.line, SYNTAX_ID, "warning", p.message) for p in warnings]
    for entry in catalogue.entries:
        if (entry.fuzzy and not fuzzy) or entry.untranslated:
            continue
        findings += check_entry(path, entry, language, links, checks, glossary, words, declared)
    return findings


def _safe_check(args: tuple[Path, tuple[str, ...], Path | None]) -> list[Finding] | CatalogueError:
    path, selected, locale = args
    try:
        return check_catalogue(path, selected, locale)
    except CatalogueError as error:
        return error


def check_catalogues(
    paths: list[Path], selected: tuple[str, ...] = ALL_IDS, locale: Path | None = None, jobs: int | None = None
) -> tuple[list[Finding], list[CatalogueError]]:
    """Findings for many catalogues, over every core; unreadable catalogues come back as errors."""
    results = map_files(_CheckOne(selected, locale), paths, jobs)
    findings = [f for r in results if not isinstance(r, CatalogueError) for f in r]
    errors = [r for r in results if isinstance(r, CatalogueError)]
    findings.sort(key=lambda f: (str(f.path), f.line, f.check))
    return findings, errors


@dataclass(frozen=True)
class _CheckOne:
    """Picklable: worker processes receive it with each batch."""

    selected: tuple[str, ...]
    locale: Path | None

    def __call__(self, path: Path) -> list[Finding] | CatalogueError:
        return _safe_check((path, self.selected, self.locale))
