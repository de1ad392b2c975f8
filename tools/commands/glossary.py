"""``python -m tools glossary``: the glossary entry of a term, in every language."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from tools.glossary import load_glossary, lookup
    from tools.output import safe

    terms = load_glossary(args.root / "locale")
    found = lookup(terms, args.term)
    if not found:
        print(f"no glossary entry for {args.term!r} in locale/glossary.csv", file=sys.stderr)
        return 1
    for term in found:  # glossary.csv is edited by anyone: nothing in it may drive the terminal
        print(safe(term.english))
        for language, value in sorted(term.translations.items()):
            print(safe(f"  {language}: {term.english + ' (not translated)' if value == '=' else value}"))
        if term.note:
            print(safe(f"  note: {term.note}"))
    return 0
