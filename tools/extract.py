"""Extract the messages of the English source into message templates (.pot), as Sphinx's gettext builder does.

Sphinx takes most of a second to extract them, and ``check`` and ``update`` need them on every run, mostly of
an unchanged source: the templates are kept in ``build/templates/<key>/``, where the key is the hash of
everything the extraction reads (``docs/``, ``tools/``, the packages that parse and render, the languages of
``locale/``, ``SOURCE_DATE_EPOCH``), never of the catalogues, which it does not read. A template set is made
in a folder beside its place and renamed into it whole, so a killed extraction leaves none half-written;
where ``build/`` cannot be written, they are made in a temporary folder as before. Their source references
are rewritten relative to the project root (``docs/index.md:12``), so they do not depend on where the
extraction ran.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib

from tools.catalogues import load
from tools.children import python_dying_with_parent, sphinx_environment


class ExtractionError(Exception):
    """Sphinx could not read the English source."""


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


TEMPLATES_FOLDER = Path("build") / "templates"
_COMPLETE = ".complete"


def templates_key(root: Path) -> str:
    """The hash of what the extraction reads."""
    from tools.fingerprint import Fingerprints
    from tools.languages import discover_languages

    digest = hashlib.sha256(Fingerprints(root, {}).shared)
    digest.update(json.dumps(discover_languages(root / "locale")).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest.hexdigest()[:32]


def _kept(root: Path) -> Path | None:
    """The folder of the templates of the source as it is, extracted now if they are not kept yet; None
    when ``build/`` cannot be written."""
    folder = root / TEMPLATES_FOLDER
    place = folder / templates_key(root)
    if (place / _COMPLETE).is_file():
        return place
    try:
        folder.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=".new-", dir=folder))
    except OSError:
        return None
    try:
        # Beside its place, at the same depth: the references Sphinx writes relative to it stay right.
        run_gettext_builder(root, new)
        shutil.rmtree(new / ".doctrees", ignore_errors=True)  # Sphinx's, of the English: no template
        (new / _COMPLETE).write_text("", "utf-8")
        for old in folder.iterdir():
            if old.name != new.name and not old.name.startswith(".new-"):
                shutil.rmtree(old, ignore_errors=True)
        with contextlib.suppress(OSError):  # another run kept the same templates first
            os.rename(new, place)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    return place if (place / _COMPLETE).is_file() else None


def _read(root: Path, outdir: Path) -> dict[str, polib.POFile]:
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
    return found


@contextmanager
def templates(root: Path) -> Iterator[dict[str, polib.POFile]]:
    """The English messages of every document, by domain (``index``, ``sphinx``, …)."""
    kept = _kept(root)
    if kept is not None:
        yield _read(root, kept)
        return
    with tempfile.TemporaryDirectory(prefix="gettext-") as folder:
        run_gettext_builder(root, Path(folder))
        yield _read(root, Path(folder))
