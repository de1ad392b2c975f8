"""Command line: ``python -m tools <command>``. Each command is one function, ``run``, of one module of
``tools/commands/``; each option is declared once here and given to the commands that take it. The help a
user reads is ``DESCRIPTION`` and each command's own words, not this docstring."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

DESCRIPTION = """\
Translate, check and build the publication: English MyST in docs/, one gettext catalogue per document and
language in locale/<lang>/LC_MESSAGES/.

A translator's round:
  python -m tools todo --lang fr     what is left, entry by entry, with file:line
  python -m tools check --lang fr    what is wrong, errors first to fix
  python -m tools serve fr           the site as readers will see it, rebuilt on every save
  python -m tools stats              how far each language is

Run "python -m tools COMMAND --help" for one command's options."""


def _language(text: str) -> str:
    """The argparse type of a language code: anything else is a usage error before a command reads or runs it."""
    from tools.language_codes import LanguageError, check_code

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


class Option:
    """One option, declared once (as sphinx-intl declares its options) and added to each command that takes it;
    a command may word its help and choices its own way."""

    def __init__(self, *flags: str, **settings: Any) -> None:
        self.flags, self.settings = flags, settings

    def add(self, parser: argparse.ArgumentParser, **overrides: Any) -> None:
        parser.add_argument(*self.flags, **{**self.settings, **overrides})


LANG = Option("--lang", action="append", type=_language, metavar="L", help="only this language (repeatable)")
JOBS = Option("--jobs", type=_count, default=None, help="parallel processes (default: one per core)")
PATHS = Option("paths", nargs="*", type=Path, metavar="PATH", help=".po files or folders (default: locale/)")
FORMAT = Option("--format", default="text", help="output format (default: text)")
BUILD_DIR = Option("--build-dir", type=Path, default=None, help="output folder (default: ROOT/build)")
LANGUAGE_CODE = Option("code", type=_language, metavar="LANG")
# Before the command or after it: given after, it overrides (SUPPRESS leaves the top level's value otherwise).
ROOT_FOLDER = Option("--root", type=Path, help="project folder (default: this repository)")


class _CheckHelp(argparse.Action):
    """``check --help``, with the list of checks: the registry is imported only when it is asked for, since
    importing it costs every other command a tenth of a second."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show this help and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from tools.checks import REGISTRY

        width = max(len(check.id) for check in REGISTRY.values())
        rows = [
            f"  {check.id:<{width}}  {check.severity:<7}  {check.description.replace('``', '')}"
            for check in sorted(REGISTRY.values(), key=lambda c: (c.severity != "error", c.id))
        ]
        parser.epilog = (
            "checks (an error fails the run, a warning is shown; silence one entry with the translator comment\n"
            "# ignore-<id>):\n" + "\n".join(rows)
        )
        parser.print_help()
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ROOT_FOLDER.add(parser, default=ROOT)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, module: str, more: str = "", **settings: Any) -> argparse.ArgumentParser:
        description = textwrap.fill(help[0].upper() + help[1:] + "." + (f" {more}" if more else ""), 79)
        sub = commands.add_parser(name, help=help, description=description, **settings)
        sub.set_defaults(module=module)
        ROOT_FOLDER.add(sub, default=argparse.SUPPRESS)
        return sub

    build = command(
        "build",
        "build every language's site and PDFs into build/site",
        "build",
        "Only what changed is built again; a failed build leaves the last good site in place.",
    )
    LANG.add(build, help="build only this language (repeatable)")
    JOBS.add(build, help="parallel Sphinx processes (default: one per core)")
    build.add_argument("--format", action="append", choices=("html", "pdf"), help="build only this format (repeatable)")
    BUILD_DIR.add(build)
    build.add_argument(
        "--timeout",
        type=_seconds,
        default=600,
        metavar="S",
        help="time limit per Sphinx process (0: none; default 600 s)",
    )

    stats = command(
        "stats",
        "translation statistics per language and file",
        "stats",
        "Counts as msgfmt --statistics counts: translated, fuzzy, untranslated.",
    )
    PATHS.add(stats)
    LANG.add(stats)
    FORMAT.add(stats, choices=("text", "json", "markdown", "github"))
    stats.add_argument("--fail-under", type=_percent, metavar="PCT", help="exit 1 when a language is below PCT %%")
    JOBS.add(stats)
    stats.add_argument(
        "--no-cache",
        action="store_true",
        help="read every catalogue, neither using nor keeping the counts of unchanged files (in ~/.cache)",
    )

    todo = command(
        "todo",
        "what is left to translate, entry by entry",
        "todo",
        "Each fuzzy entry with a word-level diff of the English it was translated from (#|) and the English now,"
        " each untranslated one with the nearest translated entry as a suggestion; file:line for each, in the"
        " order of the files. Exit 0 whatever is left: stats --fail-under is the gate.",
    )
    PATHS.add(todo)
    LANG.add(todo)
    FORMAT.add(todo, choices=("text", "json", "html"), help="output format: html is a page to open in a browser")
    JOBS.add(todo)

    check = command(
        "check",
        "find what is wrong in the catalogues",
        "check",
        "One line per finding, file:line: ERROR|WARNING: [id] message, then a summary line. Exit 0 when no"
        " finding is an error, 1 when one is, 2 when a catalogue cannot be read.",
        add_help=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("-h", "--help", action=_CheckHelp)
    PATHS.add(check)
    LANG.add(check)
    FORMAT.add(check, choices=("text", "json", "github"))
    check.add_argument("--sync", action="store_true", help="only check that the catalogues match the English source")
    check.add_argument("--select", metavar="ID,…", help="run only these checks")
    check.add_argument("--ignore", metavar="ID,…", help="skip these checks")
    check.add_argument("--fix", action="store_true", help="rewrite catalogues not in canonical form (wrapping)")

    update_more = "New messages are added, changed ones marked fuzzy with the English they were translated from (#|)"
    update_more += ", removed ones kept as obsolete (#~) entries: no translation is lost."
    LANG.add(command("update", "bring the catalogues up to date with the English source", "update", update_more))
    LANG.add(command("purge", "remove the obsolete (#~) entries that update keeps", "purge"))

    add = command("add-language", "create the catalogues of a new language", "add_language")
    LANGUAGE_CODE.add(add, help="a language code Sphinx knows, such as pt or pt_BR")

    langs = command("languages", "list the publication's languages, source first", "languages")
    langs.add_argument("--json", action="store_true", help="as a JSON list (for a CI matrix)")

    BUILD_DIR.add(command("assemble", "assemble build/site from languages already built", "assemble"))

    serve = command(
        "serve",
        "preview one language, rebuilt when a .po file or the source changes",
        "serve",
        "Needs the serve extra: pip install -e '.[serve]'.",
    )
    LANGUAGE_CODE.add(serve, help="the language to preview, such as fr")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")

    glossary = command("glossary", "the glossary entry of a term, in every language", "glossary")
    glossary.add_argument("term", metavar="TERM", help="a term or part of one, in English or in any language")
    return parser


def _check_language_folders(args: argparse.Namespace) -> None:
    """Refuse a project, or catalogues named on the command line, in a folder that is not a language code."""
    from tools.catalogues import find_catalogues
    from tools.language_codes import LanguageError
    from tools.languages import catalogue_problems, folder_problems

    problems: list[str] = []
    # A folder that cannot be read is left to the command, which reports it.
    with contextlib.suppress(OSError):
        problems += folder_problems(args.root / "locale")
    with contextlib.suppress(OSError):
        problems += catalogue_problems(find_catalogues(getattr(args, "paths", None) or []))
    if problems:
        raise LanguageError(list(dict.fromkeys(problems)))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from tools.language_codes import LanguageError

    if not args.root.is_dir():
        print(f"{args.root}: no such file or folder (--root names the project folder)", file=sys.stderr)
        return 2
    try:
        _check_language_folders(args)
        return import_module(f"tools.commands.{args.module}").run(args)
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
