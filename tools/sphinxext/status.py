"""The ``translation-status`` directive: the statistics table of every translation, made at build time.

It counts with the same code as ``python -m tools stats``, so the page and the CI gate never disagree, and it
declares every catalogue as a dependency of its page, so the page is rebuilt whenever a catalogue changes.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_percent
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from tools.catalogues import find_catalogues
from tools.language_codes import underscored
from tools.languages import native_name
from tools.sphinxext.publication_languages import locale_folders, translations
from tools.sphinxext.tables import table
from tools.stats import by_language, collect

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
            percent = format_percent(lang.percent / 100, locale=locale)
            rows.append([
                [link],
                [nodes.Text(f"{lang.translated} / {lang.total}")],
                [nodes.Text(str(lang.fuzzy))],
                [nodes.Text(str(lang.untranslated))],
                [_bar(lang.percent), nodes.Text(f" {percent}")],
            ])  # fmt: skip
        header = [[nodes.Text(str(h))] for h in headers]
        return [table("translation-status", header, rows, (30, 20, 12, 16, 22))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.add_directive("translation-status", TranslationStatus)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
