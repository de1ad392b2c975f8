"""The language of each part of the PDF: ``/Lang`` on every structure element whose HTML element has its own
``lang`` (an English passage of a translated page), as WCAG 3.1.2 asks of a tagged PDF (PDF/UA-1, 7.2).

WeasyPrint writes the document's language into the catalogue but none on the structure elements. Its tag
tree is built by one function, ``weasyprint.pdf.tags._build_box_tree``, called for each box and yielding
the elements made for it; :func:`language_tags` wraps that function for the time of one rendering and adds
``/Lang`` where the box's element says another language than its parent. A WeasyPrint that renames the
function makes :func:`language_tags` fail loudly rather than leave the parts untagged
(tests/test_languages_six.py reads ``/Lang`` back from the PDF).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

_LOCK = threading.Lock()


@contextlib.contextmanager
def language_tags() -> Iterator[None]:
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    # The language of each structure element made so far (by id: they are dictionaries), which its children
    # inherit; the elements have no other way up to their HTML element's ancestors.
    language_of: dict[int, str | None] = {}

    def build_box_tree(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
        inherited = language_of.get(id(parent))
        element = getattr(box, "element", None)
        lang = (element.get("lang") if element is not None else None) or inherited
        for made in original(box, parent, *rest):
            language_of[id(made)] = lang
            if lang and lang != inherited and getattr(box, "element_tag", None) not in ("html", "body"):
                made["Lang"] = pydyf.String(lang)
            yield made

    with _LOCK:
        tags._build_box_tree = build_box_tree
        try:
            yield
        finally:
            tags._build_box_tree = original
