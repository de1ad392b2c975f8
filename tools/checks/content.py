"""What the translation says: numbers kept, not left in English, no stray whitespace or invisible characters."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from tools.checks.pair import Pair
from tools.checks.registry import MessageCheck, Severity

# Digits of any script (``\d`` is Unicode's Nd: ٢٠١٤, ۲۰۱۴, २०१४, ２０１４), grouped or split by . and , of
# Latin scripts, Arabic's ٫ (decimal) and ٬ (group), or grouped in threes by a no-break or narrow no-break
# space or an apostrophe (French 1 000, Swiss 1'000). A plain space is no group separator here: "in 2014 20"
# are two numbers.
_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+|[\u00a0\u202f'’]\d{3}(?!\d))*")
_SEPARATORS = str.maketrans("", "", ".,\u066b\u066c\u00a0\u202f'’")
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


def _latin_digits(number: str) -> str:
    """The number in the digits 0-9: an Arabic-Indic ٢٠١٤ is the English 2014."""
    return "".join(str(unicodedata.decimal(char, char)) if char.isdecimal() else char for char in number)


def _numbers(text: str) -> Counter[str]:
    return Counter(_latin_digits(n.translate(_SEPARATORS)) for n in _NUMBER.findall(text))


class Numbers(MessageCheck, id="numbers", severity=Severity.WARNING):
    """every number of the English (dates, counts, +20) in the translation"""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source_markup, pair.translation_markup
        expected = _numbers(source.text)
        if not expected:
            return
        missing = expected - _numbers(translation.text)
        for number in sorted(missing.elements(), key=lambda n: (len(n), n)):
            yield f"the number {number} of the English is not in the translation"


def is_untranslatable(message: str) -> bool:
    """Code, a URL, a number or a single name: the same in every language."""
    text = message.strip()
    return bool(_CODE_OR_URL.match(text) or _NAME.match(text))


class Unchanged(MessageCheck, id="unchanged", severity=Severity.WARNING):
    """the translation is not the English text, unless that is only code, a URL, a number or a name"""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source, pair.translation
        if source == translation and not is_untranslatable(source):
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
        if source[len(source.rstrip()) :] != translation[len(translation.rstrip()) :]:
            yield "trailing whitespace differs from the English"
        if "  " in translation.strip(" ") and "  " not in source:
            yield "doubled space"
        if source.count("\n") != translation.count("\n"):
            yield f"{translation.count(chr(10))} line break(s) where the English has {source.count(chr(10))}"
        for char in sorted(set(translation) - set(source)):
            if char in _INVISIBLE:
                yield f"invisible character U+{ord(char):04X} ({_INVISIBLE[char]})"
