"""The first stage of a build: which languages and formats must be built again, and how.

A task (one language in one format) is stale unless its marker file holds the fingerprint of exactly the
inputs it was last built from. The marker is also the one flag of an unfinished build: it says ``unfinished``
from the moment Sphinx starts until it has succeeded, so outputs left by a failed or killed build are never
published. A missing marker proves nothing: the outputs of a CI job, downloaded for the assembly, come
without one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tools.atomic_publish import is_file_name
from tools.catalogues import find_catalogues
from tools.fingerprint import Fingerprints, store, stored
from tools.languages import MANIFEST
from tools.site_build.catalogue_cache import CatalogueCache
from tools.site_build.project import FORMATS, Project

UNFINISHED = "unfinished"

Task = tuple[str, str]  # (language, builder)


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


def marker_file(project: Project, language: str, builder: str) -> Path:
    return project.build / builder / f".{language}.fingerprint"


def manifest(project: Project, language: str) -> dict:
    return json.loads((project.output(language, "html") / MANIFEST).read_text("utf-8"))


def pdfs(found: dict) -> list[str]:
    """The file names of a language's PDFs in its manifest; one of an older build lists only the whole."""
    names = found.get("pdfs", [found["pdf"]])
    if not isinstance(names, list) or not all(is_file_name(n) for n in names):
        raise ValueError("the manifest's list of PDFs is not a list of file names")
    return names


def is_built(project: Project, language: str) -> bool:
    """Whether the language's last build of each format succeeded and left its page, manifest and PDFs."""
    if any(stored(marker_file(project, language, builder)) == UNFINISHED for builder in FORMATS):
        return False
    try:
        names = pdfs(manifest(project, language))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return (project.output(language, "html") / "index.html").is_file() and all(
        (project.output(language, "pdf") / name).is_file() for name in names
    )


@dataclass(frozen=True)
class Plan:
    project: Project
    tasks: list[Task]  # every task asked for, in the order results are reported
    stale: list[Task]  # those to build, PDFs first
    epochs: dict[str, str]  # SOURCE_DATE_EPOCH per language
    wanted: dict[Task, str]  # the marker each task holds once built
    wholes: dict[Task, str]  # what Sphinx cannot see per document: a change to it means a fresh build

    def fresh(self, task: Task) -> bool:
        """Read and write everything again: the task's last build did not finish, or a change Sphinx cannot
        see would leave pages it thinks up to date unchanged."""
        previous = (stored(marker_file(self.project, *task)) or "").splitlines()
        return previous[1:] != [self.wholes[task]]

    def started(self, task: Task) -> None:
        store(marker_file(self.project, *task), UNFINISHED)

    def succeeded(self, task: Task) -> None:
        store(marker_file(self.project, *task), self.wanted[task])

    @property
    def site_fingerprint(self) -> str:
        return hashlib.sha256("".join(sorted(self.wanted.values())).encode()).hexdigest()


def make_plan(
    project: Project, languages: list[str], formats: tuple[str, ...], cache: CatalogueCache | None = None
) -> Plan:
    epochs = {lang: source_date_epoch(project, lang) for lang in languages}
    fingerprints = Fingerprints(project.root, epochs, cache)
    tasks = [(lang, builder) for lang in languages for builder in formats]
    wholes = {task: fingerprints.whole(*task) for task in tasks}
    # The marker holds both: everything the build depends on, then what Sphinx cannot see per document.
    wanted = {task: f"{fingerprints.of(*task)}\n{wholes[task]}" for task in tasks}
    stale = [task for task in tasks if stored(marker_file(project, *task)) != wanted[task]]
    # PDFs take longest: start them first, so that no core waits alone for the last one at the end.
    stale.sort(key=lambda task: task[1] != "pdf")
    return Plan(project, tasks, stale, epochs, wanted, wholes)
