"""Catalogues are written atomically: a process killed at any moment leaves each one old or new, never partial."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from tools import atomic
from tools.atomic import remove_stale_temporaries, write_bytes_atomic, write_text_atomic

from helpers import copy_project, run_tools, tools_command

STRACE = shutil.which("strace")


def test_a_write_replaces_the_content_and_keeps_the_permission_bits(tmp_path: Path) -> None:
    path = tmp_path / "index.po"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_text_atomic(path, "Résumé", "utf-8")
    assert path.read_bytes() == "Résumé".encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["index.po"]


def test_a_new_file_gets_the_permission_bits_of_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_bytes_atomic(tmp_path / "new.po", b"x")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.po").stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "index.po"
    path.write_bytes(b"old")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(OSError):
        write_bytes_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.po"]


def test_only_the_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".index.po.{dead.stdout.strip()}.abc123.tmp"
    alive = tmp_path / f".index.po.{os.getppid()}.def456.tmp"
    other = tmp_path / ".notes.tmp"
    for path in (stale, alive, other):
        path.write_bytes(b"partial")
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])
    assert not alive.name.endswith(".po") and not stale.name.endswith(".po")


def _rewrapped(project_root: Path) -> None:
    """Every catalogue out of the canonical form (wrapped at 60 columns), so `check --fix` rewrites them all."""
    for path in (project_root / "locale").rglob("*.po"):
        catalogue = polib.pofile(str(path), wrapwidth=60)
        catalogue.wrapwidth = 60
        path.write_text(str(catalogue), "utf-8")


def _contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locale").rglob("*.po"))}


FIX = ("check", "--select", "wrapping", "--fix", "--lang", "fr")


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def broken_wrapping(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A project whose French catalogues need rewriting: (its root, contents before, contents after a fix)."""
    reference = tmp_path / "reference"
    copy_project(reference)
    _rewrapped(reference)
    before = _contents(reference)
    done = run_tools(*FIX, root=reference, env=_environment())
    assert done.returncode == 0, done.stdout + done.stderr
    after = _contents(reference)
    changed = [name for name in before if before[name] != after[name]]
    assert len(changed) == 4, changed  # every French catalogue is rewritten
    return reference, before, after


def _assert_old_or_new(root: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    now = _contents(root)
    assert set(now) == set(before), "a catalogue appeared or vanished"
    for name, content in now.items():
        assert content in (before[name], after[name]), f"{name}: neither the old nor the new content ({len(content)} B)"


def _fresh(tmp_path: Path, before: dict[str, bytes], name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(tmp_path / "reference" / "tools", root / "tools")
    shutil.copytree(tmp_path / "reference" / "docs", root / "docs")
    for relative, content in before.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(content)
    return root


def _count_calls(root: Path, syscall: str, args: tuple[str, ...]) -> int:
    log = root / "strace.log"
    command = [STRACE, "-qq", "-o", str(log), "-e", f"trace={syscall}", *tools_command(*args, root=root)]
    subprocess.run(command, capture_output=True, env=_environment(), check=True)
    return sum(1 for line in log.read_text().splitlines() if line.startswith(f"{syscall}("))


@pytest.mark.skipif(STRACE is None, reason="strace is not installed")
@pytest.mark.parametrize("syscall", ["write", "fsync", "rename"])
def test_check_fix_killed_at_every_write_fsync_and_rename_leaves_old_or_new_catalogues(
    tmp_path: Path, broken_wrapping: tuple[Path, dict[str, bytes], dict[str, bytes]], syscall: str
) -> None:
    _, before, after = broken_wrapping
    calls = _count_calls(_fresh(tmp_path, before, "count"), syscall, FIX)
    assert calls >= 4  # at least one per catalogue rewritten
    for when in range(1, calls + 1):
        root = _fresh(tmp_path, before, f"kill-{syscall}-{when}")
        inject = f"inject={syscall}:signal=KILL:when={when}"
        command = [STRACE, "-qq", "-o", os.devnull, "-e", inject, *tools_command(*FIX, root=root)]
        done = subprocess.run(command, capture_output=True, env=_environment())
        assert done.returncode != 0, f"the process was not killed at {syscall} #{when}"
        _assert_old_or_new(root, before, after)
        again = run_tools(*FIX, root=root, env=_environment())
        assert again.returncode == 0, again.stdout + again.stderr
        assert _contents(root) == after
        assert not list(root.rglob("*.tmp")), "a temporary file survived the next run"
        shutil.rmtree(root)


def test_check_fix_killed_at_random_moments_leaves_old_or_new_catalogues(
    tmp_path: Path, broken_wrapping: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    _, before, after = broken_wrapping
    root = _fresh(tmp_path, before, "timing")
    start = time.monotonic()
    subprocess.run(tools_command(*FIX, root=root), capture_output=True, env=_environment(), check=True)
    duration = time.monotonic() - start
    shutil.rmtree(root)
    chance = random.Random(12)
    for attempt in range(15):
        root = _fresh(tmp_path, before, f"random-{attempt}")
        process = subprocess.Popen(
            tools_command(*FIX, root=root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_environment()
        )
        # Most of a run is starting Python and importing; the writes are in its last part.
        time.sleep(chance.uniform(0.5, 1.05) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        _assert_old_or_new(root, before, after)
        shutil.rmtree(root)


@pytest.mark.skipif(STRACE is None, reason="strace is not installed")
@pytest.mark.parametrize("syscall", ["write", "rename"])
def test_update_killed_in_its_first_write_or_rename_leaves_old_or_new_catalogues(tmp_path: Path, syscall: str) -> None:
    reference = tmp_path / "reference"
    copy_project(reference)
    source = reference / "docs" / "index.md"
    source.write_text(source.read_text("utf-8").replace("## Background\n", "## Context\n"), "utf-8")
    before = _contents(reference)
    subprocess.run(tools_command("update", root=reference), capture_output=True, env=_environment(), check=True)
    after = _contents(reference)
    assert sum(before[name] != after[name] for name in before) == 2  # the index catalogue of each language

    root = _fresh(tmp_path, before, "killed")
    inject = f"inject={syscall}:signal=KILL:when=1"
    done = subprocess.run(
        [STRACE, "-qq", "-o", os.devnull, "-e", inject, *tools_command("update", root=root)],
        capture_output=True,
        env=_environment(),
    )
    assert done.returncode != 0
    _assert_old_or_new(root, before, after)
    assert _contents(root) != after  # killed before it finished
    subprocess.run(tools_command("update", root=root), capture_output=True, env=_environment(), check=True)
    assert _contents(root) == after
    assert not list(root.rglob("*.tmp"))
