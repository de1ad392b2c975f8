"""The server the build forks its Sphinx tasks from: each task behaves as a ``sphinx-build`` process would."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.site_build.project import Project
from tools.site_build.run import _start, _Started
from tools.sphinx_forkserver import ServerGone, SphinxServer, _exit_status, sphinx_server

from helpers import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server runs on Linux only")

CONF = """
import os, time
from pathlib import Path
extensions = []
if os.environ.get("PROBE"):
    Path(os.environ["PROBE"]).write_text(f"{os.environ.get('ASKED')}|{os.getpgrp() == os.getpid()}")
if os.environ.get("HANG"):
    time.sleep(60)
if os.environ.get("BREAK"):
    raise RuntimeError("the configuration is broken")
if os.environ.get("AT_EXIT"):
    import atexit
    atexit.register(lambda: Path(os.environ["AT_EXIT"]).write_text("ran"))
"""


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "conf.py").write_text(CONF, "utf-8")
    (folder / "index.rst").write_text("Title\n=====\n\nText.\n", "utf-8")
    return folder


@pytest.fixture
def server(docs: Path) -> Iterator[SphinxServer]:
    with sphinx_server(ROOT, docs, ["html"]) as started:
        assert started is not None
        yield started


def _task(server: SphinxServer, docs: Path, **env: str) -> tuple[int, str, str]:
    """Run one HTML build of ``docs``; its status, standard output and standard error."""
    read, write = os.pipe()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        try:
            forked = server.start(
                ["-b", "html", str(docs), "out"], {**os.environ, **env}, docs.parent, write,
                errors.fileno(),
            )  # fmt: skip
        finally:
            os.close(write)
        with open(read, encoding="utf-8") as output:
            lines = output.read()
        status = forked.wait()
        errors.seek(0)
        return status, lines, errors.read()


def test_a_task_runs_in_its_own_session_folder_and_environment(server: SphinxServer, docs: Path) -> None:
    probe = docs.parent / "probe"
    status, output, _ = _task(server, docs, PROBE=str(probe), ASKED="yes")
    assert status == 0
    assert "build succeeded" in output
    assert (docs.parent / "out" / "index.html").is_file()  # "out", relative to the folder asked for
    assert probe.read_text() == "yes|True"
    # The next task does not see the first one's environment.
    status, _, _ = _task(server, docs, PROBE=str(probe))
    assert status == 0 and probe.read_text().startswith("None|")


def test_a_failing_task_says_why_on_its_standard_error(server: SphinxServer, docs: Path) -> None:
    status, _, errors = _task(server, docs, BREAK="1")
    assert status == 2
    assert "the configuration is broken" in errors


def _gone(pid: int, seconds: float = 5) -> bool:
    """Whether the process ends within ``seconds``: no longer there, or a zombie nobody has reaped yet (its
    sockets close while it dies, a moment before)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z"):
                return True
        except FileNotFoundError:
            return True
        time.sleep(0.02)
    return False


def _hanging(server: SphinxServer, docs: Path) -> tuple[_Started, int]:
    read, write = os.pipe()
    try:
        forked = server.start(
            ["-b", "html", str(docs), str(docs.parent / "out")], {**os.environ, "HANG": "1"}, docs.parent, write, 2
        )
    finally:
        os.close(write)
    return forked, read


def test_a_killed_task_reports_that_it_was_killed(server: SphinxServer, docs: Path) -> None:
    forked, read = _hanging(server, docs)
    os.killpg(forked.pid, signal.SIGKILL)
    started = time.monotonic()
    assert forked.wait() == -signal.SIGKILL
    assert time.monotonic() - started < 10
    os.close(read)


def test_the_tasks_end_with_the_server(server: SphinxServer, docs: Path) -> None:
    forked, read = _hanging(server, docs)
    server.stop()
    started = time.monotonic()
    assert forked.wait() == -signal.SIGKILL
    assert time.monotonic() - started < 10
    assert _gone(forked.pid)
    os.close(read)
    with pytest.raises(ServerGone):
        server.start(["--version"], dict(os.environ), docs.parent, 1, 2)


def test_without_a_server_a_task_is_a_process_of_its_own(server: SphinxServer, docs: Path) -> None:
    server.stop()
    project = Project(root=docs.parent, build=docs.parent / "build")
    with tempfile.TemporaryFile("w+") as errors:
        started = _start(["--version"], dict(os.environ), project, errors.fileno(), server)
        output = "".join(started.lines)
        assert started.wait() == 0
    assert output.startswith("sphinx-build ")


def test_a_task_ends_as_a_process_does_its_exit_handlers_run(server: SphinxServer, docs: Path) -> None:
    """WeasyPrint removes its temporary fonts folder in a finalizer: a task that skipped them left 23 MB in the
    temporary folder for each PDF."""
    marker = docs.parent / "at-exit"
    status, _, _ = _task(server, docs, AT_EXIT=str(marker))
    assert status == 0
    deadline = time.monotonic() + 5
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.read_text() == "ran"


@pytest.mark.parametrize(
    ("code", "status", "said"), [(None, 0, ""), (0, 0, ""), (3, 3, ""), (256, 0, ""), ("why", 1, "why\n")]
)
def test_the_exit_status_is_pythons(code: object, status: int, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_status(code) == status
    assert capsys.readouterr().err == said
