"""The ``translation-status`` directive: the statistics table of every translation, made at build time.

It counts with the same code as ``python -m tools stats``, so the page and the CI gate never disagree, and it
declares every catalogue as a dependency of its page, so the page is rebuilt whenever a catalogue changes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from tools.catalogues import document_domain, find_catalogues
from tools.language_codes import underscored
from tools.languages import native_name, percent_text
from tools.sphinxext.publication_languages import locale_folders, translations
from tools.sphinxext.tables import table
from tools.stats import CatalogueStats, by_language, collect

_ = get_translation("sphinx")


def _bar(percent: float) -> nodes.raw:
    # <progress> is announced by screen readers as a percentage, and prints as a bar too.
    html = f'<progress class="status-bar" max="100" value="{percent:.1f}">{percent:.1f}%</progress>'
    return nodes.raw("", html, format="html")


class TranslationStatus(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        config = self.env.config
        folders, languages = locale_folders(self.env), translations(self.env)
        catalogues = find_catalogues([folder / lang for folder in folders for lang in languages])
        for path in catalogues:
            self.env.note_dependency(str(path))
        stats, _errors = collect(catalogues, jobs=1)
        headers = [_("Language"), _("Translated"), _("Fuzzy"), _("Untranslated"), _("Progress")]
        depth = self.env.docname.count("/") + 1
        locale = underscored(config.language or config.publication_source_language)
        rows = []
        for lang in by_language(stats):
            link = nodes.reference("", native_name(lang.language), refuri=f"{'../' * depth}{lang.language}/index.html")
            percent = percent_text(lang.percent, locale)
            rows.append([
                [link],
                [nodes.Text(f"{lang.translated} / {lang.total}")],
                [nodes.Text(str(lang.fuzzy))],
                [nodes.Text(str(lang.untranslated))],
                [_bar(lang.percent), nodes.Text(f" {percent}")],
            ])  # fmt: skip
        header = [[nodes.Text(str(h))] for h in headers]
        return [table("translation-status", header, rows, (30, 20, 12, 16, 22)), self._by_document(stats, locale)]

    def _by_document(self, stats: list[CatalogueStats], locale: str) -> nodes.table:
        """How far each language is in each document: a translator finds what is left where it is."""
        languages = sorted({s.language for s in stats}, key=translations(self.env).index)
        cells: dict[str, dict[str, CatalogueStats]] = {}
        for found in stats:
            domain = document_domain(found.path)
            if domain is not None and domain in self.env.found_docs:
                cells.setdefault(domain, {})[found.language] = found
        rows = []
        for docname in sorted(cells):
            # The document's title as the reader sees it, resolved when every title is known.
            link = addnodes.pending_xref(
                "", nodes.inline("", docname), refdomain="std", reftype="doc", reftarget=f"/{docname}",
                refdoc=self.env.docname, refexplicit=False, refwarn=True,
            )  # fmt: skip
            row: list[list[nodes.Node]] = [[link]]
            for lang in languages:
                found = cells[docname].get(lang)
                text = percent_text(found.percent, locale) if found else "–"
                row.append([nodes.Text(text)])
            rows.append(row)
        header = [[nodes.Text(str(_("Document")))]] + [[nodes.Text(native_name(lang))] for lang in languages]
        width = 60 // max(len(languages), 1)
        return table("translation-status-documents", header, rows, (40, *([width] * len(languages))))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.add_directive("translation-status", TranslationStatus)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
