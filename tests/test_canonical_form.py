"""The canonical form of a catalogue is GNU gettext's: every tool a translator may run gives it back unchanged.

Each round trip rewrites the project's catalogues with another tool (msgcat, msgmerge, sphinx-intl, polib as
editors built on it save, msgcat without wrapping as an editor set not to wrap saves), then brings them back
with the project's own command; the result must be byte for byte the catalogue it started from, suppressions
(``# ignore-<id>``) included. GNU gettext is the reference: CI installs it; elsewhere these tests are skipped.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from corpus import ARCHIVE, extract
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.catalogues import find_catalogues, load
from tools.extract import templates
from tools.po_writer import canonical_text
from tools.site_build import Project
from tools.update import file_only

from helpers import ROOT, copy_project, run_tools

MSGCAT, MSGMERGE = shutil.which("msgcat"), shutil.which("msgmerge")
SPHINX_INTL = shutil.which("sphinx-intl", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
# Never skipped on CI, which installs GNU gettext: there a missing msgcat fails these tests.
needs_gettext = pytest.mark.skipif(
    not (MSGCAT and MSGMERGE) and not os.environ.get("CI"), reason="GNU gettext is missing (apt-get install gettext)"
)
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
ZH_ARCHIVE = ARCHIVE.with_name("real-myst-zh-po.tar.xz")


def tools(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tools(*args, root=project.root, cwd=project.root)


def _gnu(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _msgcat(path: Path, _project: Project) -> None:
    _gnu(str(MSGCAT), "-o", str(path), str(path))


def _msgcat_no_wrap(path: Path, _project: Project) -> None:
    _gnu(str(MSGCAT), "--no-wrap", "-o", str(path), str(path))


def _msgcat_narrow(path: Path, _project: Project) -> None:
    _gnu(str(MSGCAT), "--width=60", "-o", str(path), str(path))


def _polib_save(path: Path, _project: Project) -> None:
    polib.pofile(str(path)).save()


def _msgmerge(path: Path, project: Project) -> None:
    """msgmerge with the project's templates, as a translator who knows gettext brings a catalogue up to date."""
    domain = path.stem
    with templates(project.root) as found:
        template = found[domain]
    template.metadata["POT-Creation-Date"] = load(path).metadata.get("POT-Creation-Date", "")
    for entry in template:
        entry.occurrences = file_only(entry.occurrences)
    pot = path.with_suffix(".pot")
    pot.write_text(canonical_text(template), "utf-8")
    _gnu(str(MSGMERGE), "--quiet", "--previous", "--add-location=file", "-o", str(path), str(path), str(pot))
    pot.unlink()


REWRITES: list[tuple[str, Callable[[Path, Project], None], str]] = [
    # (tool, what it does to a catalogue, the project command that brings the canonical form back)
    ("msgcat", _msgcat, "none"),
    ("msgmerge --previous --add-location=file", _msgmerge, "none"),
    ("msgcat --no-wrap (an editor set not to wrap)", _msgcat_no_wrap, "fix"),
    ("msgcat --width=60", _msgcat_narrow, "fix"),
    ("polib (editors and scripts built on it)", _polib_save, "fix"),
]


@needs_gettext
@pytest.mark.parametrize(("tool", "rewrite", "back"), REWRITES, ids=[r[0] for r in REWRITES])
def test_every_tool_gives_the_project_catalogues_back_unchanged(
    tmp_path: Path, tool: str, rewrite: Callable[[Path, Project], None], back: str
) -> None:
    project = copy_project(tmp_path)
    paths = sorted((project.root / "locale").glob("*/LC_MESSAGES/*.po"))
    before = {path: path.read_bytes() for path in paths}
    for path in paths:
        rewrite(path, project)
    if back == "fix":
        done = tools(project, "check", "--select", "wrapping", "--fix")
        assert done.returncode == 0, done.stdout + done.stderr
    changed = [path.relative_to(project.root).as_posix() for path in paths if path.read_bytes() != before[path]]
    assert changed == [], f"{tool} then {back}: {changed}"
    # The suppressions of the project's catalogues are still there, and still silence their findings.
    suppressed = tools(project, "check", "--format", "json", "--select", "glossary,unchanged")
    assert '"suppressed": true' in suppressed.stdout and suppressed.returncode == 0, suppressed.stdout


@pytest.mark.skipif(not SPHINX_INTL, reason="sphinx-intl is not installed (pip install -e '.[test]')")
def test_sphinx_intl_update_then_the_project_update_is_the_project_update_alone(tmp_path: Path) -> None:
    """A translator used to sphinx-intl runs it; the project's update then gives what it would have alone."""
    alone, theirs = copy_project(tmp_path / "alone"), copy_project(tmp_path / "theirs")
    for project in (alone, theirs):
        source = project.docs / "index.md"
        text = source.read_text("utf-8").replace("## Background\n", "## Context\n")
        source.write_text(text + "\nA paragraph added by a test.\n", "utf-8")
    pot = theirs.root / "build" / "gettext"
    command = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "docs", str(pot)]
    environment = {**os.environ, "PYTHONPATH": str(theirs.root)}
    built = subprocess.run(command, cwd=theirs.root, capture_output=True, text=True, env=environment)
    assert built.returncode == 0, built.stderr
    intl = subprocess.run([str(SPHINX_INTL), "update", "-p", str(pot), "-l", "fr", "-d", "locale"], cwd=theirs.root,
                          capture_output=True, text=True)  # fmt: skip
    assert intl.returncode == 0, intl.stderr
    for project in (alone, theirs):
        done = tools(project, "update", "--lang", "fr")
        assert done.returncode == 0, done.stderr
    for path in sorted((alone.root / "locale" / "fr" / "LC_MESSAGES").glob("*.po")):
        other = theirs.root / path.relative_to(alone.root)
        # sphinx-intl stamps its own template's date, which the project's update has no reason to undo.
        ours, intl = (_undated(p.read_text("utf-8")) for p in (path, other))
        diff = list(difflib.unified_diff(ours.splitlines(), intl.splitlines(), n=0, lineterm=""))
        assert diff == [], "\n".join(diff[:40])


def _undated(text: str) -> str:
    return re.sub(r'"POT-Creation-Date: [^"]*"', '"POT-Creation-Date: …"', text, count=1)


@needs_gettext
@pytest.mark.content
@pytest.mark.parametrize("path", CATALOGUES, ids=[p.relative_to(ROOT).as_posix() for p in CATALOGUES])
def test_the_project_catalogues_are_in_gnu_form_and_msgfmt_c_clean(path: Path) -> None:
    done = subprocess.run([str(MSGCAT), str(path)], capture_output=True)
    assert done.stdout == path.read_bytes()
    assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True).returncode == 0


def _writer_agrees_with_msgcat(files: list[Path]) -> list[str]:
    differ = []
    for path in files:
        ours = canonical_text(load(path)).encode("utf-8")
        if ours != subprocess.run([str(MSGCAT), str(path)], capture_output=True).stdout:
            differ.append(str(path))
    return differ


@needs_gettext
@pytest.mark.skipif(not ARCHIVE.exists(), reason=f"{ARCHIVE} is not beside this checkout")
def test_the_writer_writes_what_msgcat_writes_on_real_catalogues(tmp_path: Path) -> None:
    """496 catalogues of the French Python documentation and 93 of two Chinese MyST projects: written by the
    project's writer, each is byte for byte what msgcat writes from it."""
    french = find_catalogues([extract(tmp_path / "fr")])
    differ = _writer_agrees_with_msgcat(french)
    assert len(french) == 496 and differ == [], differ[:5]
    if ZH_ARCHIVE.exists():
        import tarfile

        with tarfile.open(ZH_ARCHIVE) as archive:
            archive.extractall(tmp_path / "zh", filter="data")
        chinese = [p for p in find_catalogues([tmp_path / "zh"]) if p.name != "typography.po"]  # the broken one
        assert len(chinese) == 93 and _writer_agrees_with_msgcat(chinese) == []


# Text as translators write it, in the six UN languages and with what gettext escapes or must not break inside.
_ALPHABET = st.sampled_from(
    list("abcdefghij ABC  -‐–—/.,:;!?()[]{}«»“”‘’'\"\\\t\n%$#*_`<>=+&@0123456789")
    + list("中文字。、，：；！？「」（）")
    + list("العربيةالإنسانحقوق،؛؟")
    + list("РусскийязыкПравачеловека")
    + ["\u00a0", "\u202f", "\u200b", "\u0301", "\u00ad", "é", "ñ", "¿", "¡", "…", "\U0001f600"]
)
_MESSAGES = st.lists(st.text(_ALPHABET, min_size=1, max_size=300), min_size=1, max_size=8)


@needs_gettext
@settings(max_examples=200, deadline=None)
@given(_MESSAGES, st.sampled_from(["", "#~ "]))
def test_on_generated_text_the_writer_writes_what_msgcat_writes(messages: list[str], prefix: str) -> None:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ar"}
    for index, text in enumerate(dict.fromkeys(messages)):
        entry = polib.POEntry(msgid=f"{index} {text}", msgstr=text[::-1], obsolete=prefix == "#~ ")
        entry.occurrences = [("docs/a-rather-long-folder-name/and-a-long-document-name.md", "")] * (index % 3)
        if index % 2:
            entry.flags, entry.previous_msgid = ["fuzzy"], text
        catalogue.append(entry)
    ours = canonical_text(catalogue)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.po"
        path.write_text(ours, "utf-8")
        theirs = subprocess.run([str(MSGCAT), str(path)], capture_output=True, text=True)
    assert theirs.stdout == ours, "\n".join(
        difflib.unified_diff(ours.splitlines(), theirs.stdout.splitlines(), lineterm="")
    )
