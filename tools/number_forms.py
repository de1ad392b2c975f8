"""The numbers of a text, each read as its language writes numbers (CLDR's decimal and group separators, by
Babel), so that the same value in another language's form is the same number and a changed value is not.

A run of digits of any script joined by separators (``1,000.5``, ``1 000,5``, ``١٬٠٠٠٫٥``, ``15.3.1``,
``2021,2022``) is one number when the language's rules read it as one: groups of its sizes (three digits, or
as in Hindi three then two: ``12,34,567``) after its group separator, then at most one decimal separator.
Otherwise it is a list, one number per run of digits: a section number ``15.3.1`` is the numbers 15, 3 and 1,
as ``15-3-1`` is, and ``2021,2022`` is 2021 and 2022 in English. A number is written with the digits 0-9 and
``.`` before its fraction.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from tools.language_codes import underscored

_NO_BREAK_SPACES = frozenset("\u00a0\u202f")
# Arabic's own separators mean nothing else, whatever the language: ٫ is a decimal point, ٬ a group mark.
_ARABIC_DECIMAL, _ARABIC_GROUP = "\u066b", "\u066c"
# What may join the digit runs of one number in some language. A plain space is not one: "in 2014 20" is two
# numbers in every language.
_SEPARATOR = ".,'’" + _ARABIC_DECIMAL + _ARABIC_GROUP + "".join(_NO_BREAK_SPACES)
_TOKEN = re.compile(rf"\d+(?:[{re.escape(_SEPARATOR)}]\d+)*")
_PART = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Separators:
    """How a language writes numbers: its decimal and group separators, and the sizes of its groups (the last
    one, then the others)."""

    decimal: frozenset[str]
    group: frozenset[str]
    sizes: frozenset[tuple[int, int]] = frozenset({(3, 3)})


ENGLISH = Separators(frozenset({".", _ARABIC_DECIMAL}), frozenset({",", _ARABIC_GROUP}))


@lru_cache(maxsize=256)  # one per language checked
def separators(language: str) -> Separators:
    """The separators of ``language`` in CLDR (Latin digits and its own numbering system), English's when CLDR
    does not know it. A no-break space and a narrow one are the same group separator."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(underscored(language).split("@")[0])
    except (ValueError, UnknownLocaleError):
        return ENGLISH
    decimal, group = {_ARABIC_DECIMAL}, {_ARABIC_GROUP}
    for system in {"latn", getattr(locale, "default_numbering_system", "latn")}:
        symbols = locale.number_symbols.get(system, {})
        decimal |= {symbols["decimal"]} if symbols.get("decimal") else set()
        group |= {symbols["group"]} if symbols.get("group") else set()
    if group & _NO_BREAK_SPACES:
        group |= _NO_BREAK_SPACES
    pattern = locale.decimal_formats.get(None)
    sizes = {(3, 3), tuple(pattern.grouping)} if pattern is not None else {(3, 3)}
    return Separators(frozenset(decimal), frozenset(group), frozenset(sizes))


def _latin(digits: str) -> str:
    return "".join(str(unicodedata.decimal(char)) for char in digits)


def _grouped(runs: list[str], sizes: tuple[int, int]) -> bool:
    """Whether digit runs are the groups of one whole number: the last of the first size, those before it of
    the second, the first one no longer."""
    last, other = sizes
    inner = [len(run) for run in runs[1:]]
    return (
        inner[-1] == last
        and all(size == other for size in inner[:-1])
        and 1 <= len(runs[0]) <= (other if len(inner) > 1 else last)
    )


def _read(runs: list[str], marks: list[str], form: Separators) -> str | None:
    """The one number ``runs`` joined by ``marks`` make in ``form``, or None."""
    whole, fraction = runs, None
    if marks and marks[-1] in form.decimal:
        whole, fraction, marks = runs[:-1], runs[-1], marks[:-1]
    if marks and not (all(mark in form.group for mark in marks) and any(_grouped(whole, s) for s in form.sizes)):
        return None
    return "".join(whole) + ("" if fraction is None else f".{fraction}")


def _token(token: str, forms: tuple[Separators, ...], every: bool) -> Counter[str]:
    parts = _PART.split(token)
    runs, marks = [_latin(r) for r in parts[1::2]], parts[2:-1:2]
    readings: Counter[str] = Counter()
    # Grouped in threes by one mark, as some language groups digits (1.000, 1'000, 1 000): a translator who
    # kept another language's habit changed no value.
    anyhow = [Separators(frozenset(), frozenset(marks))] if len(set(marks)) == 1 else []
    for form in [*forms, *anyhow]:
        reading = _read(runs, marks, form)
        if reading is not None:
            readings[reading] = 1
            if not every:
                break
    return readings or Counter(runs)


def numbers(text: str, *forms: Separators, every: bool = False) -> Counter[str]:
    """The numbers of ``text``: each token read as one number by the first of ``forms`` (English by default)
    that can, or as grouped in threes by one mark; else the list of its digit runs. With ``every``, a token
    counts once in each reading it has, so that a translation holds a number if it holds it in any form."""
    found: Counter[str] = Counter()
    for token in _TOKEN.findall(text):
        found += _token(token, forms or (ENGLISH,), every)
    return found
