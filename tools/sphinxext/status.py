"""The ``translation-status`` directive: the statistics table of every translation, made at build time, and
what is left in each language, entry by entry.

It counts with the same code as ``python -m tools stats``, so the page and the CI gate never disagree, lists
with the same code as ``python -m tools todo``, and declares every catalogue as a dependency of its page, so
the page is rebuilt whenever a catalogue changes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from tools.catalogues import document_domain, find_catalogues
from tools.language_codes import underscored
from tools.languages import language_tag, native_name, percent_text
from tools.python_format import refusal
from tools.sphinxext.publication_languages import locale_folders, translations
from tools.sphinxext.tables import table
from tools.sphinxext.word_changes import diff_nodes
from tools.stats import CatalogueStats, by_language, collect
from tools.todo import Item, LanguageTodo
from tools.todo import collect as collect_todo

_ = get_translation("sphinx")

# The language of a part of the list, made its language- class by LanguageOfParts.
PART_LANGUAGE = "todo_language"


def _formatted(message: str, **values: object) -> str:
    """A message with ``%(name)s`` placeholders, translated: a translation whose placeholders differ from the
    English (the check "placeholders" reports it) is not used, as msgfmt would refuse it, and cannot fail
    the build."""
    translated = str(_(message))
    return (message if refusal(message, translated) else translated) % values


# A page a reader can still scroll: the rest of a long list is one command away.
SHOWN_ITEMS = 50


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
        tables = [table("translation-status", header, rows, (30, 20, 12, 16, 22)), self._by_document(stats, locale)]
        todos, _errors = collect_todo(catalogues, jobs=1)
        return tables + self._left(todos, locale)

    def _left(self, todos: list[LanguageTodo], locale: str) -> list[nodes.Node]:
        """What ``python -m tools todo`` lists, per language: where each entry is, and what changed."""
        # Text of the build, not of the page's source: not extracted into the page's catalogue.
        out: list[nodes.Node] = [nodes.rubric("", _("What is left to translate"), translatable=False)]
        for todo in sorted(todos, key=lambda t: translations(self.env).index(t.language)):
            # A translator compares the exact characters: no curly quotes in place of a catalogue's straight ones.
            section = nodes.container(classes=["todo"], support_smartquotes=False)
            section += nodes.rubric("", native_name(todo.language), translatable=False)
            if not todo.items:
                section += nodes.paragraph("", _("Nothing left to translate."))
            items = nodes.bullet_list(classes=["todo-items"])
            for item in todo.items[:SHOWN_ITEMS]:
                items += self._item(item, locale)
            if todo.items:
                section += items
            if len(todo.items) > SHOWN_ITEMS:
                more = "%(count)s more: python -m tools todo --lang %(language)s"
                count = len(todo.items) - SHOWN_ITEMS
                section += nodes.paragraph("", _formatted(more, count=count, language=todo.language))
            out.append(section)
        return out

    def _item(self, item: Item, locale: str) -> nodes.list_item:
        root = Path(self.env.srcdir).parent
        where = os.path.relpath(item.path, root) if item.path.is_relative_to(root) else item.path.name
        head = nodes.paragraph("", "", nodes.literal("", f"{Path(where).as_posix()}:{item.line}"), nodes.Text(" "))
        # Words of their own, not the table's column headers: one entry, and in French or Spanish a singular.
        head += nodes.strong("", _("fuzzy") if item.fuzzy else _("untranslated"))
        english = nodes.paragraph("", "", *(diff_nodes(item.changes) or [nodes.Text(item.source)]))
        english["classes"].append("todo-english")
        english[PART_LANGUAGE] = language_tag(self.env.config.publication_source_language)
        body: list[nodes.Node] = [head, english]
        if item.fuzzy:
            body.append(nodes.paragraph("", item.translation, classes=["todo-translation"]))
        elif item.suggestion is not None:
            alike = percent_text(100 * item.suggestion.similarity, locale)
            label = nodes.emphasis("", _formatted("Suggestion (%(percent)s alike):", percent=alike))
            suggestion = nodes.Text(f" {item.suggestion.translation}")
            body.append(nodes.paragraph("", "", label, suggestion, classes=["todo-translation"]))
        for paragraph in body[2:]:
            paragraph[PART_LANGUAGE] = language_tag(item.language)
        return nodes.list_item("", *body)

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


class LanguageOfParts(SphinxPostTransform):
    """Each part of the list gets its language's ``language-`` class, which docutils writes as ``lang=`` (and
    ``tools.sphinxext.language_of_parts`` as ``dir=`` when it is written the other way): a screen reader reads
    each part with its own voice.

    Given after docutils' smart quotes, which run when the page is read and warn, failing the build, for every
    language they have no quotes for, such as Arabic or Chinese entries on the English page."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.Element):
            if PART_LANGUAGE in node and f"language-{node[PART_LANGUAGE]}" not in node["classes"]:
                node["classes"].append(f"language-{node[PART_LANGUAGE]}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.setup_extension("tools.sphinxext.word_changes")
    app.add_directive("translation-status", TranslationStatus)
    app.add_post_transform(LanguageOfParts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
