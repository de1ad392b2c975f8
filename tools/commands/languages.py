"""``python -m tools languages``: the publication's languages, source first (a CI job matrix)."""

from __future__ import annotations

import argparse
import json


def run(args: argparse.Namespace) -> int:
    from tools.language_codes import check_code
    from tools.languages import discover_languages

    languages = [check_code(code) for code in discover_languages(args.root / "locale")]
    print(json.dumps(languages) if args.json else "\n".join(languages))
    return 0
