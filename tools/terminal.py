"""Text from a catalogue or the glossary, made safe to print on a terminal or in a CI log."""

from __future__ import annotations

import re

# Control characters (escape sequences start with one), line and paragraph separators, and the bidirectional
# overrides that make a line read otherwise than it is. No-break spaces and joiners stay: they are text.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` with every character a terminal or a log viewer would act on written as an escape."""
    return _UNSAFE.sub(lambda match: ascii(match.group())[1:-1], text)
