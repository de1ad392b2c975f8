"""Punctuation: what ends a message, and each language's spacing and pairing rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tools.checks.markdown import Markup
from tools.checks.pair import Pair
from tools.checks.registry import MessageCheck, Severity
from tools.language_codes import base_language

# The spaces French typography accepts before ; : ? ! and inside « »: a space, a no-break space (U+00A0) or
# a narrow no-break space (U+202F).
_SPACES = " \u00a0\u202f"
_TRAILING = ".:?!…"
# Closing quotes, brackets and emphasis may follow the final punctuation: "… (CoP)." or "**Key points:**".
_CLOSERS = "\"'’”»)]*_ \u00a0\u202f"


def _final(text: str) -> str:
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith("..."):
        return "…"
    return stripped[-1:] if stripped[-1:] in _TRAILING else ""


class Punctuation(MessageCheck, id="punctuation", severity=Severity.WARNING):
    """final . : ? ! … kept; French spacing before ; : ? ! and inside « »; Spanish ¿ ¡ before ? !"""

    def check(self, pair: Pair) -> Iterator[str]:
        yield from _trailing(pair.source_markup, pair.translation_markup)
        base = base_language(pair.language)
        if base == "fr":
            yield from _french_spacing(pair.translation_markup)
        elif base == "es":
            yield from _spanish_pairs(pair.translation_markup)


def _trailing(source: Markup, translation: Markup) -> Iterator[str]:
    expected = _final(source.text)
    if not expected:
        return
    found = _final(translation.text)
    if found != expected and not (expected == "." and found == "…"):
        yield f"the English ends with {expected!r}, the translation with {found or 'no punctuation'!r}"


_URLISH = re.compile(r"\b\w+://\S+|\b\d{1,2}:\d{2}\b|\w+\?\w+=")


def _french_spacing(translation: Markup) -> Iterator[str]:
    text = _URLISH.sub(" ", translation.text)
    for match in re.finditer(r"(?<=\S)([;:?!»])", text):
        mark = match.group(1)
        before = text[: match.start()]
        if mark in "?!" and before.endswith(("?", "!", "(", "¿", "¡")):
            continue  # "?!" pairs and "(?)"
        yield f"French puts a (no-break) space before {mark!r}: …{text[max(0, match.start() - 15) : match.end()]}"
    for match in re.finditer(r"«(?=[^" + _SPACES + r"])", text):
        yield f"French puts a (no-break) space after '«': {text[match.start() : match.start() + 15]}…"


def _spanish_pairs(translation: Markup) -> Iterator[str]:
    text = translation.text
    for opening, closing in (("¿", "?"), ("¡", "!")):
        if text.count(closing) > text.count(opening):
            yield f"Spanish opens questions and exclamations: a {closing!r} has no {opening!r} before it"
