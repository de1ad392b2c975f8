"""What the preview of one language links to and does not build: the other languages and the PDFs.

``python -m tools serve`` rebuilds one language's HTML, and its pages link to the others (the switcher) and to
their PDF ("Download PDF"), which sphinx-autobuild does not build. Before the preview starts, the last built
site's other languages and PDFs are copied beside it, where those links land (a page's ``../es/`` is the
preview's ``/es/``), so that they open what the last ``python -m tools build`` made. What the site does not
have answers with a page that says why (sphinx-autobuild serves ``404.html`` for a file it has not got).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.atomic_publish import published_manifests, write_file

NOT_FOUND = "404.html"
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


def stage(site: Path, language: str, preview: Path) -> list[str]:
    """Copy the site's other languages and ``language``'s PDFs into ``preview``; the names of what was copied."""
    preview.mkdir(parents=True, exist_ok=True)
    write_file(preview / NOT_FOUND, _PAGE)
    copied = []
    for other in sorted(published_manifests(site)):
        if other != language and (site / other).is_dir():
            # Replaced whole: a copy from an earlier build would mix two versions of a language.
            shutil.rmtree(preview / other, ignore_errors=True)
            shutil.copytree(site / other, preview / other)
            copied.append(other)
    for pdf in sorted((site / language).glob("*.pdf")):
        shutil.copy2(pdf, preview / pdf.name)
        copied.append(pdf.name)
    return copied
