"""One process that imports Sphinx once, then forks a child for each build task (Linux).

Each task of a build (a language in one format) used to be a ``sphinx-build`` process of its own, and each
paid Python's start-up and the import of Sphinx, docutils, MyST, furo, the project's extensions and WeasyPrint:
0.8 s of the 1.1 to 1.9 s a task of the publication takes. The server pays it once, while the build checks
the catalogues, and each task is a fork of it: a process with memory, a session and an environment of its
own, which runs what ``python -m sphinx`` runs and exits. The build sees of it what it saw of a
``sphinx-build`` process: its standard output line by line, its standard error, its exit status, and a
process group it can kill.

Only the HTML and PDF builders are run this way: a module imported by the server keeps what it computed then,
so the gettext builder, which reads the creation date of its templates when it is imported, runs in a process
of its own (``tools.extract``).

The build holds one end of a Unix socket pair (``SOCK_SEQPACKET``: one message per task). For each task it
sends the task as JSON (Sphinx's arguments, the environment, the working folder) with three file
descriptors: the child's standard output, its standard error, and one end of a new socket pair that only
the child keeps. On that socket the child writes its pid, then its exit status; an end without a status means
it was killed. The server dies with the build, as every child of the build does
(``tools.children``), and each child with the server.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tools.children import die_with_parent, kill_group, python_dying_with_parent, sphinx_environment
from tools.weasyprint_import import import_weasyprint

# Imported by the tasks of a builder but not by loading the configuration's extensions: the writers Sphinx
# imports when the builder is chosen. The PDF builder also imports WeasyPrint (0.3 s) when it renders, so a
# build of HTML alone does not wait for it.
_ALSO_PRELOADED = {
    "html": ("sphinx.builders.html", "sphinx.search"),
    "pdf": ("sphinx.builders.singlehtml",),
}
_MESSAGE = 1 << 20  # a task's JSON: its environment is the largest part, a few kilobytes


def preload(docs: str, builders: list[str]) -> None:
    """Import what the tasks of these builders would: Sphinx's own extensions, those of the configuration, the
    writers. Whatever fails to import is left to the tasks, which report it as ``sphinx-build`` would."""
    from sphinx.application import builtin_extensions
    from sphinx.cmd import build  # noqa: F401 - what each task runs
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    if "pdf" in builders:
        with contextlib.suppress(Exception):
            import_weasyprint()
    names = list(builtin_extensions)
    with contextlib.suppress(Exception):
        names += list(Config.read(docs, overrides={}, tags=Tags()).extensions)
    for name in [*names, *(name for builder in builders for name in _ALSO_PRELOADED.get(builder, ()))]:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def _exit_status(code: object) -> int:
    """The status Python exits with for ``sys.exit(code)``, its message on standard error as Python prints it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _run_sphinx(task: dict) -> int:
    """What ``python -m sphinx ARGV`` does in the task's folder and environment, and the status it exits with."""
    try:
        os.environ.clear()
        os.environ.update(task["env"])
        os.chdir(task["cwd"])
        sys.argv = ["sphinx-build", *task["argv"]]
        from sphinx.cmd.build import main

        return _exit_status(main(task["argv"]))
    except SystemExit as stop:  # the guard stops a build this way
        return _exit_status(stop.code)
    except BaseException:
        traceback.print_exc()
        return 1


def _child(control: socket.socket, task: dict, fds: list[int], server: int) -> int:
    """Become the task's Sphinx; the status to exit with, once its report is sent."""
    control.close()
    os.setsid()  # a group of its own, that the build kills on a timeout
    die_with_parent(server)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    stdout, stderr, report_fd = fds
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    os.close(stdout)
    os.close(stderr)
    # Only this process reports: a program Sphinx starts must not hold the socket open past its end.
    os.set_inheritable(report_fd, False)
    with socket.socket(fileno=report_fd) as report:
        report.sendall(f"{os.getpid()}\n".encode())
        status = _run_sphinx(task)
        # What a process's end runs, but not the teardown of every module, which took 0.4 s a task: the
        # finalizers of what is garbage (WeasyPrint removes its temporary fonts folder in one, 23 MB a PDF)
        # and the exit handlers. Python has no public call for the handlers.
        gc.collect()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        with contextlib.suppress(OSError):  # nobody waits any more: the build was stopped
            report.sendall(f"{status}\n".encode())
    return status


def serve(control: socket.socket) -> None:
    """Fork a child for each task received, until the build closes its end."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the children: the build waits for them
    server = os.getpid()
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, _MESSAGE, 3)
        except OSError:
            return
        if not message:
            return
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            continue
        task = json.loads(message)
        if os.fork() == 0:
            status = 1  # if it fails before its standard error is the task's, nothing can be said
            with contextlib.suppress(BaseException):
                status = _child(control, task, fds, server)
            os._exit(status)
        for fd in fds:
            os.close(fd)


class ServerGone(Exception):
    """The server is not there to fork a task: the build runs that task as a process of its own."""


@dataclass
class Forked:
    """A task's child: its pid (the id of its process group) and what it reports its status on."""

    pid: int
    _report: socket.socket
    _said: BinaryIO

    def wait(self) -> int:
        """The child's exit status once it has ended; -9 if it ended without saying (it was killed)."""
        with self._report, self._said:
            said = self._said.readline().strip()
        return int(said) if said.isdigit() else -signal.SIGKILL


class SphinxServer:
    """The build's side: ``start`` forks a task, from any thread."""

    def __init__(self, control: socket.socket, process: subprocess.Popen) -> None:
        self._control = control
        self.process = process
        self._lock = threading.Lock()

    def start(
        self, argv: list[str], env: dict[str, str], cwd: Path, stdout: int, stderr: int, timeout: float | None = None
    ) -> Forked:
        """Fork a child that runs ``python -m sphinx ARGV`` in ``cwd`` with ``env``, writing to the two file
        descriptors given. Blocks until the server has imported Sphinx (once) and the child has begun, or
        raises TimeoutError past ``timeout`` seconds (the configuration or an extension may hang on import)."""
        mine, theirs = socket.socketpair()
        try:
            task = json.dumps({"argv": argv, "env": env, "cwd": str(Path(cwd).resolve())}).encode()
            with self._lock:
                socket.send_fds(self._control, [task], [stdout, stderr, theirs.fileno()])
        except OSError as error:
            mine.close()
            raise ServerGone(str(error)) from None
        finally:
            theirs.close()
        mine.settimeout(timeout)
        said = mine.makefile("rb")
        try:
            pid = said.readline().strip()
        except TimeoutError:
            said.close()
            mine.close()
            raise
        mine.settimeout(None)
        if not pid.isdigit():
            said.close()
            mine.close()
            raise ServerGone("the server ended before the task began")
        return Forked(int(pid), mine, said)

    def kill(self) -> None:
        """Kill the server, safely from a signal handler: children still running end with it, and a task
        waiting for it to begin is told it is gone."""
        if self.process.poll() is None:  # not yet reaped: its pid is still its own
            kill_group(self.process.pid)

    def stop(self) -> None:
        """End the server; children still running end with it."""
        self._control.close()
        self.kill()
        self.process.wait()


@contextmanager
def sphinx_server(root: Path, docs: Path, builders: Iterable[str] | None = None) -> Iterator[SphinxServer | None]:
    """A server for the Sphinx tasks of the project at ``root`` (its sources in ``docs``) with these builders
    (None: the site's and the PDF's), started at once so it imports while the build gets ready; None where it
    cannot run (not Linux, or it could not start). Enter it in the thread the build lives in: the server dies
    with that thread."""
    if not sys.platform.startswith("linux"):
        yield None
        return
    try:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    except OSError:
        yield None
        return
    try:
        process = subprocess.Popen(
            [*python_dying_with_parent(), "-m", "tools.sphinx_forkserver", str(theirs.fileno()), str(docs.resolve()),
             *(_ALSO_PRELOADED if builders is None else builders)],
            pass_fds=[theirs.fileno()], env=sphinx_environment(root), cwd=root, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    except OSError:
        process = None
    finally:
        theirs.close()
    if process is None:
        mine.close()
        yield None
        return
    server = SphinxServer(mine, process)
    try:
        yield server
    finally:
        server.stop()


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    preload(sys.argv[2], sys.argv[3:])
    # What was imported stays as it is: the children's collector never looks at it (nor copies its pages by
    # marking it), and a collection at a task's end takes milliseconds, not 0.1 s.
    gc.freeze()
    serve(control)


if __name__ == "__main__":
    main()
