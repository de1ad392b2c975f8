"""The counts of each catalogue, kept between runs of ``stats`` under the hash of its bytes.

A translator runs ``stats`` again and again over catalogues of which one or two changed. A catalogue's counts,
its language and whether it can be used follow from its path, its bytes and the project's code alone, so they
are kept in the user's cache folder (``tools.spelling_verdicts.cache_folder``) under the path, the SHA-256 of
the bytes, and the hash of ``tools/`` and Babel's version: any change to one of them reads the file again,
and the counts stay exact. Hashing a file costs a small fraction of parsing it. A cache that cannot be read
or written is ignored; ``stats --no-cache`` neither reads nor writes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import astuple, fields
from importlib.metadata import version
from pathlib import Path

from tools.atomic import write_bytes_atomic
from tools.catalogue_error import CatalogueError
from tools.catalogues import read_catalogue_bytes
from tools.code_version import code_version
from tools.spelling_verdicts import cache_folder
from tools.stats import CatalogueStats, collect, errors_of

# Enough for a few projects the size of the Python documentation's translation (496 files).
MAX_FILES = 20_000
# The fields kept, in CatalogueStats' order, the path and the error aside.
_KEPT = [f.name for f in fields(CatalogueStats) if f.name not in ("path", "error")]


def _cache_file() -> Path:
    # Babel's data says which language codes are usable, and so whether a catalogue is.
    key = hashlib.sha256(f"{code_version()}\0babel {version('babel')}".encode()).hexdigest()
    return cache_folder() / f"stats-{key[:32]}.json"


def _row(stats: CatalogueStats, digest: str) -> list:
    values = dict(zip([f.name for f in fields(CatalogueStats)], astuple(stats), strict=True))
    error = None if stats.error is None else [stats.error.line, stats.error.message]
    return [digest, error, *(values[name] for name in _KEPT)]


def _stats(path: Path, row: object, digest: str) -> CatalogueStats | None:
    """The kept counts of ``path``, if they are for these bytes and well formed."""
    if not isinstance(row, list) or len(row) != 2 + len(_KEPT) or row[0] != digest:
        return None
    error, values = row[1], dict(zip(_KEPT, row[2:], strict=True))
    if error is not None and not (
        isinstance(error, list) and len(error) == 2 and type(error[0]) is int and isinstance(error[1], str)
    ):
        return None
    numbers = [values[name] for name in _KEPT if name not in ("language", "first_incomplete_line", "readable")]
    if not isinstance(values["language"], str) or any(type(n) is not int for n in numbers):
        return None
    if values["first_incomplete_line"] is not None and type(values["first_incomplete_line"]) is not int:
        return None
    if type(values["readable"]) is not bool:
        return None
    found = CatalogueError(path, error[0], error[1]) if error else None
    return CatalogueStats(path=path, error=found, **values)


def collect_cached(paths: Sequence[Path], jobs: int | None = None) -> tuple[list[CatalogueStats], list[CatalogueError]]:
    """``tools.stats.collect``, reading only the catalogues whose counts are not kept for their bytes."""
    cache_file = _cache_file()
    try:
        kept = json.loads(cache_file.read_bytes())
    except (OSError, ValueError):
        kept = {}
    if not isinstance(kept, dict):
        kept = {}
    known: list[CatalogueStats] = []
    digests: dict[str, str] = {}
    missing: list[Path] = []
    for path in paths:
        try:
            # The reader's own read: a pipe or a device is refused, never waited on (and reported by collect).
            digest = hashlib.sha256(read_catalogue_bytes(Path(path))).hexdigest()
        except CatalogueError:
            missing.append(path)
            continue
        found = _stats(Path(path), kept.get(str(path)), digest)
        if found is None:
            digests[str(path)] = digest
            missing.append(path)
        else:
            known.append(found)
    fresh, _ = collect(missing, jobs)
    changed = {str(s.path): _row(s, digests[str(s.path)]) for s in fresh if str(s.path) in digests}
    if changed:
        # This run's files last, the oldest dropped first: folders checked once (a clone since removed) go.
        rows = {path: row for path, row in kept.items() if path not in changed}
        rows.update(changed)
        rows = dict(list(rows.items())[-MAX_FILES:])
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(cache_file, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass
    stats = known + fresh
    return stats, errors_of(stats)
