"""Helpers for tests that put a given translation into a catalogue and look for it in what was built."""

from __future__ import annotations

from pathlib import Path

import polib

from tools.catalogues import load


def translate(path: Path, translations: dict[str, str]) -> dict[str, int]:
    """Set the msgstr of each msgid given; return the line of each entry's msgid in the rewritten file."""
    catalogue = polib.pofile(str(path))
    for msgid, msgstr in translations.items():
        entry = catalogue.find(msgid)
        assert entry is not None, f"no entry {msgid!r} in {path}"
        entry.msgstr = msgstr
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalogue.save(str(path))
    return {entry.msgid: entry.linenum for entry in load(path) if entry.msgid in translations}


def files_containing(folder: Path, *markers: str) -> list[Path]:
    """The files below ``folder`` that hold any of ``markers``."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and any(marker.encode() in path.read_bytes() for marker in markers)
    )
