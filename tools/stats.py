"""Translation statistics per catalogue and per language, counted as GNU gettext counts them.

The rules are msgfmt's (``msgfmt --statistics``): the header is not a message; obsolete entries are not
messages; an entry whose first msgstr is empty is untranslated, fuzzy or not; a plural entry counts once;
every other fuzzy entry is fuzzy. Catalogues are read by the project's one reader (``tools.po_grammar``), which
stops where msgfmt stops, over several processes when there are many. What msgfmt counts and the project
refuses (a missing charset, the limits on message size) is counted here and refused by ``check`` and the build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tools.catalogues import CatalogueError, expected_language, read_catalogue
from tools.parallel import map_files


def count_words(text: str) -> int:
    """Words as translation tools count them, runs of non-blank characters: ``gender-sensitive``,
    ``l'égalité`` and ``+20`` are one each."""
    return len(text.split())


@dataclass(frozen=True)
class CatalogueStats:
    """The counts of one ``.po`` file."""

    path: Path
    language: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    words: int
    words_left: int
    first_incomplete_line: int | None = None
    # Why the catalogue cannot be used, if it cannot: its counts are msgfmt's when msgfmt reads it, else 0.
    error: CatalogueError | None = None
    readable: bool = True

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Share of messages translated; an empty catalogue has nothing left to do."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total


@dataclass
class LanguageStats:
    """A language's catalogues and their sums."""

    language: str
    files: list[CatalogueStats] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    translated = property(lambda self: self._sum("translated"))
    fuzzy = property(lambda self: self._sum("fuzzy"))
    untranslated = property(lambda self: self._sum("untranslated"))
    obsolete = property(lambda self: self._sum("obsolete"))
    words = property(lambda self: self._sum("words"))
    words_left = property(lambda self: self._sum("words_left"))
    total = property(lambda self: self._sum("total"))

    @property
    def failed(self) -> list[CatalogueStats]:
        return [f for f in self.files if f.failed]

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalogue_stats(path: Path) -> CatalogueStats:
    """Validate and count one catalogue. Raises CatalogueError."""
    path = Path(path)
    catalogue = read_catalogue(path)
    language = catalogue.language or expected_language(path) or "und"
    translated = fuzzy = untranslated = words = words_left = 0
    first_incomplete = None
    # msgfmt counts a header with an empty msgstr as an untranslated message.
    if catalogue.parsed.header_message is not None and not catalogue.header:
        untranslated += 1
    for entry in catalogue.entries:
        n = count_words(entry.msgid)
        words += n
        if entry.untranslated:
            untranslated += 1
        elif entry.fuzzy:
            fuzzy += 1
        else:
            translated += 1
            continue
        words_left += n
        if first_incomplete is None or entry.line < first_incomplete:
            first_incomplete = entry.line
    error = next((CatalogueError(path, p.line, p.message) for p in catalogue.problems if p.severity == "error"), None)
    return CatalogueStats(
        error=error,
        path=path,
        language=language,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=untranslated,
        obsolete=catalogue.obsolete,
        words=words,
        words_left=words_left,
        first_incomplete_line=first_incomplete,
    )


def _safe_stats(path: Path) -> CatalogueStats:
    try:
        return catalogue_stats(path)
    except CatalogueError as error:
        # A row of its own, failed: a language with an unreadable file is never shown as complete.
        language = expected_language(Path(path)) or "und"
        return CatalogueStats(Path(path), language, 0, 0, 0, 0, 0, 0, error=error, readable=False)


def collect(paths: Sequence[Path], jobs: int | None = None) -> tuple[list[CatalogueStats], list[CatalogueError]]:
    """Count every catalogue; each one that cannot be used is a failed row, and its error is in the list."""
    stats = map_files(_safe_stats, paths, jobs)
    return stats, errors_of(stats)


def errors_of(stats: Iterable[CatalogueStats]) -> list[CatalogueError]:
    """The errors of the failed rows, in the order of the files and lines."""
    return sorted((s.error for s in stats if s.error is not None), key=lambda e: (str(e.path), e.line))


def by_language(stats: Iterable[CatalogueStats], languages: Iterable[str] | None = None) -> list[LanguageStats]:
    """Group per language, in language order; ``languages`` keeps only those."""
    wanted = set(languages) if languages else None
    groups: dict[str, LanguageStats] = {}
    for item in sorted(stats, key=lambda s: (s.language, str(s.path))):
        if wanted is None or item.language in wanted:
            groups.setdefault(item.language, LanguageStats(item.language)).files.append(item)
    return [groups[key] for key in sorted(groups)]
