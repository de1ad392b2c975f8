"""What the preview of one language links to and does not build: the other languages and the PDFs.

``python -m tools serve`` rebuilds one language's HTML, and its pages link to the others (the switcher) and to
their PDF ("Download PDF"), which sphinx-autobuild does not build. Before the preview starts, the last built
site's other languages and PDFs are copied beside it, where those links land (a page's ``../es/`` is the
preview's ``/es/``), so that they open what the last ``python -m tools build`` made. What the site does not
have answers with a page that says why (sphinx-autobuild serves ``404.html`` for a file it has not got).

What was copied is recorded beside it, and removed at the next start before anything is copied again: a
language or a PDF the last build no longer has is not served from an older one. Only the project's languages
are copied, by their folder names, and never over a page or folder of the preview's own.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tools.atomic_publish import is_file_name, published_manifests, write_file

NOT_FOUND = "404.html"
RECORD = ".copied-from-the-last-build.json"
_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Not in the preview</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head>
<body>
<h1>Not in the preview</h1>
<p>The preview builds the pages of one language. The other languages and the PDFs it links to are those of the
last full build, copied in when the preview started, and this one is not among them.</p>
<p>Run <code>python -m tools build</code>, then start the preview again.</p>
</body>
</html>
"""


@dataclass
class Staged:
    """What :func:`stage` found and did."""

    site: bool = False  # whether there is a built site
    copied: list[str] = field(default_factory=list)


def _own_names(docs: Path) -> set[str]:
    """The top-level names of the preview's own pages and folders, which a copy must not replace."""
    names = set()
    for entry in docs.iterdir():
        names.add(entry.name)
        if entry.is_file():
            names.add(entry.stem + ".html")
    return names


def _previous(preview: Path) -> list[str]:
    try:
        names = json.loads((preview / RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return [name for name in names if is_file_name(name)] if isinstance(names, list) else []


def stage(site: Path, language: str, preview: Path, languages: list[str], docs: Path) -> Staged:
    """Copy the site's other ``languages`` and ``language``'s PDFs into ``preview``. Raises OSError."""
    preview.mkdir(parents=True, exist_ok=True)
    for name in _previous(preview):
        target = preview / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
    own = _own_names(docs)
    if not own & {NOT_FOUND, "404.md", "404.rst"}:
        write_file(preview / NOT_FOUND, _PAGE)
    found = Staged(site=site.is_dir())
    published = published_manifests(site) if found.site else {}
    copied: list[str] = []
    try:
        for other in languages:
            if (
                other != language
                and other in published
                and is_file_name(other)
                and other not in own
                and (site / other).is_dir()
            ):
                copied.append(other)
                shutil.copytree(site / other, preview / other, symlinks=True)
        pdfs = sorted((site / language).glob("*.pdf")) if found.site else []
        for pdf in pdfs:
            if pdf.name not in own:
                copied.append(pdf.name)
                shutil.copy2(pdf, preview / pdf.name)
    except shutil.Error as error:
        # copytree gathers the failures of its files: the first one names the file and the reason.
        source, _target, reason = error.args[0][0]
        raise OSError(0, str(reason), source) from error
    finally:
        # Recorded even when a copy fails halfway: the next start removes what this one left.
        write_file(preview / RECORD, json.dumps(copied))
    found.copied = copied
    return found
