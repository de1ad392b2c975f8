"""The checks of whole files and of the project, run in-process: header, syntax, wrapping and sync, each
with the exact findings it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.checks import REGISTRY, check_catalogue
from tools.site_build import Project

from helpers import copy_project

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
NO_PLURALS = "tools cannot tell how many plural forms the language has"
PLURALS = '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'


def _write(tmp_path: Path, text: str, language: str = "fr") -> Path:
    path = tmp_path / language / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def _found(path: Path, *ids: str, fix: bool = False) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.check, f.severity, f.message) for f in check_catalogue(path, ids, fix=fix)]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (HEADER + PLURALS, []),
        (
            HEADER,
            [
                (
                    1,
                    "header",
                    "warning",
                    "no Plural-Forms header: tools cannot tell how many plural forms the language has",
                )
            ],
        ),
        (
            'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n' + PLURALS,
            [
                (
                    4,
                    "header",
                    "error",
                    "charset is ISO-8859-1: write catalogues in UTF-8 (Content-Type: text/plain; charset=UTF-8)",
                )
            ],
        ),
        (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf8\\n"\n"Language: fr\\n"\n' + PLURALS,
            [],
        ),
        (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + PLURALS,
            [(1, "header", "error", "no Language header; add 'Language: fr'")],
        ),
    ],
)
def test_header(tmp_path: Path, header: str, expected: list) -> None:
    assert _found(_write(tmp_path, header + '\nmsgid "a"\nmsgstr "b"\n'), "header") == expected


def test_header_without_a_language_folder_only_warns(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + PLURALS, "utf-8")
    assert _found(path, "header") == [(1, "header", "warning", "no Language header; add 'Language: xx'")]


def test_syntax_reports_what_other_tools_misread_as_warnings(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + PLURALS + '\n#,fuzzy\nmsgid "a"\nmsgstr"b"\n')
    found = _found(path, "syntax")
    assert [(line, check, severity) for line, check, severity, _ in found] == [
        (7, "syntax", "warning"),
        (9, "syntax", "warning"),
    ]
    assert _found(path, "header") == []  # the syntax findings are the syntax check's alone


def test_wrapping_names_the_first_line_that_departs_and_fix_rewrites_it(tmp_path: Path) -> None:
    canonical = HEADER + PLURALS + '\nmsgid "a"\nmsgstr "b"\n'
    path = _write(tmp_path, canonical)
    assert _found(path, "wrapping") == []
    path.write_text(canonical.replace('msgstr "b"', 'msgstr ""\n"b"'), "utf-8")
    message = (
        "not in the canonical form (GNU gettext's, as msgcat writes it: wrapping, field order, UTF-8); run: "
        "python -m tools check --fix"
    )
    assert _found(path, "wrapping") == [(8, "wrapping", "error", message)]
    path.write_text(canonical + 'msgid "c"\nmsgstr "d"', "utf-8")  # no blank line between the entries
    assert _found(path, "wrapping") == [(9, "wrapping", "error", message)]
    fixed = check_catalogue(path, ["wrapping"], fix=True)
    rewritten = "rewritten in the canonical form (GNU gettext's, as msgcat writes it)"
    assert [(f.line, f.message, f.fixed, f.failing) for f in fixed] == [(9, rewritten, True, False)]
    assert path.read_text("utf-8") == canonical + '\nmsgid "c"\nmsgstr "d"\n'
    assert _found(path, "wrapping") == []


def test_wrapping_that_cannot_write_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, HEADER + PLURALS + '\nmsgid "a"\nmsgstr ""\n"b"\n')

    def refuse(target: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr("tools.checks.wrapping.write_bytes_atomic", refuse)
    found = _found(path, "wrapping", fix=True)
    assert found == [(1, "wrapping", "error", "cannot write the canonical form: Permission denied")]


PREVIOUS = "previous English (#|) kept on an entry that is not fuzzy; if it was reviewed, run: python -m tools update"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # A translator cleared the flag in a text editor and left the #| line: reported at that line.
        ('#| msgid "Twelve areas"\nmsgid "12 areas"\nmsgstr "12 domaines"\n', [(7, "previous", "warning", PREVIOUS)]),
        # Two #| lines, a wrapped one: the first of them.
        (
            '#| msgctxt "x"\n#| msgid ""\n#| "Twelve areas"\nmsgid "12 areas"\nmsgstr "12 domaines"\n',
            [(7, "previous", "warning", PREVIOUS)],
        ),
        # The entry's own msgctxt between the #| lines and its msgid.
        (
            '#| msgid "Twelve areas"\nmsgctxt "x"\nmsgid "12 areas"\nmsgstr "12 domaines"\n',
            [(7, "previous", "warning", PREVIOUS)],
        ),
        # Still fuzzy: the #| lines are what the translator needs.
        ('#, fuzzy\n#| msgid "Twelve areas"\nmsgid "12 areas"\nmsgstr "12 domaines"\n', []),
        ('msgid "12 areas"\nmsgstr "12 domaines"\n', []),
        # An obsolete entry's #~| lines are msgmerge's, and no one edits them.
        ('#~| msgid "Twelve areas"\n#~ msgid "12 areas"\n#~ msgstr "12 domaines"\n', []),
    ],
)
def test_previous_english_left_on_a_reviewed_entry(tmp_path: Path, entry: str, expected: list) -> None:
    path = _write(tmp_path, HEADER + PLURALS + "\n" + entry)
    assert _found(path, "previous") == expected


def test_a_catalogue_already_canonical_is_not_written_by_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, HEADER + PLURALS + '\nmsgid "a"\nmsgstr "b"\n')
    monkeypatch.setattr("tools.checks.wrapping.write_bytes_atomic", lambda *args: pytest.fail("written"))
    assert _found(path, "wrapping", fix=True) == []


OLD = "It is not always easy to identify what kinds outcomes and impact of such training were envisaged"
ADDED = "A paragraph that the translators have not seen yet."
REMOVED = "Questions for further discussion"
FIX = "run: python -m tools update --lang fr"


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("sync"))
    source = project.docs / "index.md"
    text = source.read_text("utf-8").replace("kinds outcomes", "kinds of outcomes")
    source.write_text(text.replace(f"### {REMOVED}\n", f"{ADDED}\n"), "utf-8")
    folder = project.locale / "fr" / "LC_MESSAGES"
    (folder / "status.po").rename(folder / "gone.po")  # status.po missing, gone.po of no English document
    return project


def test_sync_finds_every_message_out_of_step(edited: Project) -> None:
    found = REGISTRY["sync"].check(edited.root, ["fr"])
    index = (edited.locale / "fr" / "LC_MESSAGES" / "index.po").read_text("utf-8").splitlines()
    new = OLD.replace("kinds outcomes", "kinds of outcomes")
    assert [(f.path.name, f.check, f.severity, f.message, f.msgid[:20]) for f in found] == [
        ("index.po", "sync", "error", f"message of docs/index.md:38 is missing: '{new[:59]}…'; {FIX}", new[:20]),
        ("index.po", "sync", "error", f"message of docs/index.md:70 is missing: {ADDED!r}; {FIX}", ADDED[:20]),
        ("index.po", "sync", "error", f"message no longer in the English source: '{OLD[:59]}…'; {FIX}", OLD[:20]),
        ("index.po", "sync", "error", f"message no longer in the English source: {REMOVED!r}; {FIX}", REMOVED[:20]),
        ("status.po", "sync", "error", f"catalogue missing (3 messages); {FIX}", ""),
        ("gone.po", "sync", "error", "no English document 'gone' any more", ""),
    ]
    assert [f.line for f in found[:2]] == [1, 1]
    # Each stale entry at the line of its msgid (the long one is wrapped: 'msgid ""', then its lines).
    assert [index[f.line - 1] for f in found[2:4]] == ['msgid ""', f'msgid "{REMOVED}"']
    assert [f.line for f in found[4:]] == [1, 1]


CHARSET_IS = "write catalogues in UTF-8 (Content-Type: text/plain; charset=UTF-8)"


@pytest.mark.parametrize(
    ("before", "fields", "expected"),
    [
        # The reader takes the first charset= anywhere in the header; the check wants it in Content-Type.
        ("", '"X-Note: charset=UTF-8\\n"\n"Language: fr\\n"\n', [(1, f"charset is none: {CHARSET_IS}")]),
        ("", '"Content-Type: text/plain; charset=utf_8\\n"\n"Language: fr\\n"\n', []),
        # The field's line is looked for in the file's first 41 lines, else the finding is at line 1.
        (
            "#\n" * 38,
            '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
            [(41, f"charset is ISO-8859-1: {CHARSET_IS}")],
        ),
        (
            "#\n" * 39,
            '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
            [(1, f"charset is ISO-8859-1: {CHARSET_IS}")],
        ),
    ],
)
def test_header_charset_in_content_type(tmp_path: Path, before: str, fields: str, expected: list) -> None:
    path = _write(tmp_path, before + 'msgid ""\nmsgstr ""\n' + fields + PLURALS + '\nmsgid "a"\nmsgstr "b"\n')
    assert [(line, message) for line, _, _, message in _found(path, "header") if "charset" in message] == expected
    assert all(severity == "error" for _, _, severity, message in _found(path, "header") if "charset" in message)


@pytest.mark.parametrize(
    ("ending", "line"),
    [
        ("", 9),  # no final newline: every line the same, the file one line short; the line after the last
        ("\n\n\n", 9),  # blank lines after the last entry: the first line the canonical form does not have
    ],
)
def test_wrapping_of_a_file_that_only_ends_differently(tmp_path: Path, ending: str, line: int) -> None:
    canonical = HEADER + PLURALS + '\nmsgid "a"\nmsgstr "b"\n'
    path = _write(tmp_path, canonical[:-1] + ending)
    assert [(found, check) for found, check, _, _ in _found(path, "wrapping")] == [(line, "wrapping")]
    assert len(canonical.splitlines()) == line - 1


def test_sync_shortens_a_message_only_past_sixty_characters() -> None:
    from tools.checks.sync import _short

    assert _short("x" * 60) == "x" * 60
    assert _short("x" * 61) == "x" * 59 + "…"
    assert _short("  a\n  b ") == "a b"


def test_sync_names_the_first_place_of_a_missing_message(tmp_path: Path) -> None:
    import polib

    from tools.checks.sync import _out_of_step

    template = polib.POFile()
    template.append(polib.POEntry(msgid="Twice", occurrences=[("docs/a.md", "3"), ("docs/b.md", "5")]))
    path = _write(tmp_path, HEADER + PLURALS + '\nmsgid "Gone"\nmsgstr "Parti"\n')
    assert list(_out_of_step(path, template, "FIX")) == [
        (1, "message of docs/a.md:3 is missing: 'Twice'; run: FIX", "Twice"),
        (7, "message no longer in the English source: 'Gone'; run: FIX", "Gone"),
    ]
    assert list(_out_of_step(tmp_path / "none.po", template, "FIX")) == [
        (1, "catalogue missing (1 messages); run: FIX", "")
    ]
