"""The header of a catalogue: UTF-8, a Language, Plural-Forms."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tools.catalogues import Catalogue, expected_language
from tools.checks.registry import CatalogueCheck, Found, Severity


def _line(text: str, field: str) -> int:
    """The line of a header field, or 1."""
    for number, line in enumerate(text.splitlines()[:41], start=1):
        if line.startswith(f'"{field}:'):
            return number
    return 1


class Header(CatalogueCheck, id="header", severity=Severity.ERROR):
    """the header declares UTF-8, the Language of the catalogue's folder and Plural-Forms

    A Language that contradicts the folder is refused by the reader (a ``syntax`` error) before any check runs.
    """

    def check(self, catalogue: Catalogue, fix: bool) -> Iterator[Found]:
        metadata = catalogue.metadata
        charset = re.search(r"charset=([\w.:-]+)", metadata.get("Content-Type", ""))
        if not charset or charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            found = charset.group(1) if charset else "none"
            message = f"charset is {found}: write catalogues in UTF-8 (Content-Type: text/plain; charset=UTF-8)"
            yield Found(_line(catalogue.text, "Content-Type"), message)
        if not metadata.get("Language", "").strip():
            folder = expected_language(catalogue.path)
            message = f"no Language header; add 'Language: {folder or 'xx'}'"
            yield Found(1, message, None if folder else Severity.WARNING)
        if not metadata.get("Plural-Forms", "").strip():
            message = "no Plural-Forms header: tools cannot tell how many plural forms the language has"
            yield Found(1, message, Severity.WARNING)
