"""Translation statistics per catalogue and per language, counted as GNU gettext counts them.

The rules are msgfmt's (``msgfmt --statistics``): the header is not a message; obsolete entries are not
messages; an entry whose first msgstr is empty is untranslated, fuzzy or not; a plural entry counts once;
every other fuzzy entry is fuzzy. Catalogues are validated strictly before they are counted and parsed by
Babel, over several processes when there are many.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from tools.catalogs import CatalogError, expected_language, header_language, read_valid

_SKIPPED = {"#:", "#.", "#|", "# ", "#"}
# Below this many files, starting worker processes costs more than it saves.
_PARALLEL_FROM = 16


def count_words(text: str) -> int:
    """Words as translation tools count them, runs of non-blank characters: ``gender-sensitive``,
    ``l'égalité`` and ``+20`` are one each."""
    return len(text.split())


@dataclass(frozen=True)
class CatalogStats:
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
    files: list[CatalogStats] = field(default_factory=list)

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
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(path: Path) -> CatalogStats:
    """Validate and count one catalogue. Raises CatalogError."""
    path = Path(path)
    text, header = read_valid(path)
    language = header_language(header) or expected_language(path) or "und"
    # Counting needs no references, comments or blank lines, and parsing them is most of Babel's work: hand
    # it the rest, and map its line numbers back. (Validation made sure no comment stands inside an entry.)
    kept = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and line[:2] not in _SKIPPED]
    numbers = [n for n, _ in kept]
    try:
        # Babel prints its complaints unless told to raise them; validation should leave it none to make.
        catalog = read_po([line for _, line in kept], abort_invalid=True)
    except PoFileError as error:
        raise CatalogError(path, numbers[min(error.lineno, len(numbers) - 1)], f"unreadable entry: {error}") from None
    except Exception as error:  # whatever Babel trips on is bad input to report, not a crash
        raise CatalogError(path, 1, f"Babel cannot read this catalogue: {type(error).__name__}: {error}") from None
    translated = fuzzy = untranslated = words = words_left = 0
    first_incomplete = None
    # msgfmt counts a header with an empty msgstr as an untranslated message.
    if not header:
        untranslated += 1
    for message in catalog._messages.values():  # the header is not in _messages; iterating yields it first
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        first = message.string[0] if isinstance(message.string, tuple) else message.string
        n = count_words(source)
        words += n
        if not first:
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
            continue
        words_left += n
        line = numbers[message.lineno - 1]
        if first_incomplete is None or line < first_incomplete:
            first_incomplete = line
    return CatalogStats(
        path=path,
        language=language,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=untranslated,
        obsolete=len(catalog.obsolete),
        words=words,
        words_left=words_left,
        first_incomplete_line=first_incomplete,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _balanced(paths: Sequence[Path], count: int) -> list[list[Path]]:
    """``count`` batches of about equal size in bytes, largest first: each worker call carries many files
    (a call per file costs more in messages between processes than small files cost to count), and the
    workers finish together."""
    batches: list[list[Path]] = [[] for _ in range(min(count, len(paths)))]
    loads = [0] * len(batches)
    for path, size in sorted(((p, _size(p)) for p in paths), key=lambda item: -item[1]):
        lightest = loads.index(min(loads))
        batches[lightest].append(path)
        loads[lightest] += size
    return [batch for _, batch in sorted(zip(loads, batches, strict=True), key=lambda item: -item[0])]


def _batch_stats(paths: list[Path]) -> list[CatalogStats | CatalogError]:
    return [_safe_stats(path) for path in paths]


def _safe_stats(path: Path) -> CatalogStats | CatalogError:
    try:
        return catalog_stats(path)
    except CatalogError as error:
        return error


def collect(paths: Sequence[Path], jobs: int | None = None) -> tuple[list[CatalogStats], list[CatalogError]]:
    """Count every catalogue; invalid ones come back as errors, never as wrong numbers."""
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(paths) >= _PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            batches = pool.map(_batch_stats, _balanced(paths, jobs * 4))
            results = [result for batch in batches for result in batch]
    else:
        results = [_safe_stats(path) for path in paths]
    stats = [r for r in results if isinstance(r, CatalogStats)]
    errors = [r for r in results if isinstance(r, CatalogError)]
    return stats, errors


def by_language(stats: Iterable[CatalogStats], languages: Iterable[str] | None = None) -> list[LanguageStats]:
    """Group per language, in language order; ``languages`` keeps only those."""
    wanted = set(languages) if languages else None
    groups: dict[str, LanguageStats] = {}
    for item in sorted(stats, key=lambda s: (s.language, str(s.path))):
        if wanted is None or item.language in wanted:
            groups.setdefault(item.language, LanguageStats(item.language)).files.append(item)
    return [groups[key] for key in sorted(groups)]
