"""Search results with their snippet of text, over HTTP and from disk alike.

Sphinx's search page shows, under each result, a few lines of the page around the word found. It gets them by
fetching the page with ``fetch()``, which a browser refuses for a site opened from disk (``file://``): the
results then have titles and no text. A script file, though, loads from disk as it does over HTTP. So the
search page of each language loads ``_static/search_texts.js``, written after the build: the main content of
every page, which answers the search's ``fetch()`` of a page before any network is asked. Every result has its
snippet from the same text whatever the protocol, and the search makes no request per result.

The texts are the pages' own HTML, as the pages show it; the file holds them as JSON, escaped so that nothing in
them can end the script (``tools.sphinxext.interface.script_json``), and the search reads them as Sphinx's does
a fetched page: parsed into an inert document, never inserted. The file is a file of the site, which the
Content-Security-Policy allows as it does every other (``'self'``): the policy needs no change.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from tools.atomic_publish import write_file
from tools.sphinxext.interface import script_json

FILENAME = "search_texts.js"

# Constant: only the JSON above it changes from one build to the next. Each page's address is made by the
# browser's URL parser from its name, as Sphinx's request is: both encode a space, a "%" or a non-ASCII
# letter alike, whatever the protocol.
_ANSWER_FETCH = """
(function () {
  var root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI).href;
  var texts = {};
  Object.keys(publicationSearchTexts).forEach(function (name) {
    texts[new URL(name, root).href] = publicationSearchTexts[name];
  });
  var fetchPage = window.fetch;
  window.fetch = function (resource) {
    try {
      var url = new URL(typeof resource === "string" ? resource : resource.url, document.baseURI);
      url.hash = "";
      url.search = "";
      if (Object.prototype.hasOwnProperty.call(texts, url.href)) {
        var page = '<!doctype html><div role="main">' + texts[url.href] + "</div>";
        return Promise.resolve(new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
      }
    } catch (e) { /* not a page of this site: asked as usual */ }
    return fetchPage.apply(this, arguments);
  };
})();
"""

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _MainFinder(HTMLParser):
    """Where the content of the first element with ``role="main"`` starts and ends, nested elements of the
    same name counted (a page's own ``<article>`` inside furo's)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        # Where each line starts, lines counted as HTMLParser counts them, by "\n" only: splitlines() would
        # also end one at a form feed, a U+2028 or the "\r" of "\r\n", and every offset after it would drift.
        self._lines = [0]
        for line in html.split("\n"):
            self._lines.append(self._lines[-1] + len(line) + 1)
        self.tag: str | None = None
        self.depth = 0
        self.start: int | None = None
        self.end: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end is not None or tag in _VOID:
            return
        if self.tag is None:
            if ("role", "main") in attrs:
                self.tag, self.depth = tag, 1
                self.start = self._offset() + len(self.get_starttag_text() or "")
        elif tag == self.tag:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.tag == tag and self.end is None:
            self.depth -= 1
            if self.depth == 0:
                self.end = self._offset()


def main_content(html: str) -> str | None:
    """The content of a page's element with ``role="main"`` (furo's ``<article>``), which Sphinx's snippets
    are cut from, as Sphinx's ``htmlToText`` finds it."""
    finder = _MainFinder(html)
    finder.feed(html)
    finder.close()
    if finder.start is None:
        return None
    return html[finder.start : finder.end if finder.end is not None else len(html)]


def search_texts_script(texts: dict[str, str]) -> str:
    """The script that answers the search page's ``fetch()`` of each page with the page's main content."""
    return (
        "// The main content of each page, for the snippets of the search results "
        "(tools/sphinxext/search_snippets.py).\n"
        f"var publicationSearchTexts = {script_json(texts)};\n{_ANSWER_FETCH.lstrip()}"
    )


def _searched(app: Sphinx) -> bool:
    return app.builder.name == "html" and bool(getattr(app.config, "html_show_search_summary", True))


def on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if pagename == "search" and _searched(app):
        app.add_js_file(FILENAME)  # in html-page-context: on this page only


def write_search_texts(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Read the pages as written (an incremental build leaves the unchanged ones in place).

    Written when Sphinx collects extensions' pages: after every document's page and before the search page,
    whose ``?v=`` after the file's name is the checksum of the file as it is then. Written later, the search
    page would name the last build's file, and two builds of the same source would differ."""
    if not _searched(app):
        return []
    suffix = app.builder.out_suffix
    texts = {}
    for docname in sorted(app.env.found_docs):
        path = Path(app.builder.get_outfilename(docname))
        try:
            content = main_content(path.read_text(app.config.html_output_encoding))
        except (OSError, ValueError):  # a page Sphinx did not write, or not in its encoding: no snippet
            continue
        if content is not None:
            texts[docname + suffix] = content
    write_file(Path(app.outdir, "_static", FILENAME), search_texts_script(texts))
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", on_page_context)
    app.connect("html-collect-pages", write_search_texts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
