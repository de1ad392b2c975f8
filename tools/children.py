"""Child Python processes that die with the process that started them, however it dies."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from pathlib import Path

# What the child runs before it becomes the program asked for (Sphinx): it asks Linux to SIGKILL it when the
# process that started it (a build, an update) dies, however it dies (a SIGKILL runs no handler of the parent's,
# so only the kernel can do it). The setting survives exec. Done in a small program rather than a preexec_fn,
# which is unsafe in a process with threads (the build starts Sphinx from a pool of threads); the signal comes
# when the thread that started the child ends, and each thread waits for its child. Elsewhere than Linux it
# only execs. Checking the parent after the call closes the gap of a parent killed before it. A build still
# runs Sphinx in a session of its own (start_new_session), so a Ctrl-C in the terminal goes to the build, which
# stops every Sphinx in order.
_DIE_WITH_PARENT = """
import ctypes, os, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
except (AttributeError, OSError):
    pass
if os.getppid() != int(sys.argv[1]):
    sys.exit(137)
os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
"""


def python_dying_with_parent() -> list[str]:
    """The start of a command line that runs Python as a child of this process, killed when this process dies:
    follow it with Python's own arguments (``-m sphinx …``)."""
    return [sys.executable, "-c", _DIE_WITH_PARENT, str(os.getpid())]


def die_with_parent(parent: int) -> None:
    """What the program above does before it execs, for a process forked rather than started (the fork server's
    tasks): be killed when ``parent`` dies, and exit at once if it already has."""
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(137)


def kill_group(pid: int, signum: int = signal.SIGKILL) -> None:
    """Send ``signum`` to the process group ``pid`` leads (a child started in a session of its own), if it is
    still there."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


def sphinx_environment(root: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a Sphinx process for the project at ``root``: its ``tools`` package importable."""
    paths = [str(root), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, **(extra or {}), "PYTHONPATH": os.pathsep.join(filter(None, paths))}
