"""``python -m tools update``: bring the catalogues up to date with the English source."""

from __future__ import annotations

import argparse

from tools.commands.common import cannot_write, error, translations


def run(args: argparse.Namespace) -> int:
    from tools.catalogues import CatalogueError
    from tools.extract import ExtractionError
    from tools.output import shown
    from tools.update import report, update

    try:
        changes = update(args.root, translations(args))
    except (CatalogueError, ExtractionError) as problem:
        return error(problem)
    except OSError as problem:
        return cannot_write(problem, args.root)
    for change in changes:
        print("\n".join(report(change, shown(change.path))))
    return 0
