"""Links and anchors of a rendering that holds several documents, so that each reaches what it means.

Each document's ids are its own (two documents may both have a section ``background``, and footnote ``1``),
but a PDF is one page: the ids of each document get its name in front, ``dialogues/2014/background``, and so
do the links that point at them. A link to another document of the rendering goes to that document's place in
it; a link to a document outside it is finished in the PDF (``pdf_assembly.py``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

_INSIDE = "#document-"


def _scoped(docname: str, identifier: str) -> str:
    return f"{docname}/{identifier}"


def _target(refuri: str, docname: str) -> str | None:
    """The scoped anchor of a link inside the PDF, or None for a link that leaves it."""
    if refuri.startswith(_INSIDE):
        target, _, anchor = refuri[len(_INSIDE) :].partition("#")
        return f"#{_scoped(target, anchor)}" if anchor else refuri
    if refuri.startswith("#") and len(refuri) > 1:  # an anchor of the document the link is in
        return f"#{_scoped(docname, refuri[1:])}"
    return None


def _scope(node: nodes.Element, docname: str) -> None:
    node["ids"] = [_scoped(docname, i) for i in node["ids"]]
    if "backrefs" in node:
        node["backrefs"] = [_scoped(docname, i) for i in node["backrefs"]]
    if node.get("refid"):
        node["refid"] = _scoped(docname, node["refid"])
    refuri = node.get("refuri")
    if isinstance(node, nodes.reference) and isinstance(refuri, str):
        scoped = _target(refuri, docname)
        if scoped is not None:
            node["refuri"] = scoped


def scope_links(tree: nodes.document, start: str) -> nodes.document:
    """Give every id of each document its name, fix the links to them, and unlink what cannot be reached."""
    # The start document is not wrapped by Sphinx's inlining; wrapped, it gets its #document- anchor too.
    wrapper = addnodes.start_of_file(docname=start)
    wrapper.children, tree.children = tree.children, [wrapper]
    wrapper.parent = tree
    for child in wrapper.children:
        child.parent = wrapper
    pending: list[tuple[nodes.Node, str]] = [(wrapper, start)]
    while pending:
        node, docname = pending.pop()
        if isinstance(node, addnodes.start_of_file):
            docname = node["docname"]
        if isinstance(node, nodes.Element):
            _scope(node, docname)
            pending.extend((child, docname) for child in node.children)
    return tree
