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


def _cell(text: str, language: str) -> nodes.entry:
    entry = nodes.entry()
    paragraph = nodes.paragraph("", text)
    paragraph["classes"].append(f"lang-{language}")
    entry += paragraph
    return entry


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
        table = nodes.table(classes=["publication-glossary"])
        group = nodes.tgroup(cols=len(languages))
        table += group
        group += [nodes.colspec(colwidth=1) for _ in languages]
        head = nodes.thead()
        head += nodes.row("", *(_cell(native_name(lang), lang) for lang in languages))
        body = nodes.tbody()
        for term in terms:
            cells = [term.english, *(term.equivalent(lang) or "" for lang in languages[1:])]
            body += nodes.row("", *(_cell(text, lang) for text, lang in zip(cells, languages, strict=True)))
        group += head
        group += body
        return [table]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("glossary-table", GlossaryTable)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
