"""The hash of the project's code: a result kept between runs holds for the code that computed it only."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_TOOLS = Path(__file__).resolve().parent


@cache
def code_version() -> str:
    """The SHA-256 of every module of ``tools/``, names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(_TOOLS.rglob("*.py")):
        digest.update(path.relative_to(_TOOLS).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
