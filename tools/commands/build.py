"""``python -m tools build``: build every language's site and PDF, and publish them into build/site."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tools.sphinx_forkserver import sphinx_server

    # First: the server imports Sphinx (about a second) while this process imports the build, takes its lock
    # and checks the catalogues. A build with nothing to do ends it unused.
    with sphinx_server(args.root, args.root / "docs", args.format) as server:
        from tools.site_build import FORMATS, Project, build

        project = Project(root=args.root, build=args.build_dir or args.root / "build")
        formats = tuple(args.format or FORMATS)
        return build(project, languages=args.lang, jobs=args.jobs, formats=formats, timeout=args.timeout, server=server)
