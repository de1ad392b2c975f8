"""The previous English (``#|``) left on an entry that is no longer fuzzy."""

from __future__ import annotations

from collections.abc import Iterator

from tools.catalogues import Catalogue
from tools.checks.registry import CatalogueCheck, Found, Severity


class Previous(CatalogueCheck, id="previous", severity=Severity.WARNING):
    """an entry that is not fuzzy keeps no previous English (``#|`` lines)

    They belong to a fuzzy entry: they show what the English was when it was translated. A translator who
    clears the flag by hand, as most editors let one do, leaves them behind, and the next editor who opens the
    file is shown a change that was already reviewed. ``update`` removes them."""

    def check(self, catalogue: Catalogue, fix: bool) -> Iterator[Found]:
        lines = catalogue.text.splitlines()
        for entry in catalogue.entries:
            if entry.previous and not entry.fuzzy:
                yield Found(
                    _first_previous_line(lines, entry.line),
                    "previous English (#|) kept on an entry that is not fuzzy; if it was reviewed, run: "
                    "python -m tools update",
                )


def _first_previous_line(lines: list[str], msgid_line: int) -> int:
    """The line of an entry's first ``#|``, found upwards from its msgid past a msgctxt and wrapped strings."""
    first = msgid_line
    for number in range(msgid_line - 1, 0, -1):
        line = lines[number - 1].lstrip()
        if line.startswith("#|"):
            first = number
        elif not line.startswith(('"', "msgctxt")):
            break
    return first
