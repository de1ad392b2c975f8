"""Nodes for a word-level diff: ``<del>`` and ``<ins>`` in HTML, so that what changed in a text is marked up
for what it is (a screen reader may announce it, a printed page keeps it), not only coloured."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from tools.word_diff import Piece, shortened


class deleted(nodes.inline):  # docutils names node classes in lower case
    """Words only in the old text."""


class inserted(nodes.inline):
    """Words only in the new text."""


def _visit(tag: str) -> Any:
    def visit(translator: HTML5Translator, node: nodes.Element) -> None:
        translator.body.append(translator.starttag(node, tag, ""))

    return visit


def _depart(tag: str) -> Any:
    def depart(translator: HTML5Translator, node: nodes.Element) -> None:
        translator.body.append(f"</{tag}>")

    return depart


def diff_nodes(pieces: list[Piece]) -> list[nodes.Node]:
    """The pieces as text, long unchanged stretches cut (``word_diff.shortened``)."""
    kinds = {"deleted": deleted, "inserted": inserted}
    out: list[nodes.Node] = []
    for piece in shortened(pieces):
        text = nodes.Text(piece.text)
        out.append(kinds[piece.kind]("", "", text) if piece.kind in kinds else text)
    return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(deleted, html=(_visit("del"), _depart("del")))
    app.add_node(inserted, html=(_visit("ins"), _depart("ins")))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
