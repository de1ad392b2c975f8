"""The injection guard: a translation cannot put markup into the pages that its English message lacks.

myst-parser renders raw HTML found in a msgstr as it renders it in the source, so whoever can edit a ``.po``
file could add ``<script>`` to every page of a language. The checker (``python -m tools check``) reports such
entries, but a build must not depend on someone having run it. So, in every translated build:

1. Before anything is read, every catalogue of the language goes through the ``unsafe`` check. Each unsafe
   entry is reported as ``catalogue:line: [unsafe] …`` and the build stops, having written nothing.
   (``SystemExit``, not an exception: Sphinx would print a crash report asking to file a bug against it.)
2. As each document is read, any raw HTML or ``javascript:``/``vbscript:``/``data:`` target inside
   translated content that the English messages do not have is removed from the document and reported,
   and the build fails. This second net catches what the first might miss.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from tools.catalogs import CatalogError, find_catalogs, load
from tools.checks import check_catalog
from tools.checks.markup import DANGEROUS_URL, INVISIBLE_IN_URL, analyse
from tools.stats_report import shown

logger = logging.getLogger(__name__)
_FAILED = "publication_guard_failed"


def _catalogs(app: Sphinx) -> list[Path]:
    language = app.config.language
    return find_catalogs(
        [Path(app.srcdir, d, language, "LC_MESSAGES").resolve() for d in app.config.locale_dirs if language]
    )


def _translated(app: Sphinx) -> bool:
    return bool(app.config.language) and app.config.language != app.config.publication_source_language


def check_catalogues(app: Sphinx) -> None:
    if not _translated(app):
        return
    unsafe = []
    for path in _catalogs(app):
        try:
            unsafe += [f for f in check_catalog(path, ("unsafe",)) if not f.suppressed]
        except CatalogError as error:
            logger.error("%s", error)
            raise SystemExit(1) from None
    if not unsafe:
        return
    for finding in unsafe:
        logger.error("[unsafe] %s", finding.message, location=f"{shown(finding.path)}:{finding.line}")
    logger.error(
        "refusing to build %s: %d translated message(s) would put markup into the pages that the English "
        "does not have; nothing was written",
        app.config.language,
        len(unsafe),
    )
    raise SystemExit(1)


def _english_html(app: Sphinx) -> set[str]:
    allowed: set[str] = set()
    for path in _catalogs(app):
        try:
            allowed.update(h.strip() for entry in load(path) for h in analyse(entry.msgid).html)
        except CatalogError:
            continue
    return allowed


def _inside_translation(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, nodes.Element) and node.get("translated"):
            return True
        node = node.parent
    return False


def scrub_doctree(app: Sphinx, doctree: nodes.document) -> None:
    if not _translated(app):
        return
    allowed = None
    for raw in list(doctree.findall(nodes.raw)):
        if not _inside_translation(raw):
            continue
        allowed = _english_html(app) if allowed is None else allowed
        if raw.astext().strip() not in allowed:
            logger.error("raw markup removed from a translated message: %r", raw.astext()[:60], location=raw)
            raw.parent.remove(raw)
            setattr(app, _FAILED, True)
    for reference in list(doctree.findall(nodes.reference)):
        target = INVISIBLE_IN_URL.sub("", reference.get("refuri", ""))
        if DANGEROUS_URL.match(target) and _inside_translation(reference):
            logger.error("dangerous link removed from a translated message: %r", target[:60], location=reference)
            reference["refuri"] = ""
            setattr(app, _FAILED, True)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if getattr(app, _FAILED, False):
        app.statuscode = 1


def setup(app: Sphinx) -> dict[str, Any]:
    # Before any other builder-inited handler: nothing is prepared for a build that will not happen.
    app.connect("builder-inited", check_catalogues, priority=100)
    app.connect("doctree-read", scrub_doctree)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
