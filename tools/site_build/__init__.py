"""Build every language of the publication, as HTML and PDF, and publish them as one site, in three stages
named by their modules: ``plan`` (what is stale), ``run`` (Sphinx, one process per language and format) and
``publish`` (assemble and swap in). One build runs at a time per build folder (``tools/build_lock.py``).
"""

from __future__ import annotations

import sys

from tools import atomic_publish
from tools.build_lock import build_lock
from tools.catalogues import find_catalogues, validate_all
from tools.fingerprint import store, stored
from tools.site_build import publish as publishing
from tools.site_build.catalogue_cache import CatalogueCache
from tools.site_build.plan import make_plan
from tools.site_build.project import DEFAULT_TIMEOUT, FORMATS, Project
from tools.site_build.run import relative, run
from tools.sphinx_forkserver import SphinxServer

__all__ = ["DEFAULT_TIMEOUT", "FORMATS", "Project", "assemble_built", "build"]


def build(
    project: Project,
    languages: list[str] | None = None,
    jobs: int | None = None,
    formats: tuple[str, ...] = FORMATS,
    timeout: float | None = DEFAULT_TIMEOUT,
    server: SphinxServer | None = None,
) -> int:
    """Build the requested languages and formats (all by default) and publish the site. Return an exit status.

    A language and format whose inputs have not changed since its last successful build is not rebuilt. Each
    Sphinx process that runs longer than ``timeout`` seconds (None or 0: no limit) is stopped and fails its
    language. The Sphinx processes are forked from ``server`` (``tools.sphinx_forkserver``) if given."""
    available = project.languages()
    wanted = languages or available
    unknown = [lang for lang in wanted if lang not in available]
    if unknown:
        print(f"error: no catalogues for {', '.join(unknown)} in {project.locale}; "
              f"available: {', '.join(available)}", file=sys.stderr)  # fmt: skip
        return 2
    with build_lock(project.build):
        atomic_publish.remove_leftovers(project.site)  # of a build killed while assembling
        cache = CatalogueCache(project.build)
        try:
            if not _catalogues_valid(project, wanted, cache):
                return 1
            return _build(project, wanted, jobs, formats, timeout if timeout and timeout > 0 else None, cache, server)
        finally:
            cache.save()


def _catalogues_valid(project: Project, wanted: list[str], cache: CatalogueCache) -> bool:
    catalogues = find_catalogues([project.locale / lang for lang in wanted if (project.locale / lang).is_dir()])
    unknown = [path for path in catalogues if not cache.known_valid(path)]
    errors = list(validate_all(unknown))
    refused = {str(error.path) for error in errors}
    for path in unknown:
        if str(path) not in refused:
            cache.remember_valid(path)
    for error in errors:
        print(relative(str(error), project), file=sys.stderr)
    if errors:
        print(f"error: {len(errors)} invalid catalogue(s); nothing was built, {project.site} is unchanged",
              file=sys.stderr)  # fmt: skip
    return not errors


def _build(
    project: Project,
    wanted: list[str],
    jobs: int | None,
    formats: tuple[str, ...],
    timeout: float | None,
    cache: CatalogueCache,
    server: SphinxServer | None,
) -> int:
    plan = make_plan(project, wanted, formats, cache)
    try:
        failed = run(plan, jobs, timeout, server)
    except KeyboardInterrupt:
        print(f"interrupted: {project.site} is unchanged", file=sys.stderr)
        return 130
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
    marker = project.build / "site.fingerprint"
    if not plan.stale and project.site.exists() and stored(marker) == plan.site_fingerprint:
        print(f"nothing to do: {project.site} is up to date")
        return 0
    status = publishing.publish(project)
    if status == 0 and set(wanted) == set(project.languages()):
        store(marker, plan.site_fingerprint)
    return status


def assemble_built(project: Project) -> int:
    """Publish every language built so far (``python -m tools assemble``)."""
    with build_lock(project.build):
        atomic_publish.remove_leftovers(project.site)
        return publishing.publish(project)
