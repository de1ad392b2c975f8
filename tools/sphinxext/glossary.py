"""The ``glossary-table`` directive: the project's glossary (``locale/glossary.csv``) as a table.

Columns are the languages, each headed by its own name; a term that is not translated shows as itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from tools.glossary import GLOSSARY_FILE, load_glossary
from tools.languages import discover_languages, native_name
from tools.sphinxext.tables import table


class GlossaryTable(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        config = self.env.config
        folders = [Path(self.env.srcdir, d) for d in config.locale_dirs]
        terms = [term for folder in folders for term in load_glossary(folder)]
        for folder in folders:
            if (folder / GLOSSARY_FILE).is_file():
                self.env.note_dependency(str(folder / GLOSSARY_FILE))
        source = config.publication_source_language
        languages = [source, *[lang for f in folders for lang in discover_languages(f, source)[1:]]]
        header = [[nodes.Text(native_name(lang))] for lang in languages]
        rows = [
            [[nodes.Text(text)] for text in (term.english, *(term.equivalent(lang) or "" for lang in languages[1:]))]
            for term in terms
        ]
        return [table("publication-glossary", header, rows, [1] * len(languages))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.source_language")  # publication_source_language
    app.add_directive("glossary-table", GlossaryTable)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
