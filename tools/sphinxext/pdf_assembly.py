"""The whole publication's PDF assembled from the PDFs of its documents, and the links of each finished.

WeasyPrint renders each top-level document once, with a link to any document outside it written as an
address under ``OUTSIDE`` (``https://outside.invalid/dialogues/2015.html#terms``). That rendering is kept,
and two files are made from it without rendering again:

- the document's own PDF, where each such link goes to the target's web page (``html_baseurl``), or is
  left out, its text kept, when the publication has no web address;
- the whole publication, the renderings of the root document and of every top-level document put together
  (pages, structure tree, named destinations, bookmarks), where a link to a document in it goes to its place.

So a change to one document renders that document only, and the whole publication is put together again in
a fraction of the time a rendering takes. Every part is tagged PDF; the structure trees are joined under the
root document's ``Document`` element, and each part's ``StructParents`` keys are moved past the ones before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf

OUTSIDE = "https://outside.invalid/"


def _links(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Page, pikepdf.Dictionary, str]]:
    for page in pdf.pages:
        for annotation in list(page.obj.get("/Annots", [])):
            action = annotation.get("/A")
            if isinstance(action, pikepdf.Dictionary) and str(action.get("/URI", "")).startswith(OUTSIDE):
                yield page, annotation, str(action.URI)[len(OUTSIDE) :]


def _names(pdf: pikepdf.Pdf) -> set[str]:
    if "/Names" not in pdf.Root or "/Dests" not in pdf.Root.Names:
        return set()
    return {str(name) for name in pikepdf.NameTree(pdf.Root.Names.Dests)}


def _destination(address: str, suffix: str) -> str:
    """The named destination of ``dialogues/2015.html#terms`` inside a PDF: the anchors are named per document."""
    path, _, fragment = address.partition("#")
    docname = path.removesuffix(suffix)
    return f"{docname}/{fragment}" if fragment else f"document-{docname}"


def _unlink(pdf: pikepdf.Pdf, page: pikepdf.Page, annotation: pikepdf.Dictionary) -> None:
    """Take a link annotation out of its page and out of the structure tree; its text stays."""
    page.obj.Annots = pikepdf.Array([a for a in page.obj.Annots if a.objgen != annotation.objgen])
    key = annotation.get("/StructParent")
    tree = pdf.Root.get("/StructTreeRoot")
    if key is None or tree is None:
        return
    parents = pikepdf.NumberTree(tree.ParentTree)
    element = parents.get(int(key))
    if isinstance(element, pikepdf.Dictionary) and isinstance(element.get("/K"), pikepdf.Array):
        element.K = pikepdf.Array(
            [kid for kid in element.K if not (isinstance(kid, pikepdf.Dictionary) and kid.get("/Obj") == annotation)]
        )
    del parents[int(key)]


def finish_links(pdf: pikepdf.Pdf, web: Callable[[str], str | None], suffix: str = ".html") -> None:
    """Each link under OUTSIDE to its place in ``pdf`` when it is there, else to ``web(address)``, else gone."""
    names = _names(pdf)
    for page, annotation, address in list(_links(pdf)):
        destination = _destination(address, suffix)
        if destination in names:
            del annotation["/A"]
            annotation.Dest = pikepdf.String(destination)
        elif (url := web(address)) is not None:
            annotation.A.URI = pikepdf.String(url)
        else:
            _unlink(pdf, page, annotation)


def _copy(base: pikepdf.Pdf, part: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """``value`` of ``part`` copied into ``base``, sharing what was copied before (the pages, above all)."""
    if not isinstance(value, pikepdf.Object) or not value.is_indirect:
        value = part.make_indirect(value)  # pikepdf copies indirect objects only
    return base.copy_foreign(value)


def _parent_keys(tree: pikepdf.Dictionary) -> dict[int, pikepdf.Object]:
    return dict(pikepdf.NumberTree(tree.ParentTree).items())


def _copy_outline(base: pikepdf.Pdf, part: pikepdf.Pdf, items: list[pikepdf.OutlineItem]) -> list[pikepdf.OutlineItem]:
    copied = []
    for item in items:
        destination = item.destination
        if isinstance(destination, pikepdf.Array):
            destination = _copy(base, part, destination)
        new = pikepdf.OutlineItem(item.title, destination)
        new.children.extend(_copy_outline(base, part, list(item.children)))
        copied.append(new)
    return copied


def _kids(element: pikepdf.Dictionary) -> pikepdf.Array:
    kids = element.get("/K")
    if not isinstance(kids, pikepdf.Array):
        element.K = pikepdf.Array([] if kids is None else [kids])
    return element.K


def merge(parts: list[Path]) -> pikepdf.Pdf:
    """The PDFs of ``parts`` as one, the first part's metadata, language and title kept. The caller saves it."""
    base = pikepdf.open(parts[0])
    tree = base.Root.StructTreeRoot
    document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
    keys = _parent_keys(tree)
    following = max(keys, default=-1) + 1
    if "/Names" not in base.Root:
        base.Root.Names = pikepdf.Dictionary()
    if "/Dests" not in base.Root.Names:
        base.Root.Names.Dests = pikepdf.Dictionary(Names=pikepdf.Array())
    destinations = pikepdf.NameTree(base.Root.Names.Dests)
    outline_items: list[pikepdf.OutlineItem] = []
    for path in parts[1:]:
        with pikepdf.open(path) as part:
            start = len(base.pages)
            base.pages.extend(part.pages)
            for page in base.pages[start:]:
                if "/StructParents" in page.obj:
                    page.obj.StructParents = int(page.obj.StructParents) + following
                for annotation in page.obj.get("/Annots", []):
                    if "/StructParent" in annotation:
                        annotation.StructParent = int(annotation.StructParent) + following
            part_tree = part.Root.StructTreeRoot
            part_keys = _parent_keys(part_tree)
            for key, value in part_keys.items():
                keys[key + following] = _copy(base, part, value)
            part_document = part_tree.K[0] if isinstance(part_tree.K, pikepdf.Array) else part_tree.K
            for kid in list(_kids(_copy(base, part, part_document))):
                if isinstance(kid, pikepdf.Dictionary):
                    kid.P = document
                _kids(document).append(kid)
            following += max(part_keys, default=-1) + 1
            for name, value in pikepdf.NameTree(part.Root.Names.Dests).items() if "/Names" in part.Root else ():
                destinations[name] = _copy(base, part, value)
            with part.open_outline() as outline:
                outline_items += _copy_outline(base, part, list(outline.root))
    numbers = pikepdf.Array()
    for key in sorted(keys):
        numbers.extend([key, keys[key]])
    tree.ParentTree = base.make_indirect(pikepdf.Dictionary(Nums=numbers))
    tree.ParentTreeNextKey = following
    with base.open_outline() as outline:
        parent = outline.root[0].children if outline.root else outline.root
        parent.extend(outline_items)
    return base
