"""The canonical form of a catalogue file."""

from __future__ import annotations

from collections.abc import Iterator

from tools.atomic import write_bytes_atomic
from tools.catalogues import Catalogue, to_polib
from tools.checks.registry import CatalogueCheck, Found, Severity
from tools.update import render


class Wrapping(CatalogueCheck, id="wrapping", severity=Severity.ERROR, project_only=True):
    """the file is in the canonical form, GNU gettext's as msgcat writes it (wrapping, field order, UTF-8);
    ``--fix`` rewrites it so

    A file in another tool's form is read the same; the canonical form keeps the project's diffs to what a
    translator changed."""

    def check(self, catalogue: Catalogue, fix: bool) -> Iterator[Found]:
        path = catalogue.path
        current = path.read_bytes()
        canonical = render(to_polib(catalogue))
        if current == canonical:
            return
        old, new = current.splitlines(), canonical.splitlines()
        line = next(
            (i for i, (a, b) in enumerate(zip(old, new, strict=False), start=1) if a != b), min(len(old), len(new)) + 1
        )
        if fix:
            try:
                write_bytes_atomic(path, canonical)
            except OSError as error:
                yield Found(1, f"cannot write the canonical form: {error.strerror}")
            else:
                yield Found(line, "rewritten in the canonical form (GNU gettext's, as msgcat writes it)", fixed=True)
            return
        yield Found(
            line,
            "not in the canonical form (GNU gettext's, as msgcat writes it: wrapping, field order, UTF-8); run: "
            "python -m tools check --fix",
        )
