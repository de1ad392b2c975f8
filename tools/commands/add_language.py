"""``python -m tools add-language``: create the catalogues of a new language."""

from __future__ import annotations

import argparse
import sys

from tools.commands import update


def run(args: argparse.Namespace) -> int:
    from tools.languages import SOURCE_LANGUAGE, native_name, sphinx_languages

    code = args.code
    known = sphinx_languages()
    if code == SOURCE_LANGUAGE:
        print(f"error: {code} is the language of the source, in docs/", file=sys.stderr)
        return 2
    if code not in known:
        print(f"error: Sphinx does not know the language {code!r}; it knows: {', '.join(known)}", file=sys.stderr)
        return 2
    folder = args.root / "locale" / code / "LC_MESSAGES"
    if any(folder.rglob("*.po")):
        # Also what an interrupted add-language leaves: update completes it without touching what is there.
        print(f"error: {code} already has catalogues in {folder}; to complete or refresh them: "
              f"python -m tools update --lang {code}", file=sys.stderr)  # fmt: skip
        return 2
    args.lang = [code]
    status = update.run(args)
    if status == 0:
        print(f"added {native_name(code)} ({code}): translate the catalogues in {folder}; the next build includes it")
    return status
