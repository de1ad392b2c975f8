"""The python-docs-fr catalogues (496 files) from ../shared/corpora, when this checkout has them beside it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from helpers import ROOT

ARCHIVE = ROOT.parent / "shared" / "corpora" / "python-docs-fr-3.11-po.tar.xz"
MSGFMT = shutil.which("msgfmt")


def extract(target: Path) -> Path:
    with tarfile.open(ARCHIVE) as archive:
        archive.extractall(target, filter="data")
    return target


def msgfmt_statistics(path: Path) -> tuple[int, int, int] | None:
    """(translated, fuzzy, untranslated) as ``msgfmt --statistics`` reports them; None if msgfmt refuses."""
    assert MSGFMT
    command = [MSGFMT, "--statistics", "-o", "/dev/null", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, errors="replace")  # it quotes what it read
    if done.returncode != 0:
        return None
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", done.stderr):
        counts[kind] = int(number)
    return counts["translated"], counts["fuzzy"], counts["untranslated"]
