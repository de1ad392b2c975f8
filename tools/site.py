"""Build every language of the publication, as HTML and PDF, and assemble them into one site.

Each language is a separate ``sphinx-build`` process with its own doctrees and output folder (a shared doctree
would mix languages up). The assembled site is written beside the published one and swapped in only when
every language built, so a failed build never replaces a good one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tools.catalogs import find_catalogs, validate_all
from tools.languages import discover_languages
from tools.sphinxext.languages import MANIFEST

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


def build_language(project: Project, language: str, builder: str = "html") -> LanguageResult:
    """Run Sphinx for one language, warnings as errors; return its one-line diagnostics."""
    outdir = project.build / builder / language
    doctrees = project.build / "doctrees" / builder / language
    command = [
        sys.executable, "-m", "sphinx",
        "-b", builder,
        "-D", f"language={language}",
        "-W", "--keep-going", "-n", "-q", "--no-color",
        "-d", str(doctrees),
        str(project.docs), str(outdir),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(project.root), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project.root)
    if done.returncode == 0:
        return LanguageResult(language, builder, True, [])
    # Sphinx reports a warning only when it reads the file; forget this run so the next one reports it again.
    shutil.rmtree(doctrees, ignore_errors=True)
    lines = [
        _relative(line, project.root)
        for line in (done.stderr or done.stdout).splitlines()
        if line.strip() and not line.startswith("build finished with problems")
    ]
    return LanguageResult(language, builder, False, lines or [f"sphinx-build exited with status {done.returncode}"])


def assemble(project: Project, languages: list[str]) -> None:
    """Copy each language's output into a new site folder and swap it in for the published one."""
    project.build.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=project.build))
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
    manifests = [_manifest(project, language) for language in languages]
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), keep_trailing_newline=True)
    html = env.get_template("root.html").render(languages=manifests)
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


def build(project: Project, languages: list[str] | None = None, jobs: int | None = None) -> int:
    """Build the requested languages (all by default) and publish the site. Return a process exit status."""
    recover(project)
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
    tasks = [(lang, builder) for lang in wanted for builder in FORMATS]
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        results = list(pool.map(lambda task: build_language(project, *task), tasks))
    failed = [result for result in results if not result.ok]
    for result in failed:
        for line in result.messages:
            print(f"[{result.language} {result.builder}] {line}", file=sys.stderr)
    if failed:
        names = ", ".join(f"{result.language} ({result.builder})" for result in failed)
        print(f"error: the build of {names} failed; {project.site} is unchanged", file=sys.stderr)
        return 1
    print(f"built {', '.join(wanted)}")
    return publish(project)


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
