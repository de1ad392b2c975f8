"""Punctuation: what ends a message, which quotation marks the language uses, and its spacing and pairing rules.

Which marks answer which is CLDR's data (``tools.language_punctuation``): ``。`` ends a Chinese sentence as
``.`` ends the English one, ``؟`` asks an Arabic question, ``;`` a Greek one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from tools.checks.markdown import Markup
from tools.checks.pair import Pair
from tools.checks.registry import MessageCheck, Severity
from tools.language_codes import base_language, underscored
from tools.language_punctuation import has_mark, mark_of, punctuation, quotes

# The spaces French typography accepts before ; : ? ! and inside « »: a space, a no-break space (U+00A0) or
# a narrow no-break space (U+202F).
_SPACES = " \u00a0\u202f"
# Emphasis and spaces may follow the final punctuation ("**Key points:**"), as may any closing quote or
# bracket of any script ("… (CoP)." or "…」。" or "…»."): Unicode's classes Pe and Pf, and the straight quotes.
_CLOSERS = "\"'*_ \u00a0\u202f\u3000"
# Where French puts no space before ; ? ! (Canada, Switzerland): only the colon and the guillemets keep one.
_FRENCH_WITHOUT_SPACE_BEFORE_MARKS = ("fr_CA", "fr_CH")


def _is_closer(char: str) -> bool:
    return char in _CLOSERS or unicodedata.category(char) in ("Pe", "Pf")


# An English text that ends with one of these ends with an abbreviation's dot, not a sentence's: "(… etc.)".
_ABBREVIATION = re.compile(r"(?:\b(?:etc|e\.g|i\.e|al|vs|cf|approx|incl)\.)$", re.IGNORECASE)


def _final(text: str, language: str) -> str:
    """The English mark that the text's last punctuation stands for, or ''."""
    end = len(text)
    while end and _is_closer(text[end - 1]):
        end -= 1
    stripped = text[:end]
    if stripped.endswith(("...", "。。。", "……")):
        return "…"
    if language == "en" and _ABBREVIATION.search(stripped):
        return ""
    if not stripped:
        return ""
    last = stripped[-1]
    # A mark of no class is named as it is ("the translation with ';'"), not as "no punctuation".
    return mark_of(last, language) or (last if unicodedata.category(last).startswith("P") else "")


class Punctuation(MessageCheck, id="punctuation", severity=Severity.WARNING):
    """final . : ? ! … kept in the language's form (CLDR); its own quotation marks; French spacing; Spanish ¿ ¡"""

    def check(self, pair: Pair) -> Iterator[str]:
        yield from _trailing(pair.source_markup, pair.translation_markup, pair.language)
        yield from _foreign_quotes(pair.source, pair.translation_markup, pair.language)
        base = base_language(pair.language)
        if base == "fr":
            yield from _french_spacing(pair.translation_markup, pair.language)
        elif base == "es":
            yield from _spanish_pairs(pair.translation_markup)


def _trailing(source: Markup, translation: Markup, language: str) -> Iterator[str]:
    expected = _final(source.text, "en")
    if not expected or not has_mark(expected, language):
        return  # a language that writes no such mark (Thai has no full stop) cannot be asked for one
    found = _final(translation.text, language)
    if found != expected and not (expected == "." and found == "…"):
        yield f"the English ends with {expected!r}, the translation with {found or 'no punctuation'!r}"


# Per character, once: a check reads every character of every translation, and a name lookup each time
# cost more than the rest of the check.
@cache
def _is_quote(char: str) -> bool:
    name = unicodedata.name(char, "")
    return "QUOTATION MARK" in name or "CORNER BRACKET" in name  # « „ ‹ “ ’, and 「 」 『 』 of CJK


@cache
def _own_quotes(language: str) -> frozenset[str]:
    return frozenset(quotes(language)) | {char for char in punctuation(language) if _is_quote(char)}


def _foreign_quotes(source: str, translation: Markup, language: str) -> Iterator[str]:
    """A quotation mark that neither the language (CLDR) nor the English has: „…“ in Chinese, «…» in German."""
    found = {char for char in set(translation.text) if _is_quote(char)}
    if not found:
        return
    own = (
        _own_quotes(language) | set(source) | set("\"'’")
    )  # straight quotes are any language's; ’ is also the apostrophe
    if own & {"”", "“"}:
        own |= {"„"}  # the low opening mark pairs with a high closing one (German, Polish, Hebrew's „…”)
    if own & {"’", "‘"}:
        own |= {"‚"}
    foreign = sorted(found - own)
    if foreign:
        start, end, inner_start, inner_end = quotes(language)
        yield (
            f"quotation mark(s) {' '.join(foreign)} are not this language's: it quotes {start}…{end} "
            f"(inside: {inner_start}…{inner_end})"
        )


_URLISH = re.compile(r"\b\w+://\S+|\b\d{1,2}:\d{2}\b|\w+\?\w+=|&#?\w+;")  # and an entity, &#8212;


# The marks French puts a space before, in France and where only ":" and "»" take one (Canada, Switzerland).
# A mark is punctuation where a space, the end or a closing mark follows it: not the ":" of "%s:%s",
# "c:func" or "10:30".
_PUNCTUATING = r"(?:(?<=[;:?!])(?=[\s)\]»”’\"'.,]|$)|(?<=»))"
_MARK_WITHOUT_SPACE = re.compile(r"(?<=\S)([;:?!»])" + _PUNCTUATING)
_MARK_WITHOUT_SPACE_FEW = re.compile(r"(?<=\S)([:»])" + _PUNCTUATING)
# The closing colon of a reStructuredText role or option written in a message, :widths: or :ref:.
_ROLE_NAME = re.compile(r"(?:^|\s):[\w.-]+$")


def _french_spacing(translation: Markup, language: str) -> Iterator[str]:
    text = translation.text
    if ":" in text or "?" in text or "&" in text:  # what every URL, time, query string and entity has
        text = _URLISH.sub(" ", text)
    few = underscored(language) in _FRENCH_WITHOUT_SPACE_BEFORE_MARKS
    for match in (_MARK_WITHOUT_SPACE_FEW if few else _MARK_WITHOUT_SPACE).finditer(text):
        mark = match.group(1)
        before = text[: match.start()]
        if mark in "?!" and before.endswith(("?", "!", "(", "¿", "¡")):
            continue  # "?!" pairs and "(?)"
        if mark == ":" and _ROLE_NAME.search(before):
            continue
        yield f"French puts a (no-break) space before {mark!r}: …{text[max(0, match.start() - 15) : match.end()]}"
    for match in re.finditer(r"«(?=[^" + _SPACES + r"])", text):
        yield f"French puts a (no-break) space after '«': {text[match.start() : match.start() + 15]}…"


def _spanish_pairs(translation: Markup) -> Iterator[str]:
    text = translation.text
    for opening, closing in (("¿", "?"), ("¡", "!")):
        if text.count(closing) > text.count(opening):
            yield f"Spanish opens questions and exclamations: a {closing!r} has no {opening!r} before it"
