"""The build pipeline: incremental, atomic under a signal, reproducible."""

from __future__ import annotations

import datetime
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pikepdf
import pytest

from tools.site_build import Project

from helpers import ROOT, copy_project, run_tools, tools_command

PDF = "training-for-gender-equality-beijing20-summary-{}.pdf"


def build(project: Project, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_tools("build", *args, root=project.root, env={**os.environ, **(env or {})})


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

    command = tools_command("build", root=project.root)
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
    done = run_tools("build", "--lang", "es", "--format", "pdf", root=project.root, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    with pikepdf.open(project.build / "pdf" / "es" / PDF.format("es")) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20240308120000Z"


def sphinx_processes(project: Project) -> list[str]:
    """The command lines of the Sphinx processes still running on this project's sources."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(project.docs) in cmdline and "sphinx" in cmdline:
            found.append(f"{entry.name}: {cmdline}")
    return found


def no_sphinx_left(project: Project, seconds: float = 5) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := sphinx_processes(project)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def published(project: Project) -> dict[str, bytes]:
    """The site, its search indexes checked whole but left out of the comparison: an incremental build keeps
    the terms of a replaced wording with no page (``"synthes": []``), where a fresh build has none."""
    files = snapshot(project.site)
    for name in [name for name in files if name.endswith("/searchindex.js")]:
        index = files.pop(name)
        assert index.startswith(b"Search.setIndex(") and index.endswith(b")"), f"{name} is partial"
    return files


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the processes from /proc")
def test_random_kills_leave_no_sphinx_and_a_whole_site(tmp_path: Path) -> None:
    kills = int(os.environ.get("PIPELINE_KILLS", "20"))
    project = copy_project(tmp_path)
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}  # the same sources give the same files, whatever their dates
    catalogue = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    variants = [catalogue.read_text("utf-8")]
    variants.append(variants[0].replace('msgstr "Résumé"', 'msgstr "Synthèse"', 1))
    sites = []
    for text in variants:
        catalogue.write_text(text, "utf-8")
        started = time.monotonic()
        assert build(project, env=epoch).returncode == 0
        sites.append(published(project))
    duration = time.monotonic() - started  # of a build of French only
    assert sites[0] != sites[1]

    rng = random.Random(int(os.environ.get("PIPELINE_SEED", "12")))
    command = tools_command("build", "--lang", "fr", root=project.root)
    outcomes = {"killed": 0, "finished": 0}
    for kill in range(kills):
        catalogue.write_text(variants[kill % 2], "utf-8")
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, **epoch}
        )
        time.sleep(rng.uniform(0, duration * 1.4))  # past the end too: some builds finish and publish
        process.kill()
        outcomes["finished" if process.wait() == 0 else "killed"] += 1
        left = no_sphinx_left(project)
        assert left == [], f"kill {kill + 1}: Sphinx survived its build:\n" + "\n".join(left)
        now = published(project)
        differing = [sorted(n for n in {*site, *now} if site.get(n) != now.get(n)) for site in sites]
        assert now in sites, f"kill {kill + 1}: the site is neither the old nor the new one: {differing}"
    print(f"{kills} kills: {outcomes}")

    done = build(project, env=epoch)
    assert done.returncode == 0, done.stderr
    assert published(project) == sites[(kills - 1) % 2]
    assert not list(project.build.glob(".site-*"))


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    command = tools_command("build", "--lang", "fr", "--format", "html", root=project.root)
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    _wait_for_line(first, "starting")
    second = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    _, first_err = first.communicate(timeout=120)

    assert first.returncode == 0, first_err
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    assert second.stderr.splitlines()[0] == f"waiting for another build (pid {first.pid}) to finish in {project.build}"
    assert "[fr html] up to date" in second.stdout  # it found the first one's work done


HANGING = {
    # Once Sphinx has started, whatever the machine's speed: an extension waits a minute.
    "running": "import time\n\ndef setup(app):\n    app.connect('builder-inited', lambda app: time.sleep(60))\n",
    # While the extensions are imported, before any task can begin (the server imports them once, first).
    "importing": "import time\n\ntime.sleep(60)\n\ndef setup(app):\n    pass\n",
}


@pytest.mark.parametrize("when", sorted(HANGING))
def test_a_build_that_runs_too_long_is_stopped(tmp_path: Path, when: str) -> None:
    project = copy_project(tmp_path)
    (project.docs / "hanging.py").write_text(HANGING[when], "utf-8")
    conf = project.docs / "conf.py"
    conf.write_text(
        conf.read_text("utf-8") + '\nsys.path.insert(0, str(Path(__file__).parent))\nextensions.append("hanging")\n'
    )
    started = time.monotonic()
    done = build(project, "--lang", "fr", "--format", "pdf", "--timeout", "2")
    assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "[fr pdf] error: timed out after 2 s" in done.stderr.splitlines()
    assert done.stderr.splitlines()[-1].startswith("error: the build of fr (pdf) failed")
    assert no_sphinx_left(project) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_build_stopped_while_its_tasks_wait_for_sphinx_ends_at_once(tmp_path: Path, sig: signal.Signals) -> None:
    """The tasks wait for the server, which imports the extensions first; stopping the build then must not
    wait for them (an extension that hangs on import: else the build would end only at its time limit)."""
    project = copy_project(tmp_path)
    (project.docs / "hanging.py").write_text(HANGING["importing"], "utf-8")
    conf = project.docs / "conf.py"
    conf.write_text(
        conf.read_text("utf-8") + '\nsys.path.insert(0, str(Path(__file__).parent))\nextensions.append("hanging")\n'
    )
    command = tools_command("build", "--lang", "fr", "--timeout", "120", root=project.root)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    _wait_for_line(process, "starting")
    time.sleep(0.5)
    process.send_signal(sig)
    started = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    assert time.monotonic() - started < 10
    assert process.returncode == 130, stderr
    assert stderr.strip().endswith(f"interrupted: {project.site} is unchanged")
    assert no_sphinx_left(project) == []


def test_an_interface_string_changes_every_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert build(project, "--lang", "fr", "--format", "html").returncode == 0
    page = project.build / "html" / "fr" / "index.html"
    catalogue = project.locale / "fr" / "LC_MESSAGES" / "sphinx.po"
    text = catalogue.read_text("utf-8")
    old = text.split('msgid "Download PDF"\nmsgstr "', 1)[1].split('"', 1)[0]
    assert old in page.read_text("utf-8")
    catalogue.write_text(text.replace(f'msgid "Download PDF"\nmsgstr "{old}"', 'msgid "Download PDF"\nmsgstr "PDF !"'))

    done = build(project, "--lang", "fr", "--format", "html")
    assert done.returncode == 0, done.stderr
    assert "PDF !" in page.read_text("utf-8")
    assert "PDF !" in (project.build / "html" / "fr" / "status.html").read_text("utf-8")


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the processes from /proc")
def test_the_extraction_of_update_dies_with_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    update = subprocess.Popen(
        tools_command("update", root=project.root),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not sphinx_processes(project) and time.monotonic() < deadline and update.poll() is None:
        time.sleep(0.01)
    assert sphinx_processes(project), "update never started its extraction"
    update.kill()
    update.wait()
    # The kernel's signal is immediate; an orphan would go on extracting for a second or more.
    assert not no_sphinx_left(project, seconds=0.3), "the gettext builder outlived update"
