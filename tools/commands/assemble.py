"""``python -m tools assemble``: publish build/site from the languages already built (as a CI job does)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tools.site_build import Project, assemble_built

    return assemble_built(Project(root=args.root, build=args.build_dir or args.root / "build"))
