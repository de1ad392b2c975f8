"""The catalogues follow the English source: stale ones are reported, and `update` brings them in step."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from tools.site_build import Project

from helpers import copy_project, run_tools

OLD = "It is not always easy to identify what kinds outcomes and impact of such training were envisaged"
NEW = "It is not always easy to identify what kinds of outcomes and impact of such training were envisaged"
ADDED = "A paragraph that the translators have not seen yet."
REMOVED = "Questions for further discussion"


def tools(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tools(*args, root=project.root, cwd=project.root)


@pytest.fixture
def edited(tmp_path: Path) -> Project:
    """A copy of the project whose English source changed: one message edited, one added, one removed."""
    project = copy_project(tmp_path)
    source = project.docs / "index.md"
    text = source.read_text("utf-8")
    assert OLD in text and f"### {REMOVED}\n" in text
    text = text.replace("kinds outcomes", "kinds of outcomes").replace(f"### {REMOVED}\n", f"{ADDED}\n")
    source.write_text(text, "utf-8")
    return project


@pytest.mark.content
def test_project_catalogues_are_in_sync() -> None:
    done = run_tools("check", "--sync")
    assert (done.returncode, done.stdout, done.stderr) == (0, "8 catalogues checked: no problem found\n", "")


def test_a_stale_catalogue_is_reported_with_the_fix(edited: Project) -> None:
    done = tools(edited, "check", "--sync", "--lang", "fr")
    assert done.returncode == 1
    *lines, summary = done.stdout.splitlines()
    assert summary == "4 catalogues checked: 4 errors, 0 warnings"
    assert len(lines) == 4, lines
    assert all(line.startswith("locale/fr/LC_MESSAGES/index.po:") for line in lines)
    assert all(line.endswith("; run: python -m tools update --lang fr") for line in lines)
    text = "\n".join(lines)
    assert "[sync] message of docs/index.md:" in text and "is missing: 'It is not always easy" in text
    assert f"is missing: {ADDED!r}" in text
    assert f"message no longer in the English source: {REMOVED!r}" in text
    assert "message no longer in the English source: 'It is not always easy" in text
    stale_line = next(line for line in lines if REMOVED in line)
    catalogue = (edited.locale / "fr" / "LC_MESSAGES" / "index.po").read_text("utf-8").splitlines()
    assert catalogue[int(stale_line.split(":")[1]) - 1] == f'msgid "{REMOVED}"'
    assert done.stderr.strip() == "catalogues out of date with the English source; run: python -m tools update"


def test_update_marks_changes_and_is_idempotent(edited: Project) -> None:
    done = tools(edited, "update")
    assert done.returncode == 0, done.stderr
    summary = f'locale/fr/LC_MESSAGES/index.po: updated: 1 added, 1 fuzzy, 1 obsolete ("{REMOVED}")'
    assert summary in done.stdout.splitlines()
    catalogue = polib.pofile(str(edited.locale / "fr" / "LC_MESSAGES" / "index.po"))
    changed = catalogue.find(NEW)
    assert changed is not None and changed.fuzzy and changed.previous_msgid == OLD
    assert changed.msgstr.startswith("Il n’est pas toujours facile")  # the old translation, for review
    added = catalogue.find(ADDED)
    assert added is not None and added.msgstr == "" and not added.fuzzy
    assert catalogue.find(REMOVED) is None and catalogue.find(OLD) is None
    # The removed message keeps its translation as an obsolete entry; the edited one lent its own to NEW.
    (removed,) = catalogue.obsolete_entries()
    assert removed.msgid == REMOVED and removed.msgstr == "Questions pour de futures discussions"

    before = {p: p.read_bytes() for p in edited.locale.rglob("*.po")}
    again = tools(edited, "update")
    assert all(line.endswith("unchanged: 0 added, 0 fuzzy, 0 obsolete") for line in again.stdout.splitlines())
    assert {p: p.read_bytes() for p in edited.locale.rglob("*.po")} == before
    assert tools(edited, "check", "--sync").returncode == 0
