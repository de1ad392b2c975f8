"""Command line: ``python -m tools <command>``. Each command is a thin layer over one module."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build(args: argparse.Namespace) -> int:
    from tools.site import Project, build

    project = Project(root=args.root, build=args.build_dir or args.root / "build")
    return build(project, languages=args.lang, jobs=args.jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build every language's site into build/site")
    build.add_argument("--lang", action="append", metavar="L", help="build only this language (repeatable)")
    build.add_argument("--jobs", type=int, default=None, help="parallel Sphinx processes (default: one per core)")
    build.add_argument("--build-dir", type=Path, default=None, help="output folder (default: ROOT/build)")
    build.set_defaults(run=_build)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
