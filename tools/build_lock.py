"""One build at a time per build folder: two builds at once would write the same outputs and sites.

The lock is ``flock(2)`` on ``build/.lock``: the kernel releases it when its holder exits, however it exits
(even ``kill -9``), so a killed build never leaves a stale lock to clear by hand. A second build waits for the
first instead of failing: it is usually a second request for the same result (an editor's save hook, a
second terminal), and once the first is done it finds its outputs up to date and has little left to do; a
script needs no retry loop. It says so, with the pid of the build it waits for, so nobody takes it for a hang.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".lock"


@contextmanager
def build_lock(build: Path) -> Iterator[None]:
    """Hold the build folder's lock for the duration of the block, waiting for another build if need be."""
    build.mkdir(parents=True, exist_ok=True)
    # Opened for appending: truncating it here would erase the pid its holder wrote.
    with open(build / LOCK_FILE, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            print(f"waiting for another build (pid {holder}) to finish in {build}", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
