"""``python -m tools build``: build every language's site and PDF, and publish them into build/site."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tools.site_build import FORMATS, Project, build

    project = Project(root=args.root, build=args.build_dir or args.root / "build")
    formats = tuple(args.format or FORMATS)
    return build(project, languages=args.lang, jobs=args.jobs, formats=formats, timeout=args.timeout)
