"""`update` loses no translator's work, and decides as `msgmerge --previous` does what is fuzzy, new and obsolete."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tools.catalogues import load
from tools.extract import templates
from tools.site_build import Project
from tools.update import merge, render

from helpers import copy_project, run_tools

MSGMERGE = shutil.which("msgmerge")
FR = Path("locale/fr/LC_MESSAGES/index.po")

DELETED = (
    "Virtual Dialogues are online discussions aimed at promoting debate, exchange of good practices, ideas, and\n"
    "information on different topics related to Training for Gender Equality that respond to the interests, needs\n"
    "and motivations of [UN Women Community of Practice in Training for Gender Equality (CoP)]"
    "(http://gtcop.unwomen.org/?lang=en).\n\n"
)
# (what the edit is, English before, English after): one table of the edits a maintainer makes.
EDITS = [
    ("rename a heading", "## Background\n", "## Context\n"),
    (
        "reword a heading",
        "## What have we learned about training for gender equality since Beijing?",
        "## What have we learnt about training for gender equality since 1995?",
    ),
    (
        "rewrite a paragraph",
        "The overarching objective of the Virtual Dialogue is to identify the main lessons learned in training for\n"
        "gender equality since Beijing in 1995, and to develop an agenda for moving forward.",
        "The main objective of the Virtual Dialogue was to identify the lessons learned in training for\n"
        "gender equality since Beijing in 1995, and to set an agenda for the years ahead.",
    ),
    ("delete a paragraph", DELETED, ""),
    (
        "split a paragraph",
        "  development of online training tools and methodologies. This means",
        "  development of online training tools and methodologies.\n- This means",
    ),
]


def tools(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tools(*args, root=project.root, cwd=project.root)


def _edit(project: Project, edits: list[tuple[str, str, str]]) -> None:
    source = project.docs / "index.md"
    text = source.read_text("utf-8")
    for what, before, after in edits:
        assert text.count(before) == 1, what
        text = text.replace(before, after)
    source.write_text(text, "utf-8")


def _decisions(catalogue: polib.POFile) -> tuple[dict[str, tuple[str, str, str | None]], dict[str, str]]:
    """What became of each message: live ones as (state, translation, previous English); obsolete ones."""
    live = {}
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        state = "fuzzy" if entry.fuzzy else "translated" if entry.msgstr else "new"
        live[entry.msgid] = (state, entry.msgstr, entry.previous_msgid if entry.fuzzy else None)
    return live, {e.msgid: e.msgstr for e in catalogue.obsolete_entries()}


def _merge_both(project: Project, ours: Path, theirs: Path, workdir: Path) -> None:
    """Merge the French index catalogue with the current English, by `update`'s merge into ``ours`` and by
    msgmerge into ``theirs``, each from its own previous result."""
    with templates(project.root) as found:
        pot = workdir / "index.pot"
        found["index"].save(str(pot))
        ours.write_bytes(render(merge(load(ours), found["index"]).catalogue))
    done = subprocess.run(
        [MSGMERGE, "--previous", "--quiet", "--no-wrap", "-o", str(theirs), str(theirs), str(pot)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
def test_update_decides_as_msgmerge_on_a_table_of_edits(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    ours, theirs = project.root / FR, tmp_path / "msgmerge.po"
    shutil.copy(ours, theirs)
    original = polib.pofile(str(ours))

    _edit(project, EDITS)
    _merge_both(project, ours, theirs, tmp_path)
    live, obsolete = _decisions(polib.pofile(str(ours)))
    assert (live, obsolete) == _decisions(polib.pofile(str(theirs)))
    # The table does what it says: a rename and a deletion keep the translations as obsolete entries, rewordings
    # and the first half of a split lend theirs for review.
    assert live["Context"][0] == "new" and obsolete["Background"] == "Introduction"
    assert live["What have we learnt about training for gender equality since 1995?"][0] == "fuzzy"
    rewritten = next(m for m in live if m.startswith("The main objective"))
    assert live[rewritten][0] == "fuzzy" and live[rewritten][2].startswith("The overarching objective")
    deleted = next(m for m in obsolete if m.startswith("Virtual Dialogues are online"))
    assert obsolete[deleted] == original.find(deleted).msgstr
    split = [m for m in live if m.startswith(("Technological changes", "This means"))]
    assert len(split) == 2 and live[split[0]][0] == "fuzzy"

    # Restoring the deleted paragraph brings its translation, translator comment and flag back, not fuzzy.
    _edit(project, [("restore the deleted paragraph", "## Context\n\n", f"## Context\n\n{DELETED}")])
    _merge_both(project, ours, theirs, tmp_path)
    live, obsolete = _decisions(polib.pofile(str(ours)))
    assert (live, obsolete) == _decisions(polib.pofile(str(theirs)))
    assert live[deleted] == ("translated", original.find(deleted).msgstr, None)
    restored = polib.pofile(str(ours)).find(deleted)
    # The suppression is a translator comment, which msgcat and msgmerge keep (they drop unknown flags).
    assert restored.tcomment == original.find(deleted).tcomment and "ignore-glossary" in restored.tcomment.split("\n")


def test_update_reports_what_left_by_name_and_purge_removes_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    _edit(project, EDITS[:1] + EDITS[3:4])
    done = tools(project, "update", "--lang", "fr")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    summary = next(line for line in lines if line.startswith(f"{FR.as_posix()}: "))
    assert summary == (
        f'{FR.as_posix()}: updated: 1 added, 0 fuzzy, 2 obsolete ("Background", "Virtual Dialogues are online …")'
    )
    text = (project.root / FR).read_text("utf-8").splitlines()
    named = [line for line in lines if "now obsolete" in line]
    assert len(named) == 2
    for line in named:
        number = int(line.split(":")[1])
        assert text[number - 1].startswith("#~ msgid"), line
    assert named[0].endswith('now obsolete, kept as #~: "Background" (was docs/index.md)')
    catalogue = polib.pofile(str(project.root / FR))
    deleted = next(e for e in catalogue.obsolete_entries() if e.msgid.startswith("Virtual Dialogues"))
    assert deleted.tcomment == "The official French text does not use the abbreviation CoP.\nignore-glossary"
    assert deleted.flags == [] and not deleted.occurrences

    again = tools(project, "update", "--lang", "fr")
    assert f"{FR.as_posix()}: unchanged: 0 added, 0 fuzzy, 0 obsolete" in again.stdout.splitlines()
    assert tools(project, "check", "--lang", "fr", "--select", "sync,wrapping,syntax").returncode == 0

    purged = tools(project, "purge", "--lang", "fr")
    assert purged.returncode == 0, purged.stderr
    assert f"{FR.as_posix()}: 2 obsolete entries removed" in purged.stdout.splitlines()
    assert "locale/fr/LC_MESSAGES/sphinx.po: 0 obsolete entries removed" in purged.stdout.splitlines()
    assert "#~" not in (project.root / FR).read_text("utf-8")
    assert tools(project, "update", "--lang", "fr").stdout.count("unchanged") == 4


def _catalog(text: str) -> polib.POFile:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
    return polib.pofile(header + text)


def _template(*msgids: str, flags: tuple[str, ...] = ()) -> polib.POFile:
    template = polib.POFile()
    for number, msgid in enumerate(msgids, start=1):
        template.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=[("docs/a.md", str(number))], flags=[*flags]))
    return template


def test_flags_stay_on_messages_that_stay_or_become_fuzzy() -> None:
    catalogue = _catalog(
        "#, no-wrap, python-format, ignore-glossary, x-custom\n"
        'msgid "Stays %s"\nmsgstr "Reste %s"\n\n'
        "# A translator's note\n"
        "#, no-wrap, python-format, x-custom\n"
        'msgid "Will be reworded %s"\nmsgstr "Sera reformulé %s"\n'
    )
    merged = merge(catalogue, _template("Stays %s", "Will be reworded a little %s")).catalogue
    stays, reworded = merged[0], merged[1]
    assert stays.flags == ["no-wrap", "python-format", "ignore-glossary", "x-custom"]
    assert reworded.flags == ["fuzzy", "no-wrap", "python-format", "x-custom"]
    assert reworded.tcomment == "A translator's note" and reworded.previous_msgid == "Will be reworded %s"
    # A format flag the template contradicts gives way to it; the others stay.
    stays = merge(catalogue, _template("Stays %s", flags=("no-python-format",))).catalogue[0]
    assert stays.flags == ["no-wrap", "ignore-glossary", "x-custom", "no-python-format"]


def test_existing_obsolete_entries_stay_come_back_and_lend_their_translation() -> None:
    catalogue = _catalog(
        "# Kept for later\n"
        "#, x-custom\n"
        '#~ msgid "Comes back"\n#~ msgstr "Revient"\n\n'
        "#, fuzzy\n"
        '#~ msgid "Comes back fuzzy"\n#~ msgstr "Revient flou"\n\n'
        '#~ msgid "Training for gender equality matters"\n#~ msgstr "La formation compte"\n\n'
        '#~ msgid "Stays away"\n#~ msgstr "Reste loin"\n\n'
        '#~ msgid "Nothing to keep"\n#~ msgstr ""\n'
    )
    result = merge(catalogue, _template("Comes back", "Comes back fuzzy", "Training for gender equality matters a lot"))
    back, fuzzy, close = result.catalogue[0], result.catalogue[1], result.catalogue[2]
    assert (back.msgstr, back.fuzzy, back.tcomment, back.flags) == ("Revient", False, "Kept for later", ["x-custom"])
    assert (fuzzy.msgstr, fuzzy.fuzzy) == ("Revient flou", True)
    assert (close.msgstr, close.fuzzy, close.previous_msgid) == (
        "La formation compte",
        True,
        "Training for gender equality matters",
    )
    assert [e.msgid for e in result.catalogue.obsolete_entries()] == ["Stays away"]
    assert (result.restored, result.fuzzy, result.added, result.obsolete, result.dropped) == (2, 1, 0, [], [])


def test_a_message_that_leaves_keeps_its_work_unless_it_has_none() -> None:
    catalogue = _catalog(
        "# Ask the team about this term\n"
        "#. extracted\n"
        "#: docs/a.md:1\n"
        'msgid "Untranslated with a note"\nmsgstr ""\n\n'
        "#: docs/a.md:2\n"
        'msgid "Untranslated"\nmsgstr ""\n\n'
        "#: docs/a.md:3\n"
        "#, fuzzy\n"
        '#| msgid "Older"\n'
        'msgid "Fuzzy"\nmsgstr "Flou"\n'
    )
    result = merge(catalogue, _template("Something else entirely"))
    kept = result.catalogue.obsolete_entries()
    assert [(e.msgid, e.tcomment, e.comment, e.occurrences) for e in kept] == [
        ("Untranslated with a note", "Ask the team about this term", "", []),
        ("Fuzzy", "", "", []),
    ]
    assert kept[1].flags == ["fuzzy"] and kept[1].previous_msgid == "Older"
    assert [e.msgid for e in result.dropped] == ["Untranslated"]
    text = str(result.catalogue)
    assert '#~| msgid "Older"' in text and "# Ask the team about this term" in text


def test_a_latin1_catalogue_is_written_in_utf8_under_a_utf8_header(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.root / "locale/fr/LC_MESSAGES/status.po"
    before = polib.pofile(str(path))
    text = re.sub("charset=utf-8", "charset=ISO-8859-1", path.read_text("utf-8"), flags=re.IGNORECASE)
    assert "charset=ISO-8859-1" in text
    path.write_bytes(text.encode("latin-1"))
    assert "é" in text

    done = tools(project, "update", "--lang", "fr")
    assert done.returncode == 0, done.stderr
    assert (
        "locale/fr/LC_MESSAGES/status.po: updated: 0 added, 0 fuzzy, 0 obsolete, converted from ISO-8859-1 to UTF-8"
        in (done.stdout.splitlines())
    )
    written = path.read_bytes().decode("utf-8")  # raises if it is not UTF-8
    assert "charset=UTF-8" in written and "ISO-8859-1" not in written
    after = polib.pofile(str(path))
    assert [(e.msgid, e.msgstr) for e in after] == [(e.msgid, e.msgstr) for e in before]


def test_check_fix_writes_a_latin1_catalogue_in_utf8_under_a_utf8_header(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.root / "locale/fr/LC_MESSAGES/status.po"
    text = re.sub("charset=utf-8", "charset=latin-1", path.read_text("utf-8"), flags=re.IGNORECASE)
    path.write_bytes(text.encode("latin-1"))
    found = tools(project, "check", "--select", "wrapping", "--lang", "fr")
    assert found.returncode == 1 and "status.po:" in found.stdout and "UTF-8" in found.stdout
    assert tools(project, "check", "--select", "wrapping", "--lang", "fr", "--fix").returncode == 0
    assert path.read_bytes().decode("utf-8") == text.replace("charset=latin-1", "charset=UTF-8")


def test_the_header_flag_and_plural_translations_stay() -> None:
    catalogue = polib.pofile(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "Un fichier"\nmsgstr[1] "%d fichiers"\n\n'
        'msgid "One page"\nmsgid_plural "%d pages"\nmsgstr[0] "Une page"\nmsgstr[1] "%d pages"\n\n'
        'msgid "One line"\nmsgstr "Une ligne"\n'
    )
    template = _template("One file", "One page", "One line")
    template[0].msgid_plural = "%d files"
    template[2].msgid_plural = "%d lines"
    merged = merge(catalogue, template).catalogue
    assert merged.metadata_is_fuzzy
    assert merged[0].msgstr_plural == {0: "Un fichier", 1: "%d fichiers"}
    assert not merged[0].fuzzy
    assert merged[1].msgstr == "Une page" and not merged[1].msgid_plural  # the English became singular
    assert merged[1].fuzzy and (merged[1].previous_msgid, merged[1].previous_msgid_plural) == ("One page", "%d pages")
    assert merged[2].fuzzy and merged[2].msgstr_plural == {0: "Une ligne", 1: "Une ligne"}  # became plural
    assert '#, fuzzy\nmsgid ""' in str(merged)


def test_a_catalogue_that_cannot_be_written_is_one_error_line_and_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tools import atomic
    from tools.__main__ import main

    project = copy_project(tmp_path)
    path = project.root / FR
    path.write_text(path.read_text("utf-8") + '\n#~ msgid "Old"\n#~ msgstr "Vieux"\n', "utf-8")
    before = path.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    assert main(["--root", str(project.root), "purge", "--lang", "fr"]) == 2
    assert capsys.readouterr().err == f"error: {path}: cannot write: No space left on device\n"
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


def test_an_untranslated_message_that_leaves_is_named_in_the_report(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.root / FR
    catalogue = polib.pofile(str(path), wrapwidth=78)
    catalogue.find("Background").msgstr = ""
    path.write_text(str(catalogue), "utf-8")
    _edit(project, EDITS[:1])
    lines = tools(project, "update", "--lang", "fr").stdout.splitlines()
    assert f'{FR.as_posix()}: updated: 1 added, 0 fuzzy, 0 obsolete, 1 removed untranslated ("Background")' in lines
    assert f'{FR.as_posix()}: removed, untranslated and uncommented: "Background" (was docs/index.md)' in lines


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_new_paragraph_changes_only_its_own_entry_in_each_catalogue(tmp_path: Path) -> None:
    """References name the file only (``msgcat --add-location=file``): text added above a message does not
    shift its entry, so a review shows the one new entry and nothing else."""
    project = copy_project(tmp_path)
    catalogues = sorted((project.root / "locale").glob("*/LC_MESSAGES/*.po"))
    before = {path: path.read_text("utf-8") for path in catalogues}
    heading = "## What have we learned about training for gender equality since Beijing?\n\n"
    _edit(project, [("add a paragraph near the top", heading, f"{heading}A paragraph added by a test.\n\n")])
    done = tools(project, "update")
    assert done.returncode == 0, done.stderr
    changed = {path.relative_to(project.root).as_posix(): _changed_lines(before[path], path.read_text("utf-8"))
               for path in catalogues}  # fmt: skip
    # Four lines added (where difflib puts the shared "#:" line is its choice), none removed.
    expected = sorted(["+#: docs/index.md", '+msgid "A paragraph added by a test."', '+msgstr ""', "+"])
    assert sorted(changed.pop("locale/fr/LC_MESSAGES/index.po")) == expected
    assert sorted(changed.pop("locale/es/LC_MESSAGES/index.po")) == expected
    assert all(lines == [] for lines in changed.values()), changed
