"""``python -m tools todo``: what is left to translate, entry by entry, in the order a translator works."""

from __future__ import annotations

import argparse
import sys

from tools.commands.common import missing_paths, paths, where


def run(args: argparse.Namespace) -> int:
    from tools import todo_report as report
    from tools.catalogues import find_catalogues
    from tools.todo import collect

    if missing_paths(args):
        return 2
    todos, errors = collect(find_catalogues(paths(args)), jobs=args.jobs)
    if args.lang:
        todos = [todo for todo in todos if todo.language in args.lang]
        absent = sorted(set(args.lang) - {todo.language for todo in todos})
    else:
        absent = []
    if args.format == "json":
        print(report.as_json(todos, errors))
    elif args.format == "html":
        print(report.as_html(todos), end="")
    elif todos or not absent:
        print(report.as_text(todos))
    for error in errors:
        print(where(error.path, error.line, error.message), file=sys.stderr)
    if absent:
        print(f"error: no catalogues for {', '.join(absent)}", file=sys.stderr)
    return 2 if errors or absent else 0
