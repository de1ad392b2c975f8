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
import re
import unicodedata
from functools import lru_cache

from tools.line_break_table import CLASSES, PAIRS, RANGES

PAGE_WIDTH = 79
_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\",
            '"': '\\"'}  # fmt: skip


_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _escaped(text: str) -> tuple[str, set[int]]:
    """The escaped text, and the positions in it where no line may break (inside an escape sequence)."""
    if not _NEEDS_ESCAPE.search(text):
        return text, set()
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


class _ClassOf(dict):
    """``str.translate``'s table: a code point to the character whose code is its class."""

    def __missing__(self, point: int) -> str:
        found = self[point] = chr(_class(chr(point)))
        return found


_CLASSES = _ClassOf()


def _opportunities(text: str) -> list[bool]:
    """``result[i]``: a line may break before character ``i``; gnulib's ``u8_possible_linebreaks``, a pair
    table with its rules for spaces, zero-width spaces and combining marks."""
    result = [False] * len(text)
    last = _BK
    space: int | None = None
    space2: int | None = None
    # Each character's class in one pass in C; a character not seen before is looked up once.
    for index, kind in enumerate(text.translate(_CLASSES).encode("latin-1")):
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


def _columns(text: str) -> list[int]:
    """``result[i]``: the columns of ``text[:i]``."""
    if text.isascii() and text.isprintable():
        return list(range(len(text) + 1))  # one column each: most of the Python documentation's messages
    return list(itertools.accumulate(map(_width, text), initial=0))


def _breaks(allowed: list[int], columns: list[int], width: int, start: int) -> list[int]:
    """Where gettext breaks a portion (gnulib's ``ulc_width_linebreaks``), given where it may break and the
    columns up to each character: each atomic piece runs from one break opportunity to the next; a break goes
    before the piece that would pass the width."""
    chosen: list[int] = []
    last: int | None = None
    column, previous = start, 0
    for index in allowed:
        piece = columns[index] - columns[previous]
        if last is not None and column + piece > width:
            chosen.append(last)
            column = 0
        last, previous = index, index
        column += piece
    if last is not None and column + columns[-1] - columns[previous] > width:
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
        # Where it may break, and how wide it is up to each character, whatever line it starts on.
        bound = len(text) if text.isascii() else 2 * len(text)  # no character is wider than two columns
        if len(name) + 1 + bound <= width:
            allowed, columns = [], [0]  # it fits on the first line: most messages
        else:
            possible = _opportunities(text)
            allowed = [index for index in range(len(text)) if possible[index] and index not in forbidden]
            columns = _columns(text)
        while True:
            start = (len(prefix) + len(name) + 1 + 1 - after_break) if first else 0
            breaks = _breaks(allowed, columns, width, start)
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
