"""Command line: ``python -m tools <command>``. Each command is a thin layer over one module."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build(args: argparse.Namespace) -> int:
    from tools.site import Project, build

    project = Project(root=args.root, build=args.build_dir or args.root / "build")
    from tools.site import FORMATS

    formats = tuple(args.format or FORMATS)
    return build(project, languages=args.lang, jobs=args.jobs, formats=formats, timeout=args.timeout)


def _paths(args: argparse.Namespace) -> list[Path]:
    return args.paths or [args.root / "locale"]


def _stats(args: argparse.Namespace) -> int:
    from tools import stats_report as report
    from tools.catalogues import find_catalogues
    from tools.stats import by_language, collect

    missing = [p for p in _paths(args) if not p.exists()]
    if missing:
        for path in missing:
            print(f"{path}: no such file or folder", file=sys.stderr)
        return 2
    stats, errors = collect(find_catalogues(_paths(args)), jobs=args.jobs)
    languages = by_language(stats, args.lang)
    if args.format == "json":
        print(report.as_json(languages, errors))
    elif args.format == "markdown":
        print(report.as_markdown(languages))
    elif args.format == "github":
        print(report.as_github(languages))
    else:
        print(report.as_text(languages))
    for error in errors:
        print(f"{report.shown(error.path)}:{error.line}: {error.message}", file=sys.stderr)
    if errors:
        return 2
    if args.lang:
        absent = sorted(set(args.lang) - {lang.language for lang in languages})
        if absent:
            print(f"error: no catalogues for {', '.join(absent)}", file=sys.stderr)
            return 2
    if args.fail_under is not None:
        below = [lang for lang in languages if lang.percent < args.fail_under]
        for lang in below:
            message = f"{lang.language} is {lang.percent:.1f}% translated, below {args.fail_under:g}%"
            if args.format == "github":
                print(report.annotation("error", message, title="Translation coverage"))
            print(f"error: {message}", file=sys.stderr)
        if below:
            return 1
    return 0


def _translations(args: argparse.Namespace) -> list[str]:
    from tools.languages import discover_languages

    available = discover_languages(args.root / "locale")[1:]
    return args.lang or available


def _update(args: argparse.Namespace) -> int:
    from tools.catalogues import CatalogueError
    from tools.extract import ExtractionError
    from tools.stats_report import shown
    from tools.update import report, update

    try:
        changes = update(args.root, _translations(args))
    except (CatalogueError, ExtractionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a catalogue or its folder that cannot be written; the old file is intact
        print(f"error: {error.filename or args.root}: cannot write: {error.strerror}", file=sys.stderr)
        return 2
    for change in changes:
        print("\n".join(report(change, shown(change.path))))
    return 0


def _purge(args: argparse.Namespace) -> int:
    from tools.catalogues import CatalogueError
    from tools.stats_report import shown
    from tools.update import purge_obsolete

    try:
        purged = purge_obsolete(args.root, _translations(args))
    except CatalogueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {error.filename or args.root}: cannot write: {error.strerror}", file=sys.stderr)
        return 2
    for path, count in purged:
        print(f"{shown(path)}: {count} obsolete {'entry' if count == 1 else 'entries'} removed")
    return 0


def _ids(text: str | None) -> set[str]:
    return {part.strip() for part in (text or "").split(",") if part.strip()}


def _check(args: argparse.Namespace) -> int:
    from tools import findings as out
    from tools.catalogues import CatalogueError, expected_language, find_catalogues, validate_all
    from tools.checks import ALL_IDS, PROJECT_CHECKS, SYNTAX_ID, check_catalogues
    from tools.checks.terms import find_dictionary
    from tools.extract import ExtractionError
    from tools.sync import sync_findings

    known = {*ALL_IDS, "sync", "syntax", "wrapping"}
    unknown = sorted((_ids(args.select) | _ids(args.ignore)) - known)
    if unknown:
        print(f"error: unknown check {', '.join(unknown)}; the checks are {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    # sync, wrapping and spelling are the project's conventions: other catalogues get them when asked for.
    project_only = {"sync", "wrapping", *PROJECT_CHECKS}
    selected = _ids(args.select) or (known if not args.paths else known - project_only)
    if args.sync:
        selected = {"sync"}
    selected -= _ids(args.ignore)
    paths = _paths(args)
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"{path}: no such file or folder", file=sys.stderr)
        return 2
    catalogues = find_catalogues(paths)
    if args.lang:
        catalogues = [p for p in catalogues if expected_language(p) in args.lang]
    findings: list[out.Finding] = []
    errors = list(validate_all(catalogues))
    findings += [out.Finding(e.path, e.line, "syntax", "error", e.message) for e in errors]
    broken = {e.path for e in errors}
    readable = [p for p in catalogues if p not in broken]
    if "spelling" in selected:
        for language in sorted({expected_language(p) or "" for p in readable} - {""}):
            if find_dictionary(language) is None:
                package = f"hunspell-{language.split('_')[0]}"
                print(f"spelling: no Hunspell dictionary for {language}, check skipped; install one "
                      f"(apt-get install {package}) or set HUNSPELL_PATH", file=sys.stderr)  # fmt: skip
    quality = tuple(i for i in (*ALL_IDS, SYNTAX_ID) if i in selected)
    if quality:
        found, unreadable = check_catalogues(readable, quality, locale=None if args.paths else args.root / "locale")
        findings += found
        findings += [out.Finding(e.path, e.line, "syntax", "error", e.message) for e in unreadable]
        errors += unreadable
    if "wrapping" in selected:
        from tools.update import canonical_problem

        for path in readable:
            problem = canonical_problem(path, fix=args.fix)
            if problem:
                findings.append(out.Finding(path, problem[0], "wrapping", "error", problem[1]))
    if "sync" in selected and not args.paths and not errors:
        try:
            findings += sync_findings(args.root, _translations(args))
        except (CatalogueError, ExtractionError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    render = {"json": out.as_json, "github": out.as_github}.get(args.format, out.as_text)
    text = render(findings)
    if text:
        print(text)
    if errors:
        return 2
    if any(f.check == "sync" for f in findings):
        print("catalogues out of date with the English source; run: python -m tools update", file=sys.stderr)
    return 1 if any(f.severity == "error" and not f.suppressed for f in findings) else 0


def _add_language(args: argparse.Namespace) -> int:
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
    if any(folder.glob("*.po")):
        # Also what an interrupted add-language leaves: update completes it without touching what is there.
        print(f"error: {code} already has catalogues in {folder}; to complete or refresh them: "
              f"python -m tools update --lang {code}", file=sys.stderr)  # fmt: skip
        return 2
    args.lang = [code]
    status = _update(args)
    if status == 0:
        print(f"added {native_name(code)} ({code}): translate the catalogues in {folder}; the next build includes it")
    return status


def _languages(args: argparse.Namespace) -> int:
    import json

    from tools.languages import check_code, discover_languages

    languages = [check_code(code) for code in discover_languages(args.root / "locale")]  # the CI's job matrix
    print(json.dumps(languages) if args.json else "\n".join(languages))
    return 0


def _assemble(args: argparse.Namespace) -> int:
    from tools.site import Project, publish

    project = Project(root=args.root, build=args.build_dir or args.root / "build")
    return publish(project)


def _serve(args: argparse.Namespace) -> int:
    import signal
    import subprocess

    from tools.languages import discover_languages

    available = discover_languages(args.root / "locale")
    if args.code not in available:
        print(f"error: no language {args.code!r}; available: {', '.join(available)}", file=sys.stderr)
        return 2
    from tools.children import python_dying_with_parent

    command = [
        *python_dying_with_parent(), "-m", "sphinx_autobuild",
        str(args.root / "docs"), str(args.root / "build" / "serve" / args.code),
        "-b", "html", "-D", f"language={args.code}", "-n",
        "--watch", str(args.root / "locale"),
        "--ignore", "*.mo",  # Sphinx writes compiled catalogues next to the .po files: no rebuild loop
        "--host", args.host, "--port", str(args.port),
    ]  # fmt: skip
    # sphinx-autobuild starts processes of its own when it rebuilds: in a session of their own, they all go
    # with it when serve is stopped (the kernel's parent-death signal reaches only the first of them).
    process = subprocess.Popen(command, cwd=args.root, start_new_session=True)

    def stop(_signum: int = 0, _frame: object = None) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, lambda signum, frame: (stop(), sys.exit(0)))
    try:
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop()
        signal.signal(signal.SIGTERM, previous)


def _glossary(args: argparse.Namespace) -> int:
    from tools.glossary import load_glossary, lookup

    terms = load_glossary(args.root / "locale")
    found = lookup(terms, args.term)
    if not found:
        print(f"no glossary entry for {args.term!r} in locale/glossary.csv", file=sys.stderr)
        return 1
    from tools.terminal import safe

    for term in found:  # glossary.csv is edited by anyone: nothing in it may drive the terminal
        print(safe(term.english))
        for language, value in sorted(term.translations.items()):
            print(safe(f"  {language}: {term.english + ' (not translated)' if value == '=' else value}"))
        if term.note:
            print(safe(f"  note: {term.note}"))
    return 0


def _language(text: str) -> str:
    """The argparse type of a language code: anything else is a usage error before a command reads or runs it."""
    from tools.languages import LanguageError, check_code

    try:
        return check_code(text)
    except LanguageError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _number(text: str, low: float, high: float, what: str) -> float:
    """A finite number in [low, high]: NaN would pass every gate (it compares false), infinity no timer."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (low <= value <= high):  # also false for NaN
        raise argparse.ArgumentTypeError(f"{text!r}: {what} is a number from {low:g} to {high:g}")
    return value


def _percent(text: str) -> float:
    return _number(text, 0, 100, "a percentage")


def _seconds(text: str) -> float:
    return _number(text, 0, 7 * 24 * 3600, "a time limit in seconds (0: none)")


def _count(text: str) -> int:
    value = _number(text, 0, 1024, "a number of processes (0: one per core)")
    if value != int(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(value)


def _lang_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--lang", action="append", type=_language, metavar="L", help=f"{help} (repeatable)")


def _check_language_folders(args: argparse.Namespace) -> None:
    """Refuse a project, or catalogues named on the command line, in a folder that is not a language code."""
    from tools.catalogues import find_catalogues
    from tools.languages import LanguageError, catalogue_problems, folder_problems

    problems: list[str] = []
    # A folder that cannot be read is left to the command, which reports it.
    with contextlib.suppress(OSError):
        problems += folder_problems(args.root / "locale")
    with contextlib.suppress(OSError):
        problems += catalogue_problems(find_catalogues(getattr(args, "paths", None) or []))
    if problems:
        raise LanguageError(list(dict.fromkeys(problems)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build every language's site into build/site")
    _lang_option(build, "build only this language")
    build.add_argument("--jobs", type=_count, default=None, help="parallel Sphinx processes (default: one per core)")
    build.add_argument("--format", action="append", choices=("html", "pdf"), help="build only this format (repeatable)")
    build.add_argument("--build-dir", type=Path, default=None, help="output folder (default: ROOT/build)")
    build.add_argument(
        "--timeout",
        type=_seconds,
        default=600,
        metavar="S",
        help="time limit per Sphinx process (0: none; default 600 s)",
    )
    build.set_defaults(run=_build)

    stats = commands.add_parser("stats", help="translation statistics per language and file")
    stats.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=".po files or folders (default: locale/)")
    _lang_option(stats, "only this language")
    stats.add_argument("--format", choices=("text", "json", "markdown", "github"), default="text")
    stats.add_argument("--fail-under", type=_percent, metavar="PCT", help="exit 1 when a language is below PCT %%")
    stats.add_argument("--jobs", type=_count, default=None, help="parallel processes (default: one per core)")
    stats.set_defaults(run=_stats)

    check = commands.add_parser("check", help="find what is wrong in the catalogues (exit 1 on any error)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=".po files or folders (default: locale/)")
    _lang_option(check, "only this language")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--sync", action="store_true", help="only check that the catalogues match the English source")
    check.add_argument("--select", metavar="ID,…", help="run only these checks")
    check.add_argument("--ignore", metavar="ID,…", help="skip these checks")
    check.add_argument("--fix", action="store_true", help="rewrite catalogues not in canonical form (wrapping)")
    check.set_defaults(run=_check)

    update = commands.add_parser("update", help="bring the catalogues up to date with the English source")
    _lang_option(update, "only this language")
    update.set_defaults(run=_update)

    purge = commands.add_parser("purge", help="remove the obsolete (#~) entries that update keeps")
    _lang_option(purge, "only this language")
    purge.set_defaults(run=_purge)

    add = commands.add_parser("add-language", help="create the catalogues of a new language")
    add.add_argument("code", type=_language, metavar="LANG", help="a language code Sphinx knows, such as pt or pt_BR")
    add.set_defaults(run=_add_language)

    langs = commands.add_parser("languages", help="list the publication's languages, source first")
    langs.add_argument("--json", action="store_true", help="as a JSON list (for a CI matrix)")
    langs.set_defaults(run=_languages)

    assemble = commands.add_parser("assemble", help="assemble build/site from languages already built")
    assemble.add_argument("--build-dir", type=Path, default=None, help="output folder (default: ROOT/build)")
    assemble.set_defaults(run=_assemble)

    serve = commands.add_parser("serve", help="preview one language, rebuilt when a .po file or the source changes")
    serve.add_argument("code", type=_language, metavar="LANG")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    serve.set_defaults(run=_serve)

    glossary = commands.add_parser("glossary", help="the glossary entry of a term, in every language")
    glossary.add_argument("term", metavar="TERM")
    glossary.set_defaults(run=_glossary)

    args = parser.parse_args(argv)
    from tools.languages import LanguageError

    if not args.root.is_dir():
        print(f"{args.root}: no such file or folder (--root names the project folder)", file=sys.stderr)
        return 2
    try:
        _check_language_folders(args)
        return args.run(args)
    except LanguageError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`… | head`): what is left unsaid is nobody's loss, and no traceback is due.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until the interpreter flushes it at exit
        return 141


if __name__ == "__main__":
    sys.exit(main())
