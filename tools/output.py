"""How the commands show things: a path as a person types it, a GitHub workflow annotation, and text from a
catalogue or the glossary made safe to print on a terminal or in a CI log."""

from __future__ import annotations

import os
import re
from pathlib import Path

# Control characters (escape sequences start with one), line and paragraph separators, and the bidirectional
# overrides that make a line read otherwise than it is. No-break spaces and joiners stay: they are text.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` with every character a terminal or a log viewer would act on written as an escape."""
    return _UNSAFE.sub(lambda match: ascii(match.group())[1:-1], text)


def shown(path: Path) -> str:
    """A path as a person types it: relative to the current folder when below it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive
        return str(path)


def _escape(text: str) -> str:
    """GitHub's workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, path: Path | None = None, line: int | None = None, title: str = "") -> str:
    props = []
    if path is not None:
        props.append(f"file={_property(shown(path))}")
    if line:
        props.append(f"line={line}")
    if title:
        props.append(f"title={_property(title)}")
    return f"::{level} {','.join(props)}::{_escape(message)}" if props else f"::{level}::{_escape(message)}"


def printable(text: str) -> str:
    """``text`` with every character that is not printable escaped, spaces other than U+0020 too: a name (a
    folder, a code) echoed stays one line and shows what it really holds."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
