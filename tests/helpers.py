"""What the tests share: the project's folder, a private copy of it, and the project's command line run two ways.

``run_tools`` starts ``python -m tools`` as a process of its own: for a test about signals, kills, the
environment, standard input, a time limit or what a real process exits with. ``run_in_process`` calls
``tools.__main__.main`` in the test's own process, which spares starting Python and importing everything again:
for a test that looks only at the exit status and the output.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

from tools.__main__ import main
from tools.checks import REGISTRY, Pair
from tools.site_build import Project

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("docs", "locale", "tools")


def copy_project(destination: Path) -> Project:
    """A private copy of the sources, so a test may break it (and Sphinx's .mo files stay out of the repo)."""
    for name in COPIED:
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # Its configuration too: under mutation testing the copied tools/ reads the mutation tool's from it, in
    # every process a test starts there (Sphinx, python -m tools).
    shutil.copy2(ROOT / "pyproject.toml", destination / "pyproject.toml")
    return Project(root=destination, build=destination / "build")


def _argv(args: tuple[str, ...], root: Path | None) -> list[str]:
    return [*(["--root", str(root)] if root is not None else []), *args]


def tools_command(*args: str, root: Path | None = None) -> list[str]:
    """``python -m tools [--root ROOT] ARGS``, for a process a test starts itself (Popen, under strace)."""
    return [sys.executable, "-m", "tools", *_argv(args, root)]


def run_tools(*args: str, root: Path | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, its output captured as text; ``kwargs`` go to subprocess.run and
    override those defaults and the folder it runs in, the repository (whose ``tools`` it then imports)."""
    options: dict[str, Any] = {"capture_output": True, "text": True, "cwd": ROOT, **kwargs}
    return subprocess.run(tools_command(*args, root=root), **options)


class Result(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def run_in_process(*args: str, root: Path | None = None, cwd: Path = ROOT) -> Result:
    """The command called in this process, in ``cwd`` (paths it prints are relative to it) as ``run_tools`` runs
    it; a usage error (argparse's SystemExit) is its exit status, as it is for a process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(_argv(args, root))
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
    return Result(status, out.getvalue(), err.getvalue())


def says(check: str, source: str, translation: str, language: str, *pair: Any, **named: Any) -> list[str]:
    """What the message check ``check`` says of ``translation`` as a translation of ``source``: its messages,
    in order. The rest is given to ``Pair`` (counterparts, terms, words, declared); no counterpart by default."""
    if not pair and "counterparts" not in named:
        pair = ({},)
    return list(REGISTRY[check].messages(Pair(source, translation, language, *pair, **named)))
