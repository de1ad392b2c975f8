"""The project's terminology: one CSV row per English term with its equivalent in each language.

CSV rather than TBX: a translator edits it in any spreadsheet, a change is one line in a diff, and Python reads
it without a library. A column per language (``es``, ``fr``, …: adding a language adds a column); ``=`` in a
language's column marks a term that is not translated; ``note`` says why or how.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

GLOSSARY_FILE = "glossary.csv"
KEEP = "="


def _normalise(text: str) -> str:
    """Case, apostrophes and accents aside: plurals move accents (capacitación, capacitaciones)."""
    decomposed = unicodedata.normalize("NFD", text.replace("’", "'").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pattern(term: str, english: bool) -> re.Pattern[str]:
    """The term with each word in singular or plural, any case, at word boundaries."""
    words = [re.escape(_normalise(word)) for word in term.split()]
    if english:
        plural = r"(?:s|es)?"
        parts = [w + plural for w in words]
    else:
        # Romance plurals: -s, -es, and -al/-el → -ales/-els forms are covered by an optional "e?s".
        parts = [w + r"(?:e?s|x)?" for w in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


@dataclass(frozen=True)
class Term:
    english: str
    translations: dict[str, str]
    note: str = ""

    def keep(self, language: str) -> bool:
        return self.translations.get(language) == KEEP

    def equivalent(self, language: str) -> str | None:
        value = self.translations.get(language)
        return self.english if value == KEEP else value or None

    @cached_property
    def source_pattern(self) -> re.Pattern[str]:
        return _pattern(self.english, english=True)

    def in_source(self, text: str) -> bool:
        return bool(self.source_pattern.search(_normalise(text)))

    def in_translation(self, text: str, language: str) -> bool:
        equivalent = self.equivalent(language)
        if equivalent is None:
            return True
        if self.keep(language):
            return bool(re.search(r"(?<!\w)" + re.escape(equivalent) + r"(?!\w)", text))  # unchanged, same case
        return bool(_pattern(equivalent, english=False).search(_normalise(text)))


def load_glossary(locale: Path) -> list[Term]:
    path = locale / GLOSSARY_FILE
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    terms = []
    for row in rows:
        english = (row.pop("en", "") or "").strip()
        note = (row.pop("note", "") or "").strip()
        if english:
            translations = {
                lang: (value or "").strip() for lang, value in row.items() if lang and (value or "").strip()
            }
            terms.append(Term(english, translations, note))
    return terms


def lookup(terms: list[Term], query: str) -> list[Term]:
    """The terms whose English or any translation contains ``query`` (case-insensitive)."""
    wanted = _normalise(query.strip())
    return [
        t
        for t in terms
        if wanted in _normalise(t.english) or any(wanted in _normalise(v) for v in t.translations.values())
    ]
