"""``python -m tools stats``: translation statistics per language and file, and the coverage gate."""

from __future__ import annotations

import argparse
import sys

from tools.commands.common import missing_paths, paths, where


def run(args: argparse.Namespace) -> int:
    from tools import stats_report as report
    from tools.catalogues import find_catalogues
    from tools.output import annotation
    from tools.stats import by_language, collect

    if missing_paths(args):
        return 2
    if args.no_cache:
        stats, errors = collect(find_catalogues(paths(args)), jobs=args.jobs)
    else:
        from tools.stats_cache import collect_cached

        stats, errors = collect_cached(find_catalogues(paths(args)), jobs=args.jobs)
    languages = by_language(stats, args.lang)
    absent = sorted(set(args.lang or ()) - {lang.language for lang in languages})
    if absent and not languages and not errors:
        # Nothing to report: the one line that says why, not an empty table as well.
        print(f"error: no catalogues for {', '.join(absent)}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(report.as_json(languages, errors))
    elif args.format == "markdown":
        print(report.as_markdown(languages))
    elif args.format == "github":
        print(report.as_github(languages))
    else:
        print(report.as_text(languages))
    for error in errors:
        print(where(error.path, error.line, error.message), file=sys.stderr)
    if errors:
        return 2
    if absent:
        print(f"error: no catalogues for {', '.join(absent)}", file=sys.stderr)
        return 2
    if args.fail_under is None:
        return 0
    below = [lang for lang in languages if lang.percent < args.fail_under]
    for lang in below:
        message = f"{lang.language} is {lang.percent:.1f}% translated, below {args.fail_under:g}%"
        if args.format == "github":
            print(annotation("error", message, title="Translation coverage"))
        print(f"error: {message}", file=sys.stderr)
    return 1 if below else 0
