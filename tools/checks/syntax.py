"""What msgfmt reads but other tools misread, as the reader reports it."""

from __future__ import annotations

from collections.abc import Iterator

from tools.catalogues import Catalogue
from tools.checks.registry import CatalogueCheck, Found, Severity


class Syntax(CatalogueCheck, id="syntax", severity=Severity.WARNING):
    """what msgfmt reads and other tools misread (msgstr"…", #,fuzzy, two strings on a line); a catalogue msgfmt
    or the build refuses is an error of this id that stops every command

    The build is not at risk from these, a translator's editor may be."""

    def check(self, catalogue: Catalogue, fix: bool) -> Iterator[Found]:
        for problem in catalogue.problems:
            if problem.severity == "warning":
                yield Found(problem.line, problem.message)
