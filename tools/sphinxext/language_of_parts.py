"""The language of each part of a translated page (WCAG 3.1.2): a passage that falls back to English says so.

A message the catalogue leaves untranslated (or fuzzy, or refused by the content model) is shown in English.
Sphinx marks each such node ``translated=False``; this transform gives it the class ``language-en``, which
docutils' HTML writer turns into ``lang="en"``, so that a screen reader reads it with an English voice and the
browser and WeasyPrint hyphenate it by English rules. In a right-to-left page the passage also needs
``dir="ltr"``, or its full stop lands at its left edge: :func:`direction_attribute` gives the writer that.
The PDF builder carries ``lang`` into the PDF's structure tree (``/Lang`` on the element).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform

from tools.languages import language_tag, text_direction
from tools.sphinxext.content_model import translated_build


def source_class(config: Config) -> str:
    return f"language-{language_tag(config.publication_source_language)}"


class MarkEnglishFallbacks(SphinxTransform):
    """Every node Sphinx could not translate gets the source language's ``language-`` class."""

    # After Locale (20) and the content model's comparison (21), which may put the English back.
    default_priority = 22

    def apply(self, **kwargs: Any) -> None:
        if not translated_build(self.config):
            return
        marker = source_class(self.config)
        for node in self.document.findall(nodes.Element):
            if node.get("translated") is False and marker not in node["classes"]:
                node["classes"].append(marker)


def direction_attribute(node: nodes.Node, config: Config) -> str | None:
    """The ``dir`` an element needs when its ``language-`` class names a language written the other way from
    the page's: ``ltr`` for an English passage of an Arabic page, ``rtl`` for an Arabic entry on the French
    status page; else None."""
    if not isinstance(node, nodes.Element):
        return None
    tags = [name.removeprefix("language-") for name in node.get("classes", ()) if name.startswith("language-")]
    if not tags:
        return None
    own = text_direction(tags[0])  # the one docutils writes as lang=
    return own if own != text_direction(config.language or config.publication_source_language) else None


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.setup_extension("tools.sphinxext.content_model")
    app.add_transform(MarkEnglishFallbacks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
