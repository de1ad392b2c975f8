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
from tools.update import (
    Change,
    Leaving,
    complete_header,
    merge,
    new_catalogue,
    purge_obsolete,
    render,
    report,
    to_utf8_header,
    update,
)

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


def test_previous_english_left_by_a_translator_who_cleared_fuzzy_is_removed_and_counted(tmp_path: Path) -> None:
    """Clearing ``#, fuzzy`` by hand is a review; the ``#|`` lines it leaves go, and the report says so."""
    project = copy_project(tmp_path)
    path = project.root / FR
    text = path.read_text("utf-8")
    assert text.count('\nmsgid "Background"\n') == 1
    path.write_text(text.replace('\nmsgid "Background"\n', '\n#| msgid "Context"\nmsgid "Background"\n'), "utf-8")
    assert "[previous]" in tools(project, "check", "--lang", "fr").stdout
    lines = tools(project, "update", "--lang", "fr").stdout.splitlines()
    assert f"{FR.as_posix()}: updated: 0 added, 0 fuzzy, 0 obsolete, 1 reviewed (previous English removed)" in lines
    assert path.read_text("utf-8") == text
    assert "[previous]" not in tools(project, "check", "--lang", "fr").stdout


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


# -- update's parts one by one, in process (mutation testing reaches them there: `tox -e mutants`) -------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'


def _po(text: str, header: str = HEADER) -> polib.POFile:
    return polib.pofile(header + "\n" + text)


def _pot(*entries: polib.POEntry) -> polib.POFile:
    made = polib.POFile()
    for entry in entries:
        made.append(entry)
    return made


def _message(msgid: str, msgctxt: str | None = None, plural: str = "", flags: tuple[str, ...] = ()) -> polib.POEntry:
    entry = polib.POEntry(msgid=msgid, msgctxt=msgctxt, msgstr="", flags=list(flags), occurrences=[("docs/a.md", "")])
    if plural:
        entry.msgid_plural = plural
    return entry


# -- the header ------------------------------------------------------------------------------------------------

# (Content-Type as found, None when absent; as written; the charset the catalogue was in, when not UTF-8)
CONTENT_TYPES = [
    (None, "text/plain; charset=UTF-8", None),
    ("", "text/plain; charset=UTF-8", None),
    ("  ", "text/plain; charset=UTF-8", None),
    ("text/html", "text/html; charset=UTF-8", None),
    (" text/html ", "text/html; charset=UTF-8", None),
    ("text/plain; charset=UTF-8", "text/plain; charset=UTF-8", None),
    ("text/plain; charset=utf-8", "text/plain; charset=UTF-8", None),
    ("text/plain; charset=utf8; x=y", "text/plain; charset=UTF-8; x=y", None),
    ("text/plain; CHARSET = utf-8", "text/plain; CHARSET = UTF-8", None),
    ("text/plain; charset=ISO-8859-1", "text/plain; charset=UTF-8", "ISO-8859-1"),
    ("text/plain; Charset=latin-1; x=y", "text/plain; Charset=UTF-8; x=y", "latin-1"),
    ("text/plain; charset=no-such-codec", "text/plain; charset=UTF-8", "no-such-codec"),
]


@pytest.mark.parametrize(("found", "written", "converted_from"), CONTENT_TYPES)
def test_the_header_declares_utf8_and_says_what_it_was(found: str | None, written: str, converted_from: str) -> None:
    header = polib.POFile()
    header.metadata = {"Language": "fr"} if found is None else {"Language": "fr", "Content-Type": found}
    assert to_utf8_header(header) == converted_from
    assert header.metadata == {"Language": "fr", "Content-Type": written}


FR_PLURALS = "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"  # Babel's, from CLDR


def test_a_new_catalogue_has_a_complete_header_from_the_template() -> None:
    pot = polib.POFile()
    pot.metadata = {
        "Project-Id-Version": " Summary 1.0 ",
        "POT-Creation-Date": "2025-01-02 03:04+0000",
        "Last-Translator": "Nobody",
        "Language-Team": "Team",
    }
    made = new_catalogue(pot, "fr", "index")
    assert (
        made.header
        == "French translation of the 'index' messages of this publication.\nSource text: docs/ in this repository."
    )
    assert list(made.metadata.items()) == list(
        {
            "Project-Id-Version": "Summary 1.0",
            "Report-Msgid-Bugs-To": "",
            "POT-Creation-Date": "2025-01-02 03:04+0000",
            "PO-Revision-Date": "2025-01-02 03:04+0000",
            "Last-Translator": "Nobody",
            "Language-Team": "French (Team)",
            "Language": "fr",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": FR_PLURALS,
        }.items()
    )  # in the order GNU gettext writes them
    bare = new_catalogue(polib.POFile(), "es", "sphinx").metadata
    assert {
        name: bare[name] for name in ("Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date")
    } == dict.fromkeys(("Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date"), "")
    assert (bare["Last-Translator"], bare["Language-Team"]) == ("", "Spanish ()")


ALL_DEFAULTS = {
    "Language": "fr",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": FR_PLURALS,
    "X-Poedit-Basepath": "../../..",
}

# (the header found, the header completed: every value already there kept, in GNU gettext's order, others after)
HEADERS = [
    ({}, ALL_DEFAULTS),
    ({"Language": " "}, ALL_DEFAULTS),
    (
        {"X-Generator": "Poedit", "Language": "fr_FR", "Project-Id-Version": "P", "MIME-Version": "2.0"},
        {
            "Project-Id-Version": "P",
            "Language": "fr_FR",
            "MIME-Version": "2.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": FR_PLURALS,
            "X-Generator": "Poedit",
            "X-Poedit-Basepath": "../../..",
        },
    ),
    (
        {"Plural-Forms": "nplurals=1; plural=0;", "Content-Type": "text/plain; charset=latin-1",
         "Content-Transfer-Encoding": "7bit", "X-Poedit-Basepath": "."},
        {"Language": "fr", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=latin-1",
         "Content-Transfer-Encoding": "7bit", "Plural-Forms": "nplurals=1; plural=0;", "X-Poedit-Basepath": "."},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("found", "completed"), HEADERS)
def test_the_header_is_completed_and_put_in_order(found: dict[str, str], completed: dict[str, str]) -> None:
    header = polib.POFile()
    header.metadata = dict(found)
    complete_header(header, "fr")
    assert list(header.metadata.items()) == list(completed.items())


# -- matching a new message --------------------------------------------------------------------------------------

PARAGRAPH = (
    "The overarching objective of the Virtual Dialogue is to identify the main lessons learned in training for "
    "gender equality since Beijing in 1995, and to develop an agenda for moving forward, with the participation of "
    "practitioners, researchers and the community."
)
REWRITTEN = (
    "The main objective of the Virtual Dialogue was to identify the lessons learned in training for gender equality "
    "since Beijing in 1995, and to set an agenda for the years ahead, with practitioners, researchers and the whole "
    "community taking part."
)

# (the catalogue's translated messages as (context, msgid), the new message as (context, msgid), the one it is
# matched to or None): msgmerge's ratio (longest common subsequence) at least 0.6; among equals the first, unless
# another has the same context.
MATCHES = [
    ([(None, "abcxx")], (None, "abcde"), (None, "abcxx")),  # ratio 0.6 exactly: matched
    ([(None, "abxxx")], (None, "abcde"), None),  # 0.4
    ([(None, "abcdx"), (None, "abcxx")], (None, "abcde"), (None, "abcdx")),  # the closest
    ([(None, "abcxx"), (None, "abcdx")], (None, "abcde"), (None, "abcdx")),  # the closest, wherever it is
    ([(None, "abcdx"), (None, "abcdy")], (None, "abcde"), (None, "abcdx")),  # the first of equals
    ([("m", "abcdx"), (None, "abcdy")], (None, "abcde"), (None, "abcdy")),  # the same context wins a tie
    ([(None, "abcdx"), ("m", "abcdy")], ("m", "abcde"), ("m", "abcdy")),
    ([("m", "abcxx")], (None, "abcde"), ("m", "abcxx")),  # another context is no obstacle
    ([(None, "abcxx"), ("m", "abcdx")], (None, "abcde"), ("m", "abcdx")),  # nor is it against a closer one
    ([(None, "edcba")], (None, "abcde"), None),  # the same letters in another order
    ([(None, "abcde" * 50 + "x")], (None, "abcde" * 50 + "y"), (None, "abcde" * 50 + "x")),
    ([(None, "abc")], (None, "abcdefg"), (None, "abc")),  # 0.6 exactly, and so is the quick upper bound
    ([(None, "abc")], ("m", "abcdefg"), (None, "abc")),  # the same without the same-context bonus
    ([(None, "abcd"), ("m", "abcd")], ("m", "abcde"), ("m", "abcd")),  # a tie the context breaks at the bound
    ([(None, PARAGRAPH)], (None, REWRITTEN), (None, PARAGRAPH)),  # 0.83; with difflib's autojunk 0.52
]


@pytest.mark.parametrize(("translated", "new", "expected"), MATCHES)
def test_a_new_message_borrows_from_the_closest_translation(
    translated: list[tuple[str | None, str]], new: tuple[str | None, str], expected: tuple[str | None, str] | None
) -> None:
    old = polib.POFile()
    old.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for context, msgid in translated:
        old.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=f"[{context}] {msgid}"))
    old.append(polib.POEntry(msgid="abcdz", msgstr=""))  # untranslated: nothing to lend
    result = merge(old, _pot(_message(new[1], new[0])))
    entry = result.catalogue[0]
    if expected is None:
        assert (entry.msgstr, entry.fuzzy, result.added, result.fuzzy) == ("", False, 1, 0)
        assert entry.previous_msgid is None
    else:
        assert (entry.msgstr, entry.fuzzy, result.added, result.fuzzy) == (f"[{expected[0]}] {expected[1]}", True, 0, 1)
        assert (entry.previous_msgctxt, entry.previous_msgid) == expected
        assert entry.msgctxt == new[0]
        # The one lent is used: not kept obsolete; the others are.
        assert [(e.msgctxt, e.msgid) for e in result.obsolete] == [m for m in translated if m != expected]


# -- what a message keeps when it stays, changes number or is new ---------------------------------------------

N3 = '"Plural-Forms: nplurals = 3 ; plural=(n > 1 ? 2 : n);\\n"\n'


def _plural(msgid: str, plural: str, forms: dict[object, str]) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgid_plural=plural, msgstr_plural=forms)


# (the catalogue's entry, or None; its header's Plural-Forms line; the template's message; what the merged
# entry is: (msgstr, msgstr_plural, fuzzy, previous msgctxt, msgid, msgid_plural))
ENTRIES = [
    # New, untranslated: as many empty forms as the catalogue has plurals, two without Plural-Forms.
    (None, N3, _message("file", "c", plural="files"), ("", {0: "", 1: "", 2: ""}, False, None, None, None)),
    (None, "", _message("file", plural="files"), ("", {0: "", 1: ""}, False, None, None, None)),
    (None, "", _message("file"), ("", {}, False, None, None, None)),
    # A singular become plural lends its translation to every form, for review.
    (polib.POEntry(msgctxt="c", msgid="file", msgstr="fichier"), N3, _message("file", "c", plural="files"),
     ("", dict.fromkeys(range(3), "fichier"), True, "c", "file", None)),
    (polib.POEntry(msgid="file", msgstr=""), N3, _message("file", plural="files"),
     ("", dict.fromkeys(range(3), ""), False, None, None, None)),
    # A plural become singular: the first form, for review; none, when the first form was empty.
    (_plural("file", "files", {0: "fichier", 1: "fichiers"}), "", _message("file"),
     ("fichier", {}, True, None, "file", "files")),
    (_plural("file", "files", {"0": "fichier", "1": "fichiers"}), "", _message("file"),
     ("fichier", {}, True, None, "file", "files")),
    (_plural("file", "files", {0: "", 1: "fichiers"}), "", _message("file"), ("", {}, False, None, None, None)),
    # A plural that stays keeps its forms, a fuzzy one its previous English.
    (_plural("file", "files", {0: "fichier", 1: "fichiers"}), N3, _message("file", plural="files"),
     ("", {0: "fichier", 1: "fichiers"}, False, None, None, None)),
    (polib.POEntry(msgid="file", msgstr="fichier", flags=["fuzzy"], previous_msgctxt="d", previous_msgid="files",
                   previous_msgid_plural="filez"), "", _message("file"),
     ("fichier", {}, True, "d", "files", "filez")),
    (polib.POEntry(msgid="file", msgstr="fichier", previous_msgid="files"), "", _message("file"),
     ("fichier", {}, False, None, None, None)),
]  # fmt: skip


@pytest.mark.parametrize(("old", "plural_forms", "new", "expected"), ENTRIES)
def test_what_a_message_keeps(
    old: polib.POEntry | None, plural_forms: str, new: polib.POEntry, expected: tuple[object, ...]
) -> None:
    found = _po("", header=HEADER + plural_forms)
    if old is not None:
        found.append(old)
    entry = merge(found, _pot(new)).catalogue[0]
    assert (entry.msgctxt, entry.msgid, entry.msgid_plural) == (new.msgctxt, new.msgid, new.msgid_plural)
    fields = (entry.msgstr, entry.msgstr_plural, entry.fuzzy, entry.previous_msgctxt, entry.previous_msgid,
              entry.previous_msgid_plural)  # fmt: skip
    assert fields == expected


def test_a_plural_lends_its_translation_only_when_its_first_form_has_one() -> None:
    found = _po("")
    found.append(_plural("One file here", "Files", {"0": "Un fichier ici", "1": "Des fichiers"}))
    found.append(_plural("Completely different pages", "Pages", {0: "", 1: "Des pages"}))
    result = merge(found, _pot(_message("One file there"), _message("Completely different pages!")))
    assert [(e.msgstr, e.fuzzy) for e in result.catalogue[:2]] == [("Un fichier ici", True), ("", False)]
    assert [e.msgid for e in result.dropped] == [
        "Completely different pages"
    ]  # nothing to keep: its first form is empty


# (the entry that leaves, as the catalogue has it; kept obsolete, dropped, or neither when already obsolete)
LEAVING = [
    ('msgid "Gone"\nmsgstr "Parti"\n', "kept"),
    ('msgid "Gone"\nmsgstr ""\n', "dropped"),
    ('#, fuzzy\nmsgid "Gone"\nmsgstr ""\n', "dropped"),
    ('#. extracted\n#: docs/a.md\nmsgid "Gone"\nmsgstr ""\n', "dropped"),
    ('#, x-custom\nmsgid "Gone"\nmsgstr ""\n', "kept"),
    ('#, fuzzy, x-custom\nmsgid "Gone"\nmsgstr ""\n', "kept"),
    ('# a note\nmsgid "Gone"\nmsgstr ""\n', "kept"),
    ('msgid "Gone"\nmsgid_plural "Gones"\nmsgstr[0] "Parti"\nmsgstr[1] ""\n', "kept"),
    ('msgid "Gone"\nmsgid_plural "Gones"\nmsgstr[0] ""\nmsgstr[1] "Partis"\n', "dropped"),
    ('#~ msgid "Gone"\n#~ msgstr ""\n', "neither"),
    ('#~ msgid "Gone"\n#~ msgstr "Parti"\n', "kept already"),
]


@pytest.mark.parametrize(("entry", "fate"), LEAVING)
def test_a_message_that_leaves_is_kept_when_a_translator_wrote_in_it(entry: str, fate: str) -> None:
    result = merge(_po(entry), _pot(_message("Something else entirely")))
    kept = [e.msgid for e in result.catalogue.obsolete_entries()]
    found = (kept, [e.msgid for e in result.obsolete], [e.msgid for e in result.dropped])
    assert (
        found
        == {
            "kept": (["Gone"], ["Gone"], []),
            "dropped": ([], [], ["Gone"]),
            "neither": ([], [], []),
            "kept already": (["Gone"], [], []),
        }[fate]
    )


def test_an_obsolete_entry_keeps_all_a_translator_wrote() -> None:
    found = _po(
        '# a note\n#, fuzzy, x-custom\n#| msgctxt "old context"\n#| msgid "Went"\n#| msgid_plural "Wents"\n'
        'msgctxt "c"\nmsgid "Gone"\nmsgid_plural "Gones"\nmsgstr[0] "Parti"\nmsgstr[1] "Partis"\n'
    )
    kept = merge(found, _pot()).catalogue.obsolete_entries()
    assert len(kept) == 1
    e = kept[0]
    fields = (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr_plural, e.tcomment,
              e.flags, e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural)  # fmt: skip
    assert fields == ("c", "Gone", "Gones", {0: "Parti", 1: "Partis"}, "a note", ["fuzzy", "x-custom"],
                      "old context", "Went", "Wents")  # fmt: skip


# (the translator's flags, the template's, whether fuzzy: the flags written)
FLAGS = [
    (["x-custom"], [], False, ["x-custom"]),
    (["x-custom"], ["fuzzy"], False, ["x-custom"]),  # the template's fuzzy is not the translator's
    (["x-custom"], ["fuzzy"], True, ["fuzzy", "x-custom"]),
    (["python-format"], ["no-python-format"], False, ["no-python-format"]),
    (["no-python-format", "x"], ["python-format"], False, ["x", "python-format"]),
    (["python-format"], ["python-format", "c-format"], False, ["python-format", "c-format"]),
    (["no-wrap"], ["wrap"], False, ["no-wrap", "wrap"]),  # only format flags give way
    (["c-format"], ["no-python-format"], False, ["c-format", "no-python-format"]),
]


@pytest.mark.parametrize(("kept", "template_flags", "fuzzy", "written"), FLAGS)
def test_flags_are_the_translators_then_the_templates(
    kept: list[str], template_flags: list[str], fuzzy: bool, written: list[str]
) -> None:
    found = _po("")
    found.append(polib.POEntry(msgid="Stays", msgstr="Reste", flags=["fuzzy", *kept] if fuzzy else kept))
    entry = merge(found, _pot(_message("Stays", flags=tuple(template_flags)))).catalogue[0]
    assert entry.flags == written


# -- the report -------------------------------------------------------------------------------------------------

P = Path("x.po")
REPORTS = [
    (Change(P, created=True, added=3, fuzzy=0, written=True), ["x.po: created: 3 added, 0 fuzzy, 0 obsolete"]),
    (Change(P, created=False, added=0, fuzzy=2, restored=1, written=True),
     ["x.po: updated: 0 added, 2 fuzzy, 1 restored, 0 obsolete"]),
    (Change(P, created=False, added=0, fuzzy=0), ["x.po: unchanged: 0 added, 0 fuzzy, 0 obsolete"]),
    (Change(P, created=False, added=0, fuzzy=0, written=True, converted_from="ISO-8859-1"),
     ["x.po: updated: 0 added, 0 fuzzy, 0 obsolete, converted from ISO-8859-1 to UTF-8"]),
    (Change(P, False, 1, 0, obsolete=(Leaving("One two three four", "docs/a.md", 12),
                                      Leaving("One two\nthree four five", "", 20)), written=True),
     ['x.po: updated: 1 added, 0 fuzzy, 2 obsolete ("One two three four", "One two three four …")',
      'x.po:12: now obsolete, kept as #~: "One two three four" (was docs/a.md)',
      'x.po:20: now obsolete, kept as #~: "One two three four five"']),
    (Change(P, False, 0, 0, written=True, reviewed=2),
     ["x.po: updated: 0 added, 0 fuzzy, 0 obsolete, 2 reviewed (previous English removed)"]),
    (Change(P, False, 0, 0, obsolete=(Leaving("1 2 3 4 5 6 7 8 9", "", 3),), written=True),
     ['x.po: updated: 0 added, 0 fuzzy, 1 obsolete ("1 2 3 4 …")',
      'x.po:3: now obsolete, kept as #~: "1 2 3 4 5 6 7 8 …"']),
    (Change(P, False, 0, 0, dropped=(Leaving("a b c d e f g h", "docs/b.md:3"), Leaving("a b c d e f g h i", "")),
            written=True),
     ['x.po: updated: 0 added, 0 fuzzy, 0 obsolete, 2 removed untranslated ("a b c d …", "a b c d …")',
      'x.po: removed, untranslated and uncommented: "a b c d e f g h" (was docs/b.md:3)',
      'x.po: removed, untranslated and uncommented: "a b c d e f g h …"']),
]  # fmt: skip


@pytest.mark.parametrize(("change", "lines"), REPORTS)
def test_the_report_says_what_became_of_each_message(change: Change, lines: list[str]) -> None:
    assert report(change, "x.po") == lines


# -- update and purge, in process --------------------------------------------------------------------------------


def _changes(root: Path, languages: list[str]) -> dict[str, Change]:
    return {change.path.relative_to(root).as_posix(): change for change in update(root, languages)}


def test_update_in_process_creates_updates_and_restores(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    root, path = project.root, project.root / FR
    # A reference with a line number, as another tool writes it, on a message about to leave; a stale temporary
    # file of a writer killed before its rename.
    text = path.read_text("utf-8").replace(
        '#: docs/index.md\nmsgid "Background"', '#: docs/index.md:7 docs/b.md:1\nmsgid "Background"'
    )
    assert text != path.read_text("utf-8")
    path.write_text(text, "utf-8")
    stale = path.parent / ".index.po.999999999.x.tmp"
    stale.write_text("half written")
    _edit(project, EDITS[:1] + EDITS[3:4])

    changes = _changes(root, ["fr", "de"])
    fr = changes.pop(FR.as_posix())
    lines = path.read_text("utf-8").splitlines()
    assert (fr.created, fr.added, fr.fuzzy, fr.restored, fr.written, fr.converted_from) == (False, 1, 0, 0, True, None)
    assert [(gone.msgid[:20], gone.source) for gone in fr.obsolete] == [
        ("Background", "docs/index.md:7"),
        ("Virtual Dialogues ar", "docs/index.md"),
    ]
    assert all(lines[gone.line - 1].startswith('#~ msgid "') for gone in fr.obsolete)
    assert lines[fr.obsolete[0].line - 1] == '#~ msgid "Background"' and fr.obsolete[1].line > fr.obsolete[0].line
    assert fr.dropped == () and not stale.exists()
    for name, change in changes.items():
        if name.startswith("locale/de/"):
            assert change.created and change.written and change.added > 0 and change.fuzzy == 0, name
            written = polib.pofile(str(root / name))
            assert written.metadata["Language"] == "de" and written.metadata["Content-Type"].endswith("charset=UTF-8")
            assert written.metadata["X-Poedit-Basepath"] == "../../.."
            assert written.header.startswith(f"German translation of the {Path(name).stem!r} messages")
            assert len([e for e in written if not e.obsolete]) == change.added
        else:
            assert not change.created and not change.written and (change.added, change.fuzzy) == (0, 0), name
            assert (change.obsolete, change.dropped, change.restored) == ((), (), 0)

    again = _changes(root, ["fr"])
    assert not any(change.written for change in again.values())
    assert again[FR.as_posix()].obsolete == ()  # already obsolete: not leaving again

    _edit(project, [("restore the deleted paragraph", "## Context\n\n", f"## Context\n\n{DELETED}")])
    restored = _changes(root, ["fr"])[FR.as_posix()]
    assert (restored.restored, restored.added, restored.written) == (1, 0, True)

    purged = dict(purge_obsolete(root, ["fr"]))
    assert purged[path] == 1 and all(count == 0 for other, count in purged.items() if other != path)
    assert "#~" not in path.read_text("utf-8") and len(purged) == len(list(path.parent.glob("*.po")))


def test_update_in_process_converts_a_latin1_catalogue(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.root / "locale/fr/LC_MESSAGES/status.po"
    text = re.sub("charset=utf-8", "charset=ISO-8859-1", path.read_text("utf-8"), flags=re.IGNORECASE)
    path.write_bytes(text.encode("latin-1"))
    change = _changes(project.root, ["fr"])["locale/fr/LC_MESSAGES/status.po"]
    assert (change.converted_from, change.written, change.added) == ("ISO-8859-1", True, 0)
    assert path.read_bytes().decode("utf-8") == text.replace("charset=ISO-8859-1", "charset=UTF-8")


def test_new_messages_borrow_from_close_ones_with_their_plural_and_their_extracted_comment() -> None:
    found = _po("", header=HEADER + N3)
    found.append(polib.POEntry(msgid="One file is here", msgstr="Un fichier est ici"))
    found.append(_plural("One page is here", "Pages are here", {0: "Une page est ici", 1: "Des pages sont ici"}))
    new_file, new_page = _message("One file is there", plural="Files are there"), _message("One page is there")
    new_file.comment, new_page.comment = "Translators: a file", "Translators: a page"
    result = merge(found, _pot(new_file, new_page))
    file, page = result.catalogue[0], result.catalogue[1]
    assert (result.fuzzy, result.added) == (2, 0)
    assert (file.msgstr_plural, file.previous_msgid, file.previous_msgid_plural) == (
        dict.fromkeys(range(3), "Un fichier est ici"),
        "One file is here",
        None,
    )
    assert (page.msgstr, page.previous_msgid, page.previous_msgid_plural) == (
        "Une page est ici",
        "One page is here",
        "Pages are here",
    )
    assert (file.comment, page.comment) == ("Translators: a file", "Translators: a page")


def test_update_in_process_names_what_it_drops_and_completes_a_header(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.root / FR
    catalogue = polib.pofile(str(path), wrapwidth=78)
    catalogue.find("Background").msgstr = ""
    del catalogue.metadata["Language"]
    path.write_text(str(catalogue), "utf-8")
    _edit(project, EDITS[:1])
    change = _changes(project.root, ["fr"])[FR.as_posix()]
    assert (change.dropped, change.obsolete, change.added) == ((Leaving("Background", "docs/index.md"),), (), 1)
    assert polib.pofile(str(path)).metadata["Language"] == "fr"
