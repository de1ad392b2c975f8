"""The ``glossary-table`` directive: the project's glossary (``locale/glossary.csv``) as a table.

Columns are the languages, each headed by its own name; a term that is not translated shows as itself.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from tools.glossary import GLOSSARY_FILE, load_glossary
from tools.languages import native_name
from tools.sphinxext.publication_languages import locale_folders, translations
from tools.sphinxext.tables import table


class GlossaryTable(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        folders = locale_folders(self.env)
        terms = [term for folder in folders for term in load_glossary(folder)]
        for folder in folders:
            if (folder / GLOSSARY_FILE).is_file():
                self.env.note_dependency(str(folder / GLOSSARY_FILE))
        languages = [self.env.config.publication_source_language, *translations(self.env)]
        header = [[nodes.Text(native_name(lang))] for lang in languages]
        rows = [
            [[nodes.Text(text)] for text in (term.english, *(term.equivalent(lang) or "" for lang in languages[1:]))]
            for term in terms
        ]
        return [table("publication-glossary", header, rows, [1] * len(languages))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.add_directive("glossary-table", GlossaryTable)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
