"""The last stage of a build: assemble the languages built into a new version of the site and swap it in.

The assembled site is written beside the published one and swapped in only when every language built, so a
failed build never replaces a good one (``tools/atomic_publish.py``), and only languages whose last build
succeeded are taken into a site.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tools import atomic_publish
from tools.languages import MANIFEST
from tools.site_build.plan import is_built, manifest, pdfs
from tools.site_build.project import Project

FAVICON = "favicon.ico"
TEMPLATES = Path(__file__).parent.parent / "templates"
# Sphinx writes these for its own incremental builds; readers have no use for them.
_NOT_PUBLISHED = shutil.ignore_patterns(".buildinfo", ".doctrees", "_sources", MANIFEST)


def assemble(project: Project, languages: list[str], kept: list[str] | None = None) -> None:
    """Copy each language's output into a new version of the site and publish it in place of the current one.

    The languages in ``kept`` are copied from the published site instead: their last build failed."""
    staging = atomic_publish.new_staging(project.build)
    published = atomic_publish.published_manifests(project.site)
    try:
        manifests = []
        ordered = sorted([*languages, *(kept or [])], key=project.languages().index)
        for language in ordered:
            if language in languages:
                shutil.copytree(project.output(language, "html"), staging / language, ignore=_NOT_PUBLISHED)
                found = manifest(project, language)
                for name in pdfs(found):
                    shutil.copy2(project.output(language, "pdf") / name, staging / language / name)
            else:
                shutil.copytree(project.site / language, staging / language)
                found = published[language]
            manifests.append(found)
        # Where a browser asks for an icon when a page names none: the languages' own, from the first of them.
        icon = staging / ordered[0] / "_static" / FAVICON if ordered else None
        if icon is not None and icon.is_file():
            shutil.copy2(icon, staging / FAVICON)
        write_root_page(staging, manifests)
        atomic_publish.publish_version(staging, project.site, manifests)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_root_page(staging: Path, manifests: list[dict]) -> None:
    """The language chooser at the top of the site, from the manifests the language builds left."""
    from tools.sphinxext.csp import template_script_hashes, with_policy

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), keep_trailing_newline=True)
    html = env.get_template("root.html").render(languages=manifests, icon=(staging / FAVICON).is_file())
    html = with_policy(html, template_script_hashes([TEMPLATES]))  # the template's own script, by its hash
    atomic_publish.write_file(staging / "index.html", html)


def publish(project: Project) -> int:
    """Publish the languages whose last build succeeded; keep the published version of the others. The
    caller holds the build lock."""
    languages = project.languages()
    built = [lang for lang in languages if is_built(project, lang)]
    published = atomic_publish.published_manifests(project.site)
    kept = [lang for lang in languages if lang not in built and lang in published and (project.site / lang).is_dir()]
    if not built and not kept:
        print(f"error: no language is built in {project.build}; run python -m tools build", file=sys.stderr)
        return 1
    for lang in languages:
        if lang in kept:
            print(f"{lang}: its last build did not succeed; the published {lang} is kept", file=sys.stderr)
        elif lang not in built and project.output(lang, "html").exists():
            print(f"{lang}: its last build did not succeed; left out of {project.site}", file=sys.stderr)
    assemble(project, built, kept)
    print(
        f"published {', '.join(built)} in {project.site}" + (f", and the published {', '.join(kept)}" if kept else "")
    )
    return 0
