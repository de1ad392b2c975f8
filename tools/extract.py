"""Extract the messages of the English source into message templates (.pot), as Sphinx's gettext builder does.

Templates are always made in a temporary folder and read from there: nothing in the repository depends on a
previous extraction being up to date. Their source references are rewritten relative to the project root
(``docs/index.md:12``), so they do not depend on where the extraction ran.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib

from tools.catalogues import load
from tools.children import python_dying_with_parent


class ExtractionError(Exception):
    """Sphinx could not read the English source."""


def sphinx_environment(root: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a Sphinx process for the project at ``root``: its ``tools`` package importable."""
    paths = [str(root), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, **(extra or {}), "PYTHONPATH": os.pathsep.join(filter(None, paths))}


# Extraction reads the English only and takes seconds; far past that, something is wrong with the source.
TIMEOUT = 600


def run_gettext_builder(root: Path, outdir: Path) -> None:
    command = [*python_dying_with_parent(), "-m", "sphinx", "-b", "gettext", "-q", "--no-color"]
    command += [str(root / "docs"), str(outdir)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=root, env=sphinx_environment(root), timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(f"sphinx-build -b gettext timed out after {TIMEOUT} s") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise ExtractionError(lines[-1] if lines else f"sphinx-build -b gettext exited with {done.returncode}")


@contextmanager
def templates(root: Path) -> Iterator[dict[str, polib.POFile]]:
    """The English messages of every document, by domain (``index``, ``sphinx``, …)."""
    with tempfile.TemporaryDirectory(prefix="gettext-") as folder:
        outdir = Path(folder)
        run_gettext_builder(root, outdir)
        found = {}
        for pot in sorted(outdir.rglob("*.pot")):
            template = load(pot)  # the project's one reader, as for every catalogue
            for entry in template:
                # Sphinx writes each reference relative to its output folder, not to the template's own folder.
                entry.occurrences = [
                    (Path(os.path.relpath((outdir / name).resolve(), root.resolve())).as_posix(), line)
                    for name, line in entry.occurrences
                ]
            found[pot.relative_to(outdir).with_suffix("").as_posix()] = template
        yield found
