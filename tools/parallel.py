"""Work over many files on every core, in batches of about equal size."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 16


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def balanced(paths: Sequence[Path], count: int) -> list[list[Path]]:
    """``count`` batches of about equal size in bytes, largest first: each worker call carries many files
    (a call per file costs more in messages between processes than a small file costs to read), and the
    workers finish together."""
    batches: list[list[Path]] = [[] for _ in range(min(count, len(paths)))]
    loads = [0] * len(batches)
    for path, size in sorted(((p, _size(p)) for p in paths), key=lambda item: -item[1]):
        lightest = loads.index(min(loads))
        batches[lightest].append(path)
        loads[lightest] += size
    return [batch for _, batch in sorted(zip(loads, batches, strict=True), key=lambda item: -item[0])]


def _run_batch(function: Callable[[Path], T], paths: list[Path]) -> list[T]:
    return [function(path) for path in paths]


def map_files(function: Callable[[Path], T], paths: Sequence[Path], jobs: int | None = None) -> list[T]:
    """``function`` over every path, in worker processes when there are many; results in no fixed order."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(paths) < PARALLEL_FROM:
        return [function(path) for path in paths]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        batches = pool.map(partial(_run_batch, function), balanced(paths, jobs * 4))
        return [result for batch in batches for result in batch]
