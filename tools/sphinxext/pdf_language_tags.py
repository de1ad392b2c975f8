"""The language of each part of the PDF: ``/Lang`` on every structure element whose HTML element is in
another language than the one around it (an English passage of a translated page), as WCAG 3.1.2 asks of a
tagged PDF (PDF/UA-1, 7.2).

WeasyPrint writes the document's language into the catalogue but none on the structure elements. Its tag
tree is built by one function, ``weasyprint.pdf.tags._build_box_tree``, called for each box and yielding the
elements made for it; :func:`language_tags` wraps that function for the time of one rendering and adds
``/Lang`` where the box's HTML element has a language (its own ``lang``, or its nearest ancestor's) that
differs from its parent element's. A WeasyPrint that renames the function makes :func:`language_tags` fail
with AttributeError rather than leave the parts untagged, and tests/test_languages_six.py reads ``/Lang``
back from the PDF.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

# One rendering at a time may patch the module: the PDF builder renders one page after another.
_LOCK = threading.Lock()


def _language_switches(root: Any) -> dict[Any, str]:
    """The elements of the HTML tree whose language (their ``lang``, else their parent's) is not their
    parent's, with that language."""
    switches: dict[Any, str] = {}
    stack = [(root, root.get("lang"))]
    while stack:
        parent, inherited = stack.pop()
        for child in parent:
            lang = child.get("lang") or inherited
            if lang and lang != inherited:
                switches[child] = lang
            stack.append((child, lang))
    return switches


@contextlib.contextmanager
def language_tags(document: Any) -> Iterator[None]:
    """While ``document`` (a ``weasyprint.HTML``) is written, tag its parts in another language with /Lang."""
    import pydyf
    from weasyprint.pdf import tags

    switches = _language_switches(document.etree_element)
    original = tags._build_box_tree

    def build_box_tree(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
        lang = switches.get(getattr(box, "element", None))
        for made in original(box, parent, *rest):
            if lang and getattr(box, "element_tag", None) not in ("html", "body"):
                made["Lang"] = pydyf.String(lang)
            yield made

    with _LOCK:
        tags._build_box_tree = build_box_tree
        try:
            yield
        finally:
            tags._build_box_tree = original
