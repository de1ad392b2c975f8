"""Each language's punctuation as CLDR records it: which marks end its sentences and which quote.

A check compares the English mark with the translation's through the class of each (full stop, question,
exclamation, colon, ellipsis), read off the character's Unicode name, so that ``。`` answers ``.``, ``؟``
answers ``?`` and ``！`` answers ``!`` without a table per language. The language's own CLDR punctuation
(``tools/cldr_punctuation.py``) says which marks it writes: Greek has ``;`` and no ``?``, so its ``;`` is the
question mark (U+037E, GREEK QUESTION MARK, is ``;`` once normalised).

CLDR lists ``.`` and ``?`` for Thai and Lao, which write them in abbreviations, numbers and informal text but
end a sentence with a space, and a question with a particle: there no final mark is asked for.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from tools.cldr_punctuation import PUNCTUATION, QUOTES
from tools.language_codes import base_language, underscored

# The English sentence-final marks, each the name of its class, and the words of Unicode names that say a
# character is one.
MARKS = ".?!:…"
_NAMES = (
    ("INVERTED", None),  # ¿ ¡ open a sentence, never end one
    ("SEMICOLON", None),
    ("QUESTION MARK", "?"),
    ("EXCLAMATION MARK", "!"),
    ("FULL STOP", "."),
    ("DANDA", "."),  # Devanagari and other Indic scripts
    ("MYANMAR SIGN SECTION", "."),  # ။
    ("TIBETAN MARK SHAD", "."),  # །
    ("KHMER SIGN KHAN", "."),  # ។
    ("ELLIPSIS", "…"),
    ("COLON", ":"),
)


def _by_name(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for words, mark in _NAMES:
        if words in name:
            return mark
    return None


@lru_cache(maxsize=256)
def cldr_locale(language: str) -> str | None:
    """The locale of the table that describes ``language``: itself, its language and script, or its language."""
    code = underscored(language).split("@")[0]
    candidates = [code]
    parts = code.split("_")
    if len(parts) > 1:
        candidates.append(_with_likely_script(parts[0], parts[-1]))
    candidates.append(base_language(code))
    return next((c for c in candidates if c and c in PUNCTUATION), None)


def _with_likely_script(language: str, territory: str) -> str | None:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(f"{language}_{territory}")
    if likely is None:
        return None
    parts = likely.split("_")
    return f"{language}_{parts[1]}" if len(parts) > 2 else None  # zh_TW: zh_Hant_TW, so zh_Hant


def punctuation(language: str) -> str:
    """Every punctuation character CLDR says the language writes; the English set for an unknown language."""
    return PUNCTUATION[cldr_locale(language) or "en"]


def quotes(language: str) -> tuple[str, str, str, str]:
    """The language's quotation marks: start and end, then the alternate (inner) start and end."""
    return QUOTES[cldr_locale(language) or "en"]


@lru_cache(maxsize=4096)
def mark_of(char: str, language: str) -> str | None:
    """Which English mark ``char`` is in ``language``'s texts (``。`` gives ``.``), or None."""
    if char in MARKS:
        return char
    if char == ";" and "?" not in punctuation(language):
        return "?"  # Greek: U+037E GREEK QUESTION MARK normalises to ";", and CLDR lists ";" without "?"
    return _by_name(char)


# Languages whose sentences end with a space, not a mark (CLDR's "." is their abbreviations' and numbers').
_NO_FINAL_MARK = frozenset({"th", "lo"})


def has_mark(mark: str, language: str) -> bool:
    """Whether the language ends sentences with a character of the mark's class (Thai ends them with none)."""
    if base_language(language) in _NO_FINAL_MARK:
        return False
    return any(mark_of(char, language) == mark for char in punctuation(language))
