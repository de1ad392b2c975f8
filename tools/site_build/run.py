"""The second stage of a build: one Sphinx process per stale task, over every core.

Each task is a separate process with its own doctrees and output folder (a shared doctree would mix
languages up), forked from a server that imported Sphinx once (``sphinx_forkserver``), or where there is
none a ``sphinx-build`` process of its own. Each has a time limit and dies with the build; SIGTERM stops
them all.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass

from tools.children import kill_group, python_dying_with_parent, sphinx_environment
from tools.progress import Progress, stage_of
from tools.site_build.plan import Plan, Task
from tools.site_build.project import DEFAULT_TIMEOUT, Project
from tools.sphinx_forkserver import ServerGone, SphinxServer, sphinx_server


@dataclass(frozen=True)
class LanguageResult:
    language: str
    builder: str
    ok: bool
    messages: list[str]


def relative(line: str, project: Project) -> str:
    return line.replace(str(project.root) + os.sep, "")


# The process groups of the Sphinx processes running, each led by its Sphinx.
_RUNNING: set[int] = set()
# Set when the build is stopped (SIGTERM, Ctrl-C): a task still waiting for the server then never begins.
_STOPPING = threading.Event()
# The server of the build running, which a stop kills so that no task waits for it.
_SERVERS: set[SphinxServer] = set()


@dataclass
class _Started:
    pid: int
    lines: Iterable[str]
    wait: Callable[[], int]


def _start(
    arguments: list[str],
    env: dict[str, str],
    project: Project,
    errors: int,
    server: SphinxServer | None,
    timeout: float | None = None,
) -> _Started:
    """``python -m sphinx ARGUMENTS``, forked from ``server`` or else a process of its own. TimeoutError if
    the server has not begun the task within ``timeout`` seconds."""
    if server is not None:
        read, write = os.pipe()
        try:
            forked = server.start(arguments, env, project.root, write, errors, timeout)
        except (ServerGone, TimeoutError) as error:
            os.close(read)
            if isinstance(error, TimeoutError) or _STOPPING.is_set():
                raise
        else:
            return _Started(forked.pid, open(read, encoding="utf-8", errors="replace"), forked.wait)
        finally:
            os.close(write)
    command = [*python_dying_with_parent(), "-m", "sphinx", *arguments]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=project.root, start_new_session=True
    )
    return _Started(process.pid, process.stdout or [], process.wait)


def build_language(
    project: Project,
    language: str,
    builder: str = "html",
    env: dict[str, str] | None = None,
    fresh: bool = False,
    progress: Progress | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    server: SphinxServer | None = None,
) -> LanguageResult:
    """Run Sphinx for one language and format, warnings as errors; return its one-line diagnostics.

    Past ``timeout`` seconds its process group is killed and the build of that language fails."""
    outdir = project.output(language, builder)
    doctrees = project.build / "doctrees" / builder / language
    arguments = [
        "-b", builder,
        "-D", f"language={language}",
        "-W", "--keep-going", "-n", "--no-color",
        # Sphinx's status lines feed the live display; a log needs none of them, and writing them costs.
        *([] if progress and progress.live else ["-q"]),
        *(["-E"] if fresh else []),
        "-d", str(doctrees),
        str(project.docs), str(outdir),
    ]  # fmt: skip
    env = sphinx_environment(project.root, env)
    task = f"{language} {builder}"
    timed_out = threading.Event()
    ended = threading.Event()
    started = time.monotonic()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        try:
            process = _start(arguments, env, project, errors.fileno(), server, timeout)
        except TimeoutError:
            return LanguageResult(language, builder, False, [f"error: timed out after {timeout:g} s"])
        except ServerGone:  # the build was stopped while the task waited for the server
            return LanguageResult(language, builder, False, ["error: interrupted"])
        _RUNNING.add(process.pid)
        if _STOPPING.is_set():  # stopped while the server forked it: nobody else will stop it
            kill_group(process.pid)

        def expire() -> None:
            if not ended.is_set():  # not yet waited for: its pid, the group's id, is still its own
                timed_out.set()
                kill_group(process.pid)

        # The time limit counts from the request: the server may have spent some of it importing Sphinx.
        timer = threading.Timer(max(0.0, timeout - (time.monotonic() - started)), expire) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            for line in process.lines:
                stage = stage_of(line)
                if stage and progress:
                    progress.update(task, stage)
            status = process.wait()
        finally:
            ended.set()
            if timer:
                timer.cancel()
            _RUNNING.discard(process.pid)
        errors.seek(0)
        stderr = errors.read()
    if status == 0 and not timed_out.is_set():
        return LanguageResult(language, builder, True, [])
    # Sphinx reports a warning only when it reads the file; forget this run so the next one reports it again.
    shutil.rmtree(doctrees, ignore_errors=True)
    if timed_out.is_set():
        return LanguageResult(language, builder, False, [f"error: timed out after {timeout:g} s"])
    lines = [
        relative(line, project)
        for line in stderr.splitlines()
        if line.strip() and not line.startswith("build finished with problems")
    ]
    return LanguageResult(language, builder, False, lines or [f"sphinx-build exited with status {status}"])


def _terminate_children() -> None:
    _STOPPING.set()
    for server in list(_SERVERS):
        server.kill()
    for pid in list(_RUNNING):
        kill_group(pid, signal.SIGTERM)


def stop_builds(signum: int, _frame: object) -> None:
    """On SIGTERM: stop every Sphinx process, then leave as an interrupted build."""
    _terminate_children()
    raise KeyboardInterrupt


def run(
    plan: Plan, jobs: int | None, timeout: float | None, server: SphinxServer | None = None
) -> list[LanguageResult]:
    """Build every stale task of ``plan``; the failed ones, in the order of the plan's tasks. Raises
    KeyboardInterrupt, every Sphinx process stopped, when interrupted or sent SIGTERM. The tasks are forked
    from ``server``, else from one started here."""
    progress = Progress([f"{lang} {builder}" for lang, builder in plan.tasks])
    for task in plan.tasks:
        if task not in plan.stale:
            progress.update(f"{task[0]} {task[1]}", "up to date")

    def one(task: Task) -> LanguageResult:
        fresh = plan.fresh(task)
        plan.started(task)
        progress.update(f"{task[0]} {task[1]}", "starting")
        env = {"SOURCE_DATE_EPOCH": plan.epochs[task[0]]}
        result = build_language(
            plan.project, *task, env=env, fresh=fresh, progress=progress, timeout=timeout, server=server
        )
        progress.update(f"{task[0]} {task[1]}", "done" if result.ok else "failed")
        if result.ok:
            plan.succeeded(task)
        return result

    project = plan.project
    builders = sorted({builder for _language, builder in plan.stale})
    previous = signal.signal(signal.SIGTERM, stop_builds)
    try:
        # Started here, in the thread the build lives in: the server dies with that thread.
        with nullcontext(server) if server else sphinx_server(project.root, project.docs, builders) as server:
            _STOPPING.clear()
            _SERVERS.update([server] if server else [])
            try:
                with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
                    try:
                        results = list(pool.map(one, plan.stale))
                    except KeyboardInterrupt:
                        # Before the pool waits for its threads, which wait for their Sphinx.
                        _terminate_children()
                        raise
            finally:
                _SERVERS.clear()
    finally:
        signal.signal(signal.SIGTERM, previous)
    return sorted((r for r in results if not r.ok), key=lambda r: plan.tasks.index((r.language, r.builder)))
