"""Build every language of the publication, as HTML and PDF, and assemble them into one site.

Each language is a separate ``sphinx-build`` process with its own doctrees and output folder (a shared doctree
would mix languages up). The assembled site is written beside the published one and swapped in only when
every language built, so a failed build never replaces a good one (``tools/atomic_publish.py``), and only
languages whose last build succeeded are taken into a site. One build runs at a time per build folder
(``tools/build_lock.py``); each Sphinx process has a time limit and dies with the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tools import atomic_publish
from tools.build_lock import build_lock
from tools.catalogues import find_catalogues, validate_all
from tools.children import python_dying_with_parent
from tools.extract import sphinx_environment
from tools.fingerprint import Fingerprints, store, stored
from tools.languages import MANIFEST, discover_languages
from tools.progress import Progress, stage_of

TEMPLATES = Path(__file__).parent / "templates"
# Sphinx writes these for its own incremental builds; readers have no use for them.
_NOT_PUBLISHED = shutil.ignore_patterns(".buildinfo", ".doctrees", "_sources", MANIFEST)


@dataclass(frozen=True)
class Project:
    """Where the sources are and where the build goes."""

    root: Path
    build: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def locale(self) -> Path:
        return self.root / "locale"

    @property
    def site(self) -> Path:
        return self.build / "site"

    def languages(self) -> list[str]:
        return discover_languages(self.locale)


FORMATS = ("html", "pdf")
# Generous: a full build of the PDF takes well under a minute; only a hung or runaway Sphinx takes this long.
DEFAULT_TIMEOUT = 600.0


@dataclass(frozen=True)
class LanguageResult:
    language: str
    builder: str
    ok: bool
    messages: list[str]


def _relative(line: str, root: Path) -> str:
    return line.replace(str(root) + os.sep, "")


_RUNNING: set[subprocess.Popen] = set()


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def build_language(
    project: Project,
    language: str,
    builder: str = "html",
    env: dict[str, str] | None = None,
    fresh: bool = False,
    progress: Progress | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> LanguageResult:
    """Run Sphinx for one language and format, warnings as errors; return its one-line diagnostics.

    Past ``timeout`` seconds its process group is killed and the build of that language fails."""
    outdir = project.build / builder / language
    doctrees = project.build / "doctrees" / builder / language
    command = [
        *python_dying_with_parent(), "-m", "sphinx",
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
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=project.root, start_new_session=True
        )
        _RUNNING.add(process)

        def expire() -> None:
            if process.poll() is None:  # not yet reaped: its pid, the group's id, is still its own
                timed_out.set()
                _kill_group(process)

        timer = threading.Timer(timeout, expire) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            for line in process.stdout or []:
                stage = stage_of(line)
                if stage and progress:
                    progress.update(task, stage)
            status = process.wait()
        finally:
            if timer:
                timer.cancel()
            _RUNNING.discard(process)
        errors.seek(0)
        stderr = errors.read()
    if status == 0 and not timed_out.is_set():
        return LanguageResult(language, builder, True, [])
    # Sphinx reports a warning only when it reads the file; forget this run so the next one reports it again.
    shutil.rmtree(doctrees, ignore_errors=True)
    if timed_out.is_set():
        return LanguageResult(language, builder, False, [f"error: timed out after {timeout:g} s"])
    lines = [
        _relative(line, project.root)
        for line in stderr.splitlines()
        if line.strip() and not line.startswith("build finished with problems")
    ]
    return LanguageResult(language, builder, False, lines or [f"sphinx-build exited with status {status}"])


def _terminate_children() -> None:
    for process in list(_RUNNING):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)


def stop_builds(signum: int, _frame: object) -> None:
    """On SIGTERM: stop every Sphinx process, then leave as an interrupted build."""
    _terminate_children()
    raise KeyboardInterrupt


def source_date_epoch(project: Project, language: str) -> str:
    """SOURCE_DATE_EPOCH if set; else the time of the last commit of the language's sources (the English and
    its catalogues), else their newest file. Never the clock: the same sources give the same PDF."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "docs", f"locale/{language}", "tools"],
            capture_output=True, text=True, cwd=project.root, timeout=10,
        )  # fmt: skip
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return done.stdout.strip()
    # Only what people write: the .mo files Sphinx compiles into locale/ must not move the date.
    catalogues = find_catalogues([project.locale / language]) if (project.locale / language).is_dir() else []
    files = [p for p in project.docs.rglob("*") if p.is_file()] + catalogues
    return str(int(max((p.stat().st_mtime for p in files), default=0)))


def assemble(project: Project, languages: list[str], kept: list[str] | None = None) -> None:
    """Copy each language's output into a new version of the site and publish it in place of the current one.

    The languages in ``kept`` are copied from the published site instead: their last build failed."""
    staging = atomic_publish.new_staging(project.build)
    published = atomic_publish.published_manifests(project.site)
    try:
        manifests = []
        for language in sorted([*languages, *(kept or [])], key=project.languages().index):
            if language in languages:
                shutil.copytree(project.build / "html" / language, staging / language, ignore=_NOT_PUBLISHED)
                manifest = _manifest(project, language)
                shutil.copy2(project.build / "pdf" / language / manifest["pdf"], staging / language / manifest["pdf"])
            else:
                shutil.copytree(project.site / language, staging / language)
                manifest = published[language]
            manifests.append(manifest)
        _write_root_page(staging, manifests)
        atomic_publish.publish_version(staging, project.site, manifests)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_root_page(staging: Path, manifests: list[dict[str, str]]) -> None:
    """The language chooser at the top of the site, from the manifests the language builds left."""
    from tools.sphinxext.csp import template_script_hashes, with_policy

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), keep_trailing_newline=True)
    html = env.get_template("root.html").render(languages=manifests)
    html = with_policy(html, template_script_hashes([TEMPLATES]))  # the template's own script, by its hash
    atomic_publish.write_file(staging / "index.html", html)


def _manifest(project: Project, language: str) -> dict[str, str]:
    return json.loads((project.build / "html" / language / MANIFEST).read_text("utf-8"))


def _unfinished_file(project: Project, language: str, builder: str) -> Path:
    """Present while a build of the language and format has not succeeded: its outputs must not be published.

    Absence proves nothing more: the outputs of a CI job, downloaded for the assembly, come without it."""
    return project.build / builder / f".{language}.unfinished"


def _is_built(project: Project, language: str) -> bool:
    """Whether the language's last build of each format succeeded and left its page, manifest and PDF."""
    if any(_unfinished_file(project, language, builder).exists() for builder in FORMATS):
        return False
    try:
        pdf = _manifest(project, language)["pdf"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return (project.build / "html" / language / "index.html").is_file() and (
        project.build / "pdf" / language / pdf
    ).is_file()


def build(
    project: Project,
    languages: list[str] | None = None,
    jobs: int | None = None,
    formats: tuple[str, ...] = FORMATS,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> int:
    """Build the requested languages and formats (all by default) and publish the site. Return an exit status.

    A language and format whose inputs have not changed since its last successful build is not rebuilt. Each
    Sphinx process that runs longer than ``timeout`` seconds (None or 0: no limit) is stopped and fails its
    language."""
    available = project.languages()
    wanted = languages or available
    unknown = [lang for lang in wanted if lang not in available]
    if unknown:
        print(f"error: no catalogues for {', '.join(unknown)} in {project.locale}; "
              f"available: {', '.join(available)}", file=sys.stderr)  # fmt: skip
        return 2
    with build_lock(project.build):
        atomic_publish.remove_leftovers(project.site)  # of a build killed while assembling
        return _build(project, wanted, jobs, formats, timeout if timeout and timeout > 0 else None)


def _build(
    project: Project, wanted: list[str], jobs: int | None, formats: tuple[str, ...], timeout: float | None
) -> int:
    catalogues = find_catalogues([project.locale / lang for lang in wanted if (project.locale / lang).is_dir()])
    errors = list(validate_all(catalogues))
    for error in errors:
        print(_relative(str(error), project.root), file=sys.stderr)
    if errors:
        print(f"error: {len(errors)} invalid catalogue(s); nothing was built, {project.site} is unchanged",
              file=sys.stderr)  # fmt: skip
        return 1
    epochs = {lang: source_date_epoch(project, lang) for lang in wanted}
    fingerprints = Fingerprints(project.root, epochs)
    tasks = [(lang, builder) for lang in wanted for builder in formats]
    wholes = {task: fingerprints.whole(*task) for task in tasks}
    # The marker holds both: everything the build depends on, then what Sphinx cannot see per document.
    wanted_prints = {task: f"{fingerprints.of(*task)}\n{wholes[task]}" for task in tasks}
    stale = [task for task in tasks if stored(_fingerprint_file(project, *task)) != wanted_prints[task]]
    # PDFs take longest: start them first, so that no core waits alone for the last one at the end.
    stale.sort(key=lambda task: task[1] != "pdf")
    progress = Progress([f"{lang} {builder}" for lang, builder in tasks])
    for task in tasks:
        if task not in stale:
            progress.update(f"{task[0]} {task[1]}", "up to date")

    def run(task: tuple[str, str]) -> LanguageResult:
        marker, unfinished = _fingerprint_file(project, *task), _unfinished_file(project, *task)
        previous = (stored(marker) or "").splitlines()
        # Outputs without a fingerprint come from a build that did not finish, and a change Sphinx cannot see
        # would leave pages it thinks up to date unchanged: in both cases, read and write everything again.
        fresh = (not previous and (project.build / task[1] / task[0]).exists()) or previous[1:] != [wholes[task]]
        store(unfinished, "")
        marker.unlink(missing_ok=True)
        progress.update(f"{task[0]} {task[1]}", "starting")
        env = {"SOURCE_DATE_EPOCH": epochs[task[0]]}
        result = build_language(project, *task, env=env, fresh=fresh, progress=progress, timeout=timeout)
        progress.update(f"{task[0]} {task[1]}", "done" if result.ok else "failed")
        if result.ok:
            # In this order: killed in between, the outputs are published, and rebuilt afresh next time.
            unfinished.unlink()
            store(marker, wanted_prints[task])
        return result

    previous = signal.signal(signal.SIGTERM, stop_builds)
    try:
        with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
            results = list(pool.map(run, stale))
    except KeyboardInterrupt:
        _terminate_children()
        print(f"interrupted: {project.site} is unchanged", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    failed = sorted((r for r in results if not r.ok), key=lambda r: tasks.index((r.language, r.builder)))
    for result in failed:
        for line in result.messages:
            print(f"[{result.language} {result.builder}] {line}", file=sys.stderr)
    if failed:
        names = ", ".join(f"{result.language} ({result.builder})" for result in failed)
        print(f"error: the build of {names} failed; {project.site} is unchanged", file=sys.stderr)
        return 1
    if set(formats) != set(FORMATS):
        print(f"built {', '.join(sorted(formats))} of {', '.join(wanted)} in {project.build}; {project.site} is "
              "published by builds of every format")  # fmt: skip
        return 0
    site_print = hashlib.sha256("".join(sorted(wanted_prints.values())).encode()).hexdigest()
    if not stale and project.site.exists() and stored(project.build / "site.fingerprint") == site_print:
        print(f"nothing to do: {project.site} is up to date")
        return 0
    status = _publish(project)
    if status == 0 and set(wanted) == set(project.languages()):
        store(project.build / "site.fingerprint", site_print)
    return status


def _fingerprint_file(project: Project, language: str, builder: str) -> Path:
    return project.build / builder / f".{language}.fingerprint"


def publish(project: Project) -> int:
    """Assemble every language built so far into the published site (``python -m tools assemble``)."""
    with build_lock(project.build):
        atomic_publish.remove_leftovers(project.site)
        return _publish(project)


def _publish(project: Project) -> int:
    """Publish the languages whose last build succeeded; keep the published version of the others."""
    languages = project.languages()
    built = [lang for lang in languages if _is_built(project, lang)]
    published = atomic_publish.published_manifests(project.site)
    kept = [lang for lang in languages if lang not in built and lang in published and (project.site / lang).is_dir()]
    if not built and not kept:
        print(f"error: no language is built in {project.build}; run python -m tools build", file=sys.stderr)
        return 1
    for lang in languages:
        if lang in kept:
            print(f"{lang}: its last build did not succeed; the published {lang} is kept", file=sys.stderr)
        elif lang not in built and (project.build / "html" / lang).exists():
            print(f"{lang}: its last build did not succeed; left out of {project.site}", file=sys.stderr)
    assemble(project, built, kept)
    print(
        f"published {', '.join(built)} in {project.site}" + (f", and the published {', '.join(kept)}" if kept else "")
    )
    return 0
