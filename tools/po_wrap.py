"""Strings of a catalogue broken into lines as GNU gettext breaks them (``write-po.c``), at its width of 79.

``msgcat``, ``msgmerge``, powrap and the editors that follow them write this form, so a catalogue the project
writes comes back unchanged from any of them. The rules are gettext's: the string is cut after each ``\\n``;
each piece is escaped, then broken at the line-break opportunities of libunistring, the library msgcat uses
(its classes and pair table are in ``tools.line_break_table``, read off libunistring itself; today's UAX #14
libraries break otherwise), never inside an escape sequence nor just before a final ``\\n``, as late as the
width allows, counting East Asian wide characters as two columns; a string that needs more than one line
starts with an empty one (``msgid ""``).
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from functools import lru_cache

from tools.line_break_table import CLASSES, PAIRS, RANGES

PAGE_WIDTH = 79
_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\",
            '"': '\\"'}  # fmt: skip


def _escaped(text: str) -> tuple[str, set[int]]:
    """The escaped text, and the positions in it where no line may break (inside an escape sequence)."""
    out: list[str] = []
    inside: set[int] = set()
    at = 0
    for char in text:
        escape = _ESCAPES.get(char)
        if escape is None:
            out.append(char)
            at += 1
        else:
            out.append(escape)
            inside.add(at + 1)
            at += 2
    return "".join(out), inside


_STARTS = [int(item.split(":")[0], 16) for item in RANGES.split(",")]
_CLASS_OF_RANGE = [int(item.split(":")[1], 16) for item in RANGES.split(",")]
_INDEX = {name: index for index, name in enumerate(CLASSES)}
_SP, _BK, _ZW, _CM, _ID = (_INDEX[name] for name in ("SP", "BK", "ZW", "CM", "ID"))
_AL = _INDEX["AL"]


@lru_cache(maxsize=4096)
def _class(char: str) -> int:
    point = ord(char)
    if point >= 0x30000:
        return _AL
    return _CLASS_OF_RANGE[bisect.bisect_right(_STARTS, point) - 1]


def _opportunities(text: str) -> list[bool]:
    """``result[i]``: a line may break before character ``i``; gnulib's ``u8_possible_linebreaks``, a pair
    table with its rules for spaces, zero-width spaces and combining marks."""
    result = [False] * len(text)
    last = _BK
    space: int | None = None
    space2: int | None = None
    for index, char in enumerate(text):
        kind = _class(char)
        at = index
        if kind == _BK:
            last, space, space2 = _BK, None, None
            continue
        if kind == _SP:
            space2, space = space, index
            continue
        if kind == _ZW:
            last, space, space2 = _ZW, None, None
            continue
        if kind == _CM:
            if last == _ZW:
                result[index] = True
                last = _ID
                continue
            if space is None:
                continue
            # A combining mark makes the space before it a letter of its own.
            at, space, kind = space, space2, _ID
        if last == _ZW:
            result[at] = True
        elif last != _BK:
            rule = PAIRS[last][kind]
            result[at] = rule == "D" or (rule == "I" and space is not None)
        last, space, space2 = kind, None, None
    return result


def _width(char: str) -> int:
    """Columns, as gnulib's ``uc_width`` counts them in UTF-8: marks and format characters none, East Asian
    wide and full-width characters two."""
    if " " <= char < "\x7f" or "\xa0" <= char < "\u0300":
        return 1
    if unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _breaks(portion: str, forbidden: set[int], width: int, start: int) -> list[int]:
    """Where gettext breaks ``portion`` (gnulib's ``ulc_width_linebreaks``): each atomic piece runs from one
    break opportunity to the next; a break goes before the piece that would pass the width."""
    possible = _opportunities(portion)
    chosen: list[int] = []
    last: int | None = None
    column, piece = start, 0
    for index, char in enumerate(portion):
        if possible[index] and index not in forbidden:
            if last is not None and column + piece > width:
                chosen.append(last)
                column = 0
            last = index
            column += piece
            piece = 0
        piece += _width(char)
    if last is not None and column + piece > width:
        chosen.append(last)
    return chosen


def wrap(name: str, value: str, prefix: str = "", page_width: int = PAGE_WIDTH) -> list[str]:
    """The lines of ``name "value"`` (``msgid``, ``msgstr[0]``…) with ``prefix`` (``#~ ``, ``#| ``) before each."""
    portions: list[str] = []
    rest = value
    while True:
        cut = rest.find("\n")
        if cut < 0:
            portions.append(rest)
            break
        portions.append(rest[: cut + 1])
        rest = rest[cut + 1 :]
        if not rest:
            break
    after_break = len(prefix) + 1  # the opening quote of a continuation line
    width = page_width - 1 - after_break  # and room for the closing quote
    lines: list[str] = []
    first = True
    for number, portion in enumerate(portions):
        text, forbidden = _escaped(portion)
        if portion.endswith("\n"):
            forbidden.add(len(text) - 2)  # gettext does not break just before a final \n
        while True:
            start = (len(prefix) + len(name) + 1 + 1 - after_break) if first else 0
            breaks = _breaks(text, forbidden, width, start)
            if first and text and (number + 1 < len(portions) or start > width or breaks):
                lines.append(f'{prefix}{name} ""')
                first = False
                continue
            break
        head = f"{prefix}{name} " if first else prefix
        first = False
        edges = [0, *breaks, len(text)]
        for index, (begin, end) in enumerate(itertools.pairwise(edges)):
            lines.append(f'{head if index == 0 else prefix}"{text[begin:end]}"')
    return lines
