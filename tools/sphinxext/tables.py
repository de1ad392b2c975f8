"""A docutils table from rows of cells: what the generated pages (status, glossary) have in common."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

Cell = Sequence[nodes.Node]


def _entry(children: Cell) -> nodes.entry:
    entry = nodes.entry()
    entry += nodes.paragraph("", "", *children)
    return entry


def table(css_class: str, header: Sequence[Cell], rows: Sequence[Sequence[Cell]], widths: Sequence[int]) -> nodes.table:
    """A table with a header row; each cell is a list of inline nodes."""
    result = nodes.table(classes=[css_class])
    group = nodes.tgroup(cols=len(header))
    result += group
    group += [nodes.colspec(colwidth=width) for width in widths]
    head = nodes.thead()
    head += nodes.row("", *(_entry(cell) for cell in header))
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(_entry(cell) for cell in row))
    group += head
    group += body
    return result
