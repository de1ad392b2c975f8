"""A word-level diff of two English texts: what a translator must look at when a message they translated
changed, so that "12 critical areas" → "twelve critical areas" reads as one word replaced, not a new paragraph.

Words, runs of punctuation and runs of white space are the tokens, so the pieces joined give back each text
exactly; ``difflib`` (Python's own, the algorithm of ``git diff --word-diff`` in spirit) matches them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")

Kind = Literal["same", "deleted", "inserted"]


@dataclass(frozen=True)
class Piece:
    kind: Kind
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``: ``same`` ones are in both, ``deleted`` only in ``old``,
    ``inserted`` only in ``new``. A replacement is its deleted piece, then its inserted one."""
    before, after = tokens(old), tokens(new)
    pieces: list[Piece] = []

    def add(kind: Kind, words: list[str]) -> None:
        if not words:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + "".join(words))
        else:
            pieces.append(Piece(kind, "".join(words)))

    # autojunk would treat the commonest words ("the", spaces) of a long paragraph as noise and match nothing.
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("same", before[i1:i2])
        else:
            add("deleted", before[i1:i2])
            add("inserted", after[j1:j2])
    return pieces


def shortened(pieces: list[Piece], keep: int = 4) -> list[Piece]:
    """The pieces with each long unchanged stretch cut to its first and last ``keep`` words around "…": the
    change is what the eye should find in a long paragraph."""
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        words = tokens(piece.text)
        if piece.kind != "same" or len(words) <= 4 * keep:
            out.append(piece)
            continue
        head = "".join(words[: 2 * keep]) if index > 0 else ""
        tail = "".join(words[-2 * keep :]) if index < len(pieces) - 1 else ""
        if head and tail:
            out.append(Piece("same", f"{head.rstrip()} … {tail.lstrip()}"))
        else:
            out.append(Piece("same", f"{head.rstrip()} …" if head else f"… {tail.lstrip()}" if tail else piece.text))
    return out
