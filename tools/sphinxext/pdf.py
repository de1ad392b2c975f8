"""A Sphinx builder that writes the publication as one tagged PDF per language, through WeasyPrint.

``sphinx-build -b pdf -D language=fr docs OUT`` renders the whole document as one HTML page with the print
theme in ``pdf_theme/`` (A4 pages, running header, translated page numbers, hyphenation by language), then
asks WeasyPrint for a PDF/UA-1 file. The PDF is written beside its final name and renamed into place only
when it is complete and uses nothing but the publication's own fonts: a failure never leaves a half-written
or silently degraded file, and sphinx-build exits non-zero.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import escape
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util import logging as sphinx_logging
from sphinx.util.nodes import inline_all_toctrees

from tools.atomic_publish import replace_file
from tools.pdfcheck import font_problems, link_problems
from tools.sphinxext.pdf_assembly import OUTSIDE, finish_links, merge
from tools.sphinxext.pdf_documents import Part, parts, pdf_documents, pdf_for_page
from tools.sphinxext.pdf_fonts import only_the_publication_fonts
from tools.sphinxext.pdf_language_tags import language_tags
from tools.sphinxext.pdf_links import scope_links
from tools.weasyprint_import import import_weasyprint

if TYPE_CHECKING:
    from collections.abc import Set

THEME = "publication-pdf"
THEME_DIR = Path(__file__).parent / "pdf_theme"
FONTS_DIR = THEME_DIR / "static" / "fonts"

_ = get_translation("sphinx")
logger = sphinx_logging.getLogger(__name__)


def title_of(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else env.config.project


def _css_string(text: str) -> str:
    """A CSS string that stays one inside the page's <style>: no quote, newline or "</style>" gets out."""
    special = {"\\", '"', "'", "<", ">", "&"}
    escaped = "".join(
        f"\\{ord(c):x} " if c in special or ord(c) < 0x20 or ord(c) == 0x7F else c for c in text.replace("\n", " ")
    )
    return f'"{escaped}"'


def page_of_pages() -> str:
    """CSS ``content`` for "Page 1 of 2" in the build's language."""
    label = str(_("Page {page} of {pages}"))
    if "{page}" not in label or "{pages}" not in label:
        label = "{page} / {pages}"
    parts: list[str] = []
    rest = label
    while rest:
        page, pages = rest.find("{page}"), rest.find("{pages}")
        candidates = [(i, token) for i, token in ((page, "{page}"), (pages, "{pages}")) if i >= 0]
        if not candidates:
            parts.append(_css_string(rest))
            break
        index, token = min(candidates)
        if index:
            parts.append(_css_string(rest[:index]))
        parts.append("counter(page)" if token == "{page}" else "counter(pages)")
        rest = rest[index + len(token) :]
    return " ".join(parts)


class _Collector(logging.Handler):
    """Keeps WeasyPrint's warnings: a font it could not load or a resource it could not fetch is an error."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class PDFBuilder(SingleFileHTMLBuilder):
    """Renders each PDF of the publication (``pdf_documents.py``) with the print theme, then hands the page to
    WeasyPrint. Sphinx re-reads only the documents that changed; only the PDFs that hold one are rendered."""

    name = "pdf"
    epilog = "The PDFs are in %(outdir)s."
    search = False
    copysource = False
    failed = False
    # The documents of the PDF being assembled: a link to one of them stays inside the PDF.
    _inside: frozenset[str] = frozenset()
    _to_render: list[Part]

    def init(self) -> None:
        # The "¶" links next to headings would end up in the PDF bookmarks and text.
        self.config.html_permalinks = False
        # A scaled image links to its full-size file, which in a PDF is a path of the build machine.
        self.config.html_scaled_image_link = False
        # The site's template overrides (docs/_templates) are furo's; the PDF has a theme of its own.
        self.config.templates_path = []
        self._to_render = []
        super().init()

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return THEME, {}

    def _missing(self, part: Part) -> bool:
        outputs = [part.filename] + ([part.published] if part.published else [])
        return not all(Path(self.outdir, name).is_file() for name in outputs)

    def get_outdated_docs(self) -> list[str]:  # type: ignore[override]
        # Sphinx adds the documents it re-reads; a rendering that is missing needs its documents written too.
        return [doc for part in parts(self.env) if self._missing(part) for doc in part.docnames]

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self._inside:
            return f"#document-{docname}"
        if docname in self.env.all_docs:
            # Outside this rendering: an address the PDFs made from it resolve (pdf_assembly.py).
            return f"{OUTSIDE}{docname}{self.link_suffix}"
        return docname + self.out_suffix

    def get_output_path(self, page_name: str, /) -> Path:
        # Each rendering's page goes at the top of the output folder, named after it, whatever folder its
        # document is in: singlehtml writes every path in the page (theme files, images) from the top.
        for part in parts(self.env):
            if part.start == page_name:
                return Path(self.outdir, Path(part.filename).stem + self.out_suffix)
        return super().get_output_path(page_name)

    def write_documents(self, docnames: Set[str]) -> None:
        self.prepare_writing(self.env.all_docs.keys())
        # Sphinx's singlehtml numbering tables, merged once for every PDF (merging is not idempotent).
        self.env.toc_secnumbers = self.assemble_toc_secnumbers()
        self.env.toc_fignumbers = self.assemble_toc_fignumbers()
        for part in parts(self.env):
            if docnames.isdisjoint(part.docnames) and not self._missing(part):
                continue
            doctree = self._assemble(part)
            self.write_doc_serialized(part.start, doctree)
            self.write_doc(part.start, doctree)
            self._to_render.append(part)
        self._inside = frozenset()

    def _assemble(self, part: Part) -> nodes.document:
        root = self.config.root_doc
        included: set[str] = set()
        tree = self.env.get_doctree(part.start)
        if part.alone:  # the other documents come from their own renderings
            for toctree in list(tree.findall(addnodes.toctree)):
                node = toctree.parent if isinstance(toctree.parent, nodes.compound) else toctree
                node.parent.remove(node)
        else:
            traversed = [part.start] if part.start == root else [part.start, root]
            tree = inline_all_toctrees(self, included, part.start, tree, str, traversed)
        tree["docname"] = part.start
        self._inside = frozenset({part.start, *included})
        self.env.resolve_references(tree, part.start, self)
        return scope_links(tree, part.start)

    def _web(self, address: str) -> str | None:
        """The web page of a document outside a PDF; None when the publication has no web address."""
        base = self.config.html_baseurl.rstrip("/")
        language = self.config.language or self.config.publication_source_language
        return f"{base}/{language}/{address}" if base else None

    def finish(self) -> None:
        super().finish()  # copies the images and the theme's files the pages need
        for part in self._to_render:
            if not self.render(self.get_output_path(part.start), Path(self.outdir, part.filename)):
                return
        every = parts(self.env)
        for part in self._to_render:
            if part.published:
                self.publish(Path(self.outdir, part.published), [Path(self.outdir, part.filename)])
        whole = pdf_documents(self.env)[0]
        if len(every) > 1 and (self._to_render or not Path(self.outdir, whole.filename).is_file()):
            self.publish(Path(self.outdir, whole.filename), [Path(self.outdir, part.filename) for part in every])

    def render(self, html_file: Path, target: Path) -> bool:
        """Render a page written by the HTML machinery into ``target``, only if the result is whole and sound."""
        import_weasyprint()
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError, URLFetcher

        partial = target.with_name(f".{target.name}.partial")
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # its steps are not news
        weasy_logger = logging.getLogger("weasyprint")
        collector = _Collector()
        weasy_logger.addHandler(collector)
        name = target.name.removeprefix(".part-")
        try:
            # Only local files: the build is offline and a missing font must not be fetched from elsewhere.
            fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
            document = HTML(filename=str(html_file), url_fetcher=fetcher, media_type="print")
            with only_the_publication_fonts(), language_tags(document):
                document.write_pdf(str(partial), pdf_variant="pdf/ua-1", pdf_tags=True)
        except FatalURLFetchingError as exc:
            reason = getattr(exc.__cause__, "reason", exc.__cause__ or exc)
            return self._fail(partial, f"{name}: a file the print theme needs is missing: {reason}")
        except Exception as exc:  # WeasyPrint raises many kinds; any of them means no PDF
            return self._fail(partial, f"{name}: WeasyPrint failed: {type(exc).__name__}: {exc}")
        finally:
            weasy_logger.removeHandler(collector)
        problems = collector.messages + font_problems(partial, FONTS_DIR)
        if problems:
            return self._fail(partial, f"{name}: " + "; ".join(dict.fromkeys(problems)))
        replace_file(partial, target)  # flushed to disk first, so the name never points to a partial file
        return True

    def publish(self, target: Path, renderings: list[Path]) -> bool:
        """Make a published PDF from renderings (one, or the whole publication's), its links finished."""
        partial = target.with_name(f".{target.name}.partial")
        try:
            with merge(renderings) as pdf:
                finish_links(pdf, self._web, self.link_suffix)
                pdf.save(partial, deterministic_id=True)  # the same renderings give the same file
        except Exception as exc:  # pikepdf and qpdf raise many kinds; any of them means no PDF
            return self._fail(partial, f"{target.name}: the PDF could not be put together: {type(exc).__name__}: {exc}")
        problems = link_problems(partial)
        if problems:
            return self._fail(partial, f"{target.name}: " + "; ".join(problems))
        replace_file(partial, target)
        logger.info("PDF written: %s", target)
        return True

    def _fail(self, partial: Path, message: str) -> bool:
        """Report one line and fail the build, with or without -W; Sphinx's crash report says no more."""
        partial.unlink(missing_ok=True)
        logger.error(message)
        self.failed = True
        return False


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format != "html":
        return
    # Every HTML page links to the PDF of its document, which the site assembly puts at the language's root.
    context["publication_pdf"] = context["pathto"](pdf_for_page(app.env, pagename), 1)
    if app.builder.name == PDFBuilder.name:
        # The PDF's title (its metadata, and the page header) is its own document's, not the publication's.
        context["docstitle"] = escape(title_of(app.env, pagename))
        context["page_of_pages"] = page_of_pages()
        context["publication_author"] = str(_("UN Women Community of Practice in Training for Gender Equality"))
        context["publication_subject"] = str(_("Summary"))
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            # WeasyPrint takes the PDF's creation and modification dates from these; never the clock.
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
            context["publication_date"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    # An error logged without -W leaves the exit status at 0; a build without its PDF must not.
    if getattr(app.builder, "failed", False):
        app.statuscode = 1


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.setup_extension("tools.sphinxext.titles_changed")  # a PDF's links show other documents' titles
    app.add_config_value("publication_pdf_basename", "publication", "html", str)
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_builder(PDFBuilder)
    # After tools.sphinxext.languages (priority 500), which gives every page the publication's title.
    app.connect("html-page-context", on_page_context, priority=600)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
