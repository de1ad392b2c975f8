"""``python -m tools purge``: remove the obsolete (#~) entries that update keeps."""

from __future__ import annotations

import argparse

from tools.commands.common import cannot_write, error, translations


def run(args: argparse.Namespace) -> int:
    from tools.catalogues import CatalogueError
    from tools.output import shown
    from tools.update import purge_obsolete

    try:
        purged = purge_obsolete(args.root, translations(args))
    except CatalogueError as problem:
        return error(problem)
    except OSError as problem:
        return cannot_write(problem, args.root)
    for path, count in purged:
        print(f"{shown(path)}: {count} obsolete {'entry' if count == 1 else 'entries'} removed")
    return 0
