"""The build pipeline: incremental, atomic under a signal, reproducible."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from tools.site import Project

from conftest import copy_project

ROOT = Path(__file__).resolve().parent.parent
PDF = "training-for-gender-equality-beijing20-summary-{}.pdf"


def build(project: Project, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tools", "--root", str(project.root), "build", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})


def outputs(project: Project) -> dict[str, int]:
    """Modification times of each language's built page and PDF, in nanoseconds."""
    found = {}
    for lang in ("en", "es", "fr"):
        found[f"{lang} html"] = (project.build / "html" / lang / "index.html").stat().st_mtime_ns
        found[f"{lang} pdf"] = (project.build / "pdf" / lang / PDF.format(lang)).stat().st_mtime_ns
    return found


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_incremental_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert build(project).returncode == 0
    first = outputs(project)

    again = build(project)
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1] == f"nothing to do: {project.site} is up to date"
    assert outputs(project) == first

    catalogue = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    catalogue.write_text(catalogue.read_text("utf-8").replace('msgstr "Résumé"', 'msgstr "Synthèse"'), "utf-8")
    one = build(project)
    assert one.returncode == 0, one.stderr
    after = outputs(project)
    assert {task for task in first if after[task] != first[task]} == {"fr html", "fr pdf"}
    assert "Synthèse" in (project.site / "fr" / "index.html").read_text("utf-8")
    assert "[es html] up to date" in one.stdout

    source = project.docs / "index.md"
    source.write_text(source.read_text("utf-8").replace("13th – 31st October 2014", "13th – 31st October, 2014"))
    everything = build(project)
    assert everything.returncode == 0, everything.stderr
    assert all(outputs(project)[task] != after[task] for task in after)


def _wait_for_line(process: subprocess.Popen, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    assert process.stdout is not None
    for line in process.stdout:
        if text in line:
            return
        assert time.monotonic() < deadline, f"no {text!r} in time"
    raise AssertionError(f"the build ended before {text!r}")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_leaves_the_published_site(tmp_path: Path, sig: signal.Signals) -> None:
    project = copy_project(tmp_path)
    assert build(project).returncode == 0
    published = snapshot(project.site)
    source = project.docs / "index.md"
    source.write_text(source.read_text("utf-8").replace("Summary", "Summary of the dialogue"), "utf-8")

    command = [sys.executable, "-m", "tools", "--root", str(project.root), "build"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    _wait_for_line(process, "starting")
    time.sleep(0.5)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode != 0
    if sig == signal.SIGTERM:
        assert process.returncode == 130 and stderr.strip().endswith(f"interrupted: {project.site} is unchanged")
    time.sleep(1)  # orphaned Sphinx processes of a SIGKILL may still be finishing
    assert snapshot(project.site) == published
    assert not list(project.build.glob(".site-new-*")) or sig == signal.SIGKILL

    # The next build finishes the job, from scratch where the killed one left outputs half-written.
    done = build(project)
    assert done.returncode == 0, done.stderr
    assert "Summary of the dialogue" in (project.site / "en" / "index.html").read_text("utf-8")
    assert not list(project.build.glob(".site-new-*"))


def test_builds_are_reproducible(tmp_path: Path) -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    assert build(first, env=epoch).returncode == 0
    assert build(second, env=epoch).returncode == 0
    one, two = snapshot(first.site), snapshot(second.site)
    assert one.keys() == two.keys() and len(one) > 20
    different = [name for name in one if one[name] != two[name]]
    assert different == []
    with pikepdf.open(first.site / "fr" / PDF.format("fr")) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20231114221320Z"


def test_without_source_date_epoch_the_date_is_the_sources(tmp_path: Path) -> None:
    project = copy_project(tmp_path)  # not a git checkout: the newest source file gives the date
    moment = datetime.datetime(2024, 3, 8, 12, 0, tzinfo=datetime.UTC).timestamp()
    for path in [*project.docs.rglob("*"), *project.locale.rglob("*")]:
        if path.is_file():
            os.utime(path, (moment, moment))
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [sys.executable, "-m", "tools", "--root", str(project.root), "build", "--lang", "es", "--format", "pdf"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with pikepdf.open(project.build / "pdf" / "es" / PDF.format("es")) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20240308120000Z"
