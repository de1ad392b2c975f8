"""Build every language of the publication, as HTML and PDF, and assemble them into one site.

Each language is a separate ``sphinx-build`` process with its own doctrees and output folder (a shared doctree
would mix languages up). The assembled site is written beside the published one and swapped in only when
every language built, so a failed build never replaces a good one.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tools.catalogs import find_catalogs, validate_all
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


@dataclass(frozen=True)
class LanguageResult:
    language: str
    builder: str
    ok: bool
    messages: list[str]


def _relative(line: str, root: Path) -> str:
    return line.replace(str(root) + os.sep, "")


_RUNNING: set[subprocess.Popen] = set()


def build_language(
    project: Project,
    language: str,
    builder: str = "html",
    env: dict[str, str] | None = None,
    fresh: bool = False,
    progress: Progress | None = None,
) -> LanguageResult:
    """Run Sphinx for one language and format, warnings as errors; return its one-line diagnostics."""
    outdir = project.build / builder / language
    doctrees = project.build / "doctrees" / builder / language
    command = [
        sys.executable, "-m", "sphinx",
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
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=project.root, start_new_session=True
        )
        _RUNNING.add(process)
        try:
            for line in process.stdout or []:
                stage = stage_of(line)
                if stage and progress:
                    progress.update(task, stage)
            status = process.wait()
        finally:
            _RUNNING.discard(process)
        errors.seek(0)
        stderr = errors.read()
    if status == 0:
        return LanguageResult(language, builder, True, [])
    # Sphinx reports a warning only when it reads the file; forget this run so the next one reports it again.
    shutil.rmtree(doctrees, ignore_errors=True)
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
    catalogues = find_catalogs([project.locale / language]) if (project.locale / language).is_dir() else []
    files = [p for p in project.docs.rglob("*") if p.is_file()] + catalogues
    return str(int(max((p.stat().st_mtime for p in files), default=0)))


def assemble(project: Project, languages: list[str]) -> None:
    """Copy each language's output into a new site folder and swap it in for the published one."""
    project.build.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=project.build))
    staging.chmod(0o755)  # mkdtemp makes it private; the published site is read by a web server
    try:
        for language in languages:
            shutil.copytree(project.build / "html" / language, staging / language, ignore=_NOT_PUBLISHED)
            pdf = _manifest(project, language)["pdf"]
            shutil.copy2(project.build / "pdf" / language / pdf, staging / language / pdf)
        _write_root_page(project, staging, languages)
        swap(staging, project.site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_root_page(project: Project, staging: Path, languages: list[str]) -> None:
    """The language chooser at the top of the site, from the manifests the language builds left."""
    from tools.sphinxext.csp import template_script_hashes, with_policy

    manifests = [_manifest(project, language) for language in languages]
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), keep_trailing_newline=True)
    html = env.get_template("root.html").render(languages=manifests)
    html = with_policy(html, template_script_hashes([TEMPLATES]))  # the template's own script, by its hash
    (staging / "index.html").write_text(html, "utf-8")


def _manifest(project: Project, language: str) -> dict[str, str]:
    return json.loads((project.build / "html" / language / MANIFEST).read_text("utf-8"))


def _is_built(project: Project, language: str) -> bool:
    manifest = project.build / "html" / language / MANIFEST
    return manifest.is_file() and (project.build / "pdf" / language / _manifest(project, language)["pdf"]).is_file()


def swap(new: Path, published: Path) -> None:
    """Put ``new`` in place of ``published``; the old site stays whole until the new one is in place."""
    old = published.with_name(f".site-old-{os.getpid()}")
    if published.exists():
        os.replace(published, old)
    try:
        os.replace(new, published)
    except OSError:
        if old.exists():
            os.replace(old, published)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover(project: Project) -> None:
    """Restore a published site left aside by a build that was killed between the two renames of swap()."""
    if project.site.exists() or not project.build.is_dir():
        return
    leftovers = sorted(project.build.glob(".site-old-*"), key=lambda p: p.stat().st_mtime)
    if leftovers:
        os.replace(leftovers[-1], project.site)


def build(
    project: Project, languages: list[str] | None = None, jobs: int | None = None, formats: tuple[str, ...] = FORMATS
) -> int:
    """Build the requested languages and formats (all by default) and publish the site. Return an exit status.

    A language and format whose inputs have not changed since its last successful build is not rebuilt."""
    recover(project)
    for leftover in project.build.glob(".site-new-*") if project.build.is_dir() else []:
        shutil.rmtree(leftover, ignore_errors=True)  # a build killed while assembling
    available = project.languages()
    wanted = languages or available
    unknown = [lang for lang in wanted if lang not in available]
    if unknown:
        print(f"error: no catalogues for {', '.join(unknown)} in {project.locale}; "
              f"available: {', '.join(available)}", file=sys.stderr)  # fmt: skip
        return 2
    catalogs = find_catalogs([project.locale / lang for lang in wanted if (project.locale / lang).is_dir()])
    errors = list(validate_all(catalogs))
    for error in errors:
        print(_relative(str(error), project.root), file=sys.stderr)
    if errors:
        print(f"error: {len(errors)} invalid catalogue(s); nothing was built, {project.site} is unchanged",
              file=sys.stderr)  # fmt: skip
        return 1
    epochs = {lang: source_date_epoch(project, lang) for lang in wanted}
    fingerprints = Fingerprints(project.root, epochs)
    tasks = [(lang, builder) for lang in wanted for builder in formats]
    wanted_prints = {task: fingerprints.of(*task) for task in tasks}
    stale = [task for task in tasks if stored(_fingerprint_file(project, *task)) != wanted_prints[task]]
    # PDFs take longest: start them first, so that no core waits alone for the last one at the end.
    stale.sort(key=lambda task: task[1] != "pdf")
    progress = Progress([f"{lang} {builder}" for lang, builder in tasks])
    for task in tasks:
        if task not in stale:
            progress.update(f"{task[0]} {task[1]}", "up to date")

    def run(task: tuple[str, str]) -> LanguageResult:
        marker = _fingerprint_file(project, *task)
        # Outputs without a fingerprint come from a build that did not finish: rebuild them from scratch.
        fresh = not marker.exists() and (project.build / task[1] / task[0]).exists()
        marker.unlink(missing_ok=True)
        progress.update(f"{task[0]} {task[1]}", "starting")
        env = {"SOURCE_DATE_EPOCH": epochs[task[0]]}
        result = build_language(project, *task, env=env, fresh=fresh, progress=progress)
        progress.update(f"{task[0]} {task[1]}", "done" if result.ok else "failed")
        if result.ok:
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
    status = publish(project)
    if status == 0 and set(wanted) == set(available):
        store(project.build / "site.fingerprint", site_print)
    return status


def _fingerprint_file(project: Project, language: str, builder: str) -> Path:
    return project.build / builder / f".{language}.fingerprint"


def publish(project: Project) -> int:
    """Assemble every language built so far into the published site."""
    recover(project)
    built = [lang for lang in project.languages() if _is_built(project, lang)]
    if not built:
        print(f"error: no language is built in {project.build}; run python -m tools build", file=sys.stderr)
        return 1
    assemble(project, built)
    print(f"published {', '.join(built)} in {project.site}")
    return 0
