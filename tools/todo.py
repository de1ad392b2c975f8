"""What is left to translate, entry by entry: each fuzzy entry with what changed in its English, each
untranslated one with the nearest translated entry as a suggestion.

An item is what ``msgfmt --statistics`` counts as fuzzy or untranslated (the counts of ``stats``), so the list
and the statistics never disagree. Items come in the order a translator walks the catalogues: language, file,
line. The suggestions are a translation memory made of the project's own catalogues: for each untranslated
entry, the translated entry of the same language whose English is most alike, if it is at least as alike as
msgmerge asks before it offers a fuzzy match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from tools.catalogues import CatalogueError, expected_language, read_catalogue
from tools.parallel import map_files
from tools.word_diff import Piece, tokens, word_diff

# msgmerge's FUZZY_THRESHOLD: below it, a match misleads more than it helps.
SIMILARITY_THRESHOLD = 0.6
# The candidates that share the most words with an entry are compared in full; the others cannot be alike.
_CANDIDATES = 30
_LOOKED_UP = 500


@dataclass(frozen=True)
class Suggestion:
    """A translated entry whose English is like an untranslated one's."""

    path: Path
    line: int
    source: str
    translation: str
    similarity: float


@dataclass(frozen=True)
class Item:
    """One entry that is not translated yet."""

    path: Path
    line: int
    language: str
    source: str
    context: str | None
    fuzzy: bool  # else untranslated
    translation: str = ""  # the fuzzy translation, to review
    previous: str | None = None  # the English it was translated from (#| msgid)
    suggestion: Suggestion | None = None

    @property
    def kind(self) -> str:
        return "fuzzy" if self.fuzzy else "untranslated"

    @property
    def changes(self) -> list[Piece]:
        """What changed in the English since it was translated; empty when that English is not known."""
        return word_diff(self.previous, self.source) if self.previous is not None else []

    @property
    def words(self) -> int:
        return len(self.source.split())


@dataclass
class LanguageTodo:
    """A language's items, in file and line order."""

    language: str
    items: list[Item] = field(default_factory=list)

    fuzzy = property(lambda self: sum(item.fuzzy for item in self.items))
    untranslated = property(lambda self: sum(not item.fuzzy for item in self.items))
    words = property(lambda self: sum(item.words for item in self.items))
    files = property(lambda self: len({item.path for item in self.items}))


@dataclass(frozen=True)
class _Read:
    """What one catalogue gives: its items and its translated entries (the memory), or why it cannot."""

    path: Path
    language: str
    items: list[Item]
    memory: list[tuple[str, str, int]]  # English, translation, line
    error: CatalogueError | None = None


def _read(path: Path) -> _Read:
    path = Path(path)
    try:
        catalogue = read_catalogue(path)
    except CatalogueError as error:
        return _Read(path, expected_language(path) or "und", [], [], error)
    language = catalogue.language or expected_language(path) or "und"
    items, memory = [], []
    for entry in catalogue.entries:
        if not entry.untranslated and not entry.fuzzy:
            memory.append((entry.msgid, entry.msgstrs[0], entry.line))
            continue
        fuzzy = not entry.untranslated
        items.append(Item(
            path, entry.line, language, entry.msgid, entry.context, fuzzy,
            translation=entry.msgstrs[0] if fuzzy else "", previous=entry.previous.get("msgid"),
        ))  # fmt: skip
    return _Read(path, language, items, memory)


class Memory:
    """The translated entries of one language, found by the words they share with a new English text and
    ranked by the words they share in order: twice the longest common subsequence of words over both lengths
    (rapidfuzz's ratio, in C; difflib's ratio approximates the same measure)."""

    def __init__(self, entries: Iterable[tuple[Path, str, str, int]]) -> None:
        self._entries = list(entries)
        self._words = [_words(source) for _path, source, _translation, _line in self._entries]
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(self._words):
            for word in set(words):
                self._by_word[word].append(index)

    def nearest(self, source: str) -> Suggestion | None:
        words = _words(source)
        # The rarest words first, as far as a budget of entries: a word found everywhere ("the", "of") finds
        # nothing in particular, and counting its thousands of entries for every new text would be most of
        # the work. It still counts in the ratio.
        postings = sorted((self._by_word[w] for w in set(words) if w in self._by_word), key=len)
        shared: Counter[int] = Counter()
        budget = _LOOKED_UP
        for posting in postings:
            if budget <= 0:
                break
            shared.update(posting)
            budget -= len(posting)
        candidates = [index for index, _count in shared.most_common(_CANDIDATES)]
        found = process.extractOne(
            words, [self._words[i] for i in candidates], scorer=fuzz.ratio, score_cutoff=SIMILARITY_THRESHOLD * 100
        )
        if found is None:
            return None
        _choice, score, position = found
        path, english, translation, line = self._entries[candidates[position]]
        return Suggestion(path, line, english, translation, score / 100)


def _words(text: str) -> list[str]:
    return [t for t in tokens(text.lower()) if not t.isspace()]


def collect(paths: Sequence[Path], jobs: int | None = None) -> tuple[list[LanguageTodo], list[CatalogueError]]:
    """The to-do of every language of ``paths``, and the catalogues that cannot be read."""
    read = map_files(_read, paths, jobs)
    errors = sorted((r.error for r in read if r.error is not None), key=lambda e: (str(e.path), e.line))
    languages: dict[str, list[_Read]] = defaultdict(list)
    for found in read:
        if found.error is None:
            languages[found.language].append(found)
    todos = []
    for language in sorted(languages):
        files = sorted(languages[language], key=lambda r: str(r.path))
        memory = Memory((f.path, source, text, line) for f in files for source, text, line in f.memory)
        items = [
            item if item.fuzzy else _with_suggestion(item, memory) for found in files for item in found.items
        ]  # fmt: skip
        todos.append(LanguageTodo(language, items))
    return todos, errors


def _with_suggestion(item: Item, memory: Memory) -> Item:
    suggestion = memory.nearest(item.source)
    return item if suggestion is None else replace(item, suggestion=suggestion)
