"""What the translation says: numbers kept, not left in English, no stray whitespace or invisible characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tools.checks.pair import Pair
from tools.checks.registry import MessageCheck, Severity
from tools.language_codes import base_language
from tools.number_forms import ENGLISH, numbers, separators

_BLANK_LINE = "\n\n"
_FULL_WIDTH_MARKS = ("：", "；", "，", "。", "！", "？", "…", "、", "）", "」", "』")
_DECADE = re.compile(r"\b(\d{3}0)(?=’?'?s\b)")
_INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    **{chr(c): "bidirectional control" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_CODE_OR_URL = re.compile(r"^(?:`[^`]*`|\{[\w:-]+\}`[^`]*`|<?\w+://\S+>?|[\s\d.,:;+%/–-]+)$")
_NAME = re.compile(r"^[\w.+-]*[A-Z][\w.+-]*[A-Z][\w.+-]*$")  # one word with two capitals: CoP, PDF, BPfA


class Numbers(MessageCheck, id="numbers", severity=Severity.WARNING):
    """every number of the English (dates, counts, +20) in the translation, in the English form or the language's

    Each number is read as its language writes it (``tools/number_forms.py``): 1,000.5 is 1 000,5 in French
    and ١٬٠٠٠٫٥ in Arabic; 15.3.1 is 15-3-1; 2021,2022 is 2021 and 2022."""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source_markup, pair.translation_markup
        expected = numbers(source.text)
        if not expected:
            return
        found = numbers(translation.text, separators(pair.language), ENGLISH, every=True)
        missing = expected - found
        # A decade, the 1970s, is 70 in the languages that name it by its century (20 世纪 70 年代).
        for decade in _DECADE.findall(source.text):
            if missing[decade] and found[decade[2:]]:
                missing[decade] -= 1
        for number in sorted(missing.elements(), key=lambda n: (len(n), n)):
            yield f"the number {number} of the English is not in the translation"


# What a citation's names and titles are read without: its links, footnote references and placeholders.
_LINKED = re.compile(r"\[\^[^\]]*\]|\[[^\]]*\]\([^)]*\)|<[a-z]+://[^>]*>|%(?:\([^)]*\))?[a-z]|\{[^}]*\}")
_WORD = re.compile(r"[^\W\d_]+")
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"})


def is_untranslatable(message: str, interface: bool = False) -> bool:
    """Code, a URL, a number, a name, or a citation: a line of names and titles in capitals beside a link or a
    footnote reference, or after a dash (``— Karl Fogel, Producing Open Source Software``); in an interface
    string, a single word (``variable``, ``macro``, ``Bases: %s``), a technical term many languages share,
    where a document's single word is a heading to translate. The same in many languages."""
    text = message.strip()
    if _CODE_OR_URL.match(text) or _NAME.match(text):
        return True
    bare = _LINKED.sub(" ", text)
    words = _WORD.findall(bare)
    if not words or (interface and len(words) == 1):
        return True
    cited = bare != text or text.startswith(("—", "–", "-"))
    # Titles in capitals keep their short words small: Principles of Social Psychology.
    return cited and all(word[0].isupper() or word in _SMALL_WORDS for word in words)


class Unchanged(MessageCheck, id="unchanged", severity=Severity.WARNING):
    """the translation is not the English text, unless that is only code, a URL, a number, a word or a name

    Nor in a variant of English (en_GB), whose text is the source's wherever the spelling agrees."""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source, pair.translation
        if base_language(pair.language) == "en":
            return
        if source == translation and not is_untranslatable(source, pair.interface):
            yield (
                "the translation is the English text: translate it, or flag the entry ignore-unchanged if it is "
                "the same"
            )


class Whitespace(MessageCheck, id="whitespace", severity=Severity.WARNING):
    """same leading and trailing whitespace and line breaks; no doubled space or invisible character"""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source, pair.translation
        if source[: len(source) - len(source.lstrip())] != translation[: len(translation) - len(translation.lstrip())]:
            yield "leading whitespace differs from the English"
        trailing = source[len(source.rstrip()) :], translation[len(translation.rstrip()) :]
        # A full-width mark carries its own space (正在更新环境：, 正在读取……): the English space is not missed.
        spaced = trailing == (" ", "") and translation.rstrip().endswith(_FULL_WIDTH_MARKS)
        if trailing[0] != trailing[1] and not spaced:
            yield "trailing whitespace differs from the English"
        if "  " in translation.strip(" ") and "  " not in source:
            yield "doubled space"
        # An interface string's line break inside a paragraph is the template's or the help text's wrapping,
        # which HTML ignores and a translation wraps at its own words; its blank lines are its structure.
        breaks = _BLANK_LINE if pair.interface else "\n"
        if source.count(breaks) != translation.count(breaks):
            found, english = translation.count(breaks), source.count(breaks)
            yield f"{found} {'blank line' if pair.interface else 'line break'}(s) where the English has {english}"
        for char in sorted(set(translation) - set(source)):
            if char in _INVISIBLE:
                yield f"invisible character U+{ord(char):04X} ({_INVISIBLE[char]})"
