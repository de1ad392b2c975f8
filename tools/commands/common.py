"""What several commands share: the catalogues named on the command line, the languages to work on, and how
an error is told."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.output import shown


def paths(args: argparse.Namespace) -> list[Path]:
    """The .po files and folders named on the command line, else the project's locale/."""
    return args.paths or [args.root / "locale"]


def missing_paths(args: argparse.Namespace) -> bool:
    """Say which named paths do not exist; True if any."""
    missing = [p for p in paths(args) if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    return bool(missing)


def translations(args: argparse.Namespace) -> list[str]:
    """The languages asked for with --lang, else every translation of the project."""
    from tools.languages import discover_languages

    return args.lang or discover_languages(args.root / "locale")[1:]


def error(message: object) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cannot_write(error: OSError, root: Path) -> int:
    """A catalogue or its folder that cannot be written; the old file is intact."""
    print(f"error: {error.filename or root}: cannot write: {error.strerror}", file=sys.stderr)
    return 2


def where(path: Path, line: int, message: str) -> str:
    return f"{shown(path)}:{line}: {message}"
