"""``python -m tools check``: find what is wrong in the catalogues; exit 1 on any error, 2 on one that cannot
be read. Which checks run is the registry's policy (``tools.checks.selection``); this module reads, runs and
reports."""

from __future__ import annotations

import argparse
import sys

from tools import findings as out
from tools.catalogues import CatalogueError, expected_language, find_catalogues, validate_all
from tools.commands.common import error, missing_paths, paths, translations


def _warn_missing_dictionaries(languages: set[str]) -> None:
    from tools.checks.terms import find_dictionary
    from tools.hunspell_packages import debian_package

    for language in sorted(languages - {""}):
        if find_dictionary(language) is None:
            package = debian_package(language)
            advice = (
                f"install one (apt-get install {package}) or set HUNSPELL_PATH"
                if package
                else f"Debian has none for {language}; set HUNSPELL_PATH to a folder with one"
            )
            print(f"spelling: no Hunspell dictionary for {language}, check skipped; {advice}",
                  file=sys.stderr)  # fmt: skip


def _refused(error: CatalogueError) -> out.Finding:
    """The reader's refusal of a catalogue: an error of the syntax check, whatever was selected."""
    return out.Finding(error.path, error.line, "syntax", "error", error.message)


def run(args: argparse.Namespace) -> int:
    from tools.checks import REGISTRY, Scope, UnknownCheck, check_catalogues, of_scope, selection
    from tools.extract import ExtractionError

    try:
        selected = selection(args.select, args.ignore, sync_only=args.sync, own_project=not args.paths)
    except UnknownCheck as problem:
        return error(problem)
    if missing_paths(args):
        return 2
    catalogues = find_catalogues(paths(args))
    if args.lang:
        catalogues = [p for p in catalogues if expected_language(p) in args.lang]
    per_file = [c.id for c in REGISTRY.values() if c.scope is not Scope.PROJECT and c.id in selected]
    found: list[out.Finding] = []
    if per_file:
        # The checks read each catalogue, in worker processes, and refuse one the build could not use.
        locale = None if args.paths else args.root / "locale"
        found, errors = check_catalogues(catalogues, per_file, locale=locale, fix=args.fix)
        errors.sort(key=lambda e: (str(e.path), e.line))
    else:
        errors = list(validate_all(catalogues))
    broken = {e.path for e in errors}
    if "spelling" in selected:
        _warn_missing_dictionaries({expected_language(p) or "" for p in catalogues if p not in broken})
    findings = [_refused(e) for e in errors] + found
    if not args.paths and not errors:
        for project_check in of_scope(Scope.PROJECT, selected):
            try:
                findings += project_check.check(args.root, translations(args))
            except (CatalogueError, ExtractionError) as problem:
                return error(problem)
    render = {"json": out.as_json, "github": out.as_github}.get(args.format, out.as_text)
    text = render(findings)
    if text:
        print(text)
    if any(f.check == "sync" for f in findings) and not errors:
        print("catalogues out of date with the English source; run: python -m tools update", file=sys.stderr)
    if args.format != "json":
        # Text readers want the tally after the list; a workflow's log, on stderr, beside its annotations.
        print(out.summary(findings, len(catalogues)), file=sys.stdout if args.format == "text" else sys.stderr)
    if errors:
        return 2
    return 1 if any(f.failing for f in findings) else 0
