"""Strict catalogue validation, and the state of the project's own catalogues."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tools.catalogues import CatalogueError, find_catalogues, validate

from helpers import ROOT

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'


def write(tmp_path: Path, body: str, header: str = HEADER, name: str = "fr/LC_MESSAGES/x.po") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + body, "utf-8")
    return path


def error_of(path: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as info:
        validate(path)
    return info.value


def test_a_valid_catalogue_passes(tmp_path: Path) -> None:
    body = (
        '#. comment\n#: index.md:3\n#, fuzzy\n#| msgid "old"\nmsgid "a \\"b\\" \\n \\t \\\\"\nmsgstr ""\n"x"\n\n'
        'msgctxt "c"\nmsgid "a \\"b\\" \\n \\t \\\\"\nmsgstr "y"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] "plusieurs"\n\n'
        '#~ msgid "gone"\n#~ msgstr "parti"\n'
    )
    validate(write(tmp_path, body))


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('msgid "a"\nmsgstr b"\n', 7, "msgstr: expected a string in double quotes"),
        ('msgid "a"\nmsgstr "b\n', 7, "missing its closing quote"),
        ('msgid "a"\nmsgstr "b"\n"c\n', 8, "missing its closing quote"),
        ('msgid "a"\nmsgstr "b" c\n', 7, "unexpected text after the closing quote"),
        ('msgid "a"\nmsgstr "\\q"\n', 7, "invalid escape sequence \\q"),
        ('msgstr "b"\n', 6, "a second msgstr in the entry of line 1: an entry starts with msgid"),
        ('msgid "a"\n\n', 6, "entry has no msgstr"),
        ('msgid "a"\nmsgid "b"\nmsgstr ""\n', 6, "entry has no msgstr (a msgid follows at line 7)"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9, "duplicate message definition (first at line 6)"),
        ('msgid "a"\n# note\nmsgstr "b"\n', 7, "comment inside an entry"),
        ('msgid "a"\nmsgstr[0] "b"\n', 7, "no msgid_plural"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 8, "plural entry needs msgstr[0]"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 8, "expected msgstr[0]"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 8, "a second msgstr"),
        ('msgid "a"\nmsgstr "b"\nbogus "c"\n', 8, "unexpected 'bogus'"),
        ('# note\n"floating"\n', 7, "string outside any msgid or msgstr"),
        ('#, fuzzy\\\nmsgid "a"\nmsgstr "b"\n', 6, "line 6 ends with a backslash, which joins the next line to it"),
        ('msgid "a"\nmsgstr "b\\n"\n', 6, "msgid and msgstr do not both end with a line break (\\n)"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "\\nc"\n', 6, "msgstr[1] do not both begin"),
        ('#~ msgid "a\n', 6, "obsolete entry: msgid: string is missing its closing quote"),
        ('#~ msgid "a"\n#~ msgid "a"\n#~ msgstr ""\n', 6, "obsolete entry: entry has no msgstr (a msgid follows"),
        ('#~ msgid "a"\nmsgid "b"\nmsgstr ""\n', 6, "obsolete entry: entry has no msgstr"),
    ],
)
def test_malformed_entries_are_reported_at_their_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    error = error_of(write(tmp_path, body))
    assert error.line == line
    assert message in error.message
    assert re.fullmatch(r".+\.po:\d+: .+", str(error))
    assert "\n" not in str(error)


def test_missing_charset(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, 'msgid "a"\nmsgstr "b"\n', header='msgid ""\nmsgstr ""\n\n'))
    assert "declares no charset" in error.message


def test_template_charset_placeholder(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "", header=HEADER.replace("UTF-8", "CHARSET")))
    assert (error.line, "placeholder CHARSET" in error.message) == (3, True)


def test_undecodable_bytes_name_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'msgid "a"\nmsgstr "b"\n')
    path.write_bytes(path.read_bytes() + b'\nmsgid "c"\nmsgstr "\xe9t\xe9"\n')
    error = error_of(path)
    assert (error.line, "byte 0xe9 is not valid UTF-8" in error.message) == (10, True)


def test_other_declared_charsets_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(HEADER.replace("UTF-8", "ISO-8859-1").encode() + 'msgid "a"\nmsgstr "été"\n'.encode("latin-1"))
    validate(path)


def test_language_header_must_match_the_folder(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "", name="es/LC_MESSAGES/x.po"))
    assert error.line == 4
    assert "Language: fr" in error.message and "'es'" in error.message


@pytest.mark.parametrize("value", ["<img/src=x/onerror=alert(1)>", 'fr"', "::error::x", "`fr`", "f"])
def test_a_language_header_that_is_no_code_is_refused(tmp_path: Path, value: str) -> None:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    error = error_of(write(tmp_path, "", header=HEADER.replace("Language: fr", f"Language: {escaped}")))
    assert error.line == 4 and "is not a language code" in error.message


@pytest.mark.parametrize("value", ["fr", "pt_BR", "pt-BR", "zh_Hans_CN", "sr@latin", "es_419", "de_DE.UTF-8"])
def test_language_headers_in_use_are_read(tmp_path: Path, value: str) -> None:
    validate(write(tmp_path, "", header=HEADER.replace("Language: fr", f"Language: {value}"), name="x.po"))


def test_malformed_plural_forms(tmp_path: Path) -> None:
    header = HEADER.replace('"Language: fr\\n"', '"Plural-Forms: nplurals=; plural=(n > 1);\\n"')
    error = error_of(write(tmp_path, "", header=header))
    assert (error.line, error.message) == (4, "malformed Plural-Forms: expected 'nplurals=N; plural=EXPRESSION;'")


def test_no_header(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('# charset=UTF-8\nmsgid "a"\nmsgstr "b"\n', "utf-8")
    assert "no header entry" in error_of(path).message


# -- the project's catalogues ---------------------------------------------------------------------------------

CATALOGS = find_catalogues([ROOT / "locale"])


def test_project_catalogues_exist() -> None:
    names = {p.relative_to(ROOT / "locale").as_posix() for p in CATALOGS}
    assert {"es/LC_MESSAGES/index.po", "fr/LC_MESSAGES/index.po"} <= names


@pytest.mark.content
@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_project_catalogue_is_complete(path: Path) -> None:
    validate(path)
    catalogue = polib.pofile(str(path))
    assert catalogue.percent_translated() == 100
    assert not catalogue.fuzzy_entries()
    assert not catalogue.obsolete_entries()
    assert catalogue.metadata["Language"] == path.parent.parent.name
    assert catalogue.metadata.get("Plural-Forms")
    assert "fuzzy" not in catalogue.metadata_is_fuzzy


def _comments(lang: str) -> dict[str, str]:
    catalogue = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "index.po"))
    return {entry.msgid: entry.tcomment for entry in catalogue if entry.tcomment}


@pytest.mark.content
def test_departures_from_the_official_texts_are_recorded() -> None:
    french = _comments("fr")
    for start in ("How can we transform", "How will we know", "[Concept Note]"):
        assert any(k.startswith(start) and "Not in the official French text" in v for k, v in french.items()), start
    assert any("connections" in v for v in french.values())
    spanish = _comments("es")
    assert any("desde Beijing in 1995" in v for v in spanish.values())


# -- the reader's details, in process (mutation testing reaches them there: `tox -e mutants`) ------------------


def test_load_gives_the_writers_every_part_of_an_entry(tmp_path: Path) -> None:
    from tools.catalogues import load

    header = "# Translator notes\n# second line\n#, fuzzy\n" + HEADER
    body = (
        "#. first extracted\n#. second extracted\n#: docs/a.md:12 docs/b.md dir:c.md:3 docs/d.md: docs/e.md:x\n"
        '#, fuzzy\n#| msgctxt "old"\n#| msgid "Old file"\n#| msgid_plural "Old files"\n'
        'msgctxt "c"\nmsgid "File"\nmsgid_plural "Files"\nmsgstr[0] "Fichier"\nmsgstr[1] "Fichiers"\n'
    )
    objects = load(write(tmp_path, body, header=header))
    assert objects.header == "Translator notes\nsecond line" and objects.metadata_is_fuzzy
    assert objects.header_as_read == (
        "Content-Type: text/plain; charset=UTF-8\nLanguage: fr\n",
        {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"},
    )
    [entry] = list(objects)
    fields = (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr_plural, entry.comment, entry.linenum,
              entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)  # fmt: skip
    assert fields == ("c", "File", "Files", {0: "Fichier", 1: "Fichiers"}, "first extracted\nsecond extracted", 17,
                      "old", "Old file", "Old files")  # fmt: skip
    assert entry.occurrences == [
        ("docs/a.md", "12"), ("docs/b.md", ""), ("dir:c.md", "3"), ("docs/d.md:", ""), ("docs/e.md:x", "")
    ]  # fmt: skip
    assert not load(write(tmp_path, "", name="fr/LC_MESSAGES/y.po")).metadata_is_fuzzy


def test_a_catalogue_with_crlf_line_ends_reads_as_with_lf(tmp_path: Path) -> None:
    from tools.catalogues import load

    path = write(tmp_path, 'msgid "a"\nmsgstr "b"\n')
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert [(e.msgid, e.msgstr, e.linenum) for e in load(path)] == [("a", "b", 6)]


def test_an_other_line_break_after_a_blank_first_line_is_named_at_its_line(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, 'msgid "a"\nmsgstr "b\u2028c"\n', header="\n" + HEADER))
    assert (error.line, error.message) == (8, "character U+2028 (a line or page break for some tools, not for "
                                           "gettext): remove it or write it as an escape")  # fmt: skip


# (where the byte that is not in the charset is: the problem, or the error that stops the reading)
BAD_BYTES = [
    (b" \t# caf\xe9\x81\n", (7, "byte 0x81 is not valid cp1252 (in a comment)", "error")),
    (b"#. caf\x81\n", (7, "byte 0x81 is not valid cp1252 (in a comment)", "error")),
    (b'#~ msgid "caf\x81"\n#~ msgstr ""\n', 7),
    (b'msgid "caf\x81"\nmsgstr ""\n', 7),
]


@pytest.mark.parametrize(("lines", "found"), BAD_BYTES)
def test_a_byte_not_in_the_charset_is_named_where_it_is(tmp_path: Path, lines: bytes, found: object) -> None:
    from tools.catalogues import read_catalogue

    path = write(tmp_path, "", header=HEADER.replace("UTF-8", "cp1252"))
    path.write_bytes(path.read_bytes() + b"\n" + lines)
    if isinstance(found, int):
        with pytest.raises(CatalogueError) as info:
            read_catalogue(path)
        assert (info.value.path, info.value.line, info.value.message) == (path, found, "byte 0x81 is not valid cp1252")
        return
    catalogue = read_catalogue(path)
    assert [(p.line, p.message, p.severity) for p in catalogue.problems] == [found]
    assert lines.decode("cp1252", errors="replace").strip() in catalogue.text  # the rest of the line in its charset


def test_a_byte_not_in_the_charset_of_the_header_is_named_in_the_header(tmp_path: Path) -> None:
    from tools.catalogues import read_catalogue

    path = tmp_path / "fr" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(HEADER.replace("UTF-8", "cp1252").encode()[:-1] + b'"Last-Translator: Ren\xe9 \x81\\n"\n')
    assert [(p.line, p.message) for p in read_catalogue(path).problems] == [
        (5, "byte 0x81 is not valid cp1252 (in the header)")
    ]


@pytest.mark.parametrize(
    ("language", "folder"), [("pt-BR", "pt_BR"), ("pt_BR", "pt-BR"), ("zh-hans-cn", "zh_Hans_CN"), ("PT_br", "pt-BR")]
)
def test_a_language_written_with_a_hyphen_fits_a_folder_with_an_underscore(
    tmp_path: Path, language: str, folder: str
) -> None:
    validate(write(tmp_path, "", header=HEADER.replace("Language: fr", f"Language: {language}"),
                   name=f"{folder}/LC_MESSAGES/x.po"))  # fmt: skip


def test_a_socket_and_a_block_device_are_refused_by_name(tmp_path: Path) -> None:
    import os
    import socket

    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.po"))
        assert "s.po:1: a socket, not a catalogue file" in str(error_of(tmp_path / "s.po"))
    finally:
        server.close()
    try:
        os.mknod(tmp_path / "b.po", 0o600 | 0o060000, os.makedev(7, 0))
    except PermissionError:
        pytest.skip("creating a device needs privileges")
    assert "b.po:1: a device, not a catalogue file" in str(error_of(tmp_path / "b.po"))


# (the link, the file it points to: relative to tmp_path; followed, or refused as outside the locale folder)
LINKS = [
    ("locale/fr/LC_MESSAGES/x.po", "locale/es/LC_MESSAGES/x.po", True),  # inside locale/
    ("locale/fr/LC_MESSAGES/x.po", "other/x.po", False),
    ("a/b/x.po", "a/b/c/y.po", True),  # not in LC_MESSAGES: its own folder
    ("a/b/x.po", "a/y.po", False),
]


@pytest.mark.parametrize(("link", "target", "followed"), LINKS)
def test_a_link_is_followed_only_inside_its_locale_folder(
    tmp_path: Path, link: str, target: str, followed: bool
) -> None:
    real = write(tmp_path, "", name=target)
    (tmp_path / link).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / link).symlink_to(real)
    if followed:
        validate(tmp_path / link)
    else:
        assert "outside" in error_of(tmp_path / link).message


def test_named_files_are_listed_and_links_to_folders_are_not_searched(tmp_path: Path) -> None:
    one, two = write(tmp_path, "", name="b.po"), write(tmp_path, "", name="a.po")
    assert find_catalogues([one, two, tmp_path / "missing.po"]) == [two, one, tmp_path / "missing.po"]
    inside = write(tmp_path, "", name="real/fr/LC_MESSAGES/x.po")
    (tmp_path / "tree" / "sub").mkdir(parents=True)
    (tmp_path / "tree" / "sub" / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert find_catalogues([tmp_path / "tree"]) == []
    assert find_catalogues([tmp_path / "tree" / "sub" / "link"]) == [tmp_path / "tree/sub/link/fr/LC_MESSAGES/x.po"]
    assert inside.exists()


# (the end of a file: how it is read) A backslash at the very end of the file, with no line break after it, is a
# character, as gettext's lexer has it; before a line break, CR LF included, it joins the next line.
ENDINGS = [
    (b'msgid "a"\nmsgstr "b"\\', "x.po:7: unexpected text after the closing quote: '\\\\'"),
    (b'msgid "a"\nmsgstr "b"\\\n', None),
    (
        b'#, fuzzy\\\r\nmsgid "a"\r\nmsgstr "b"\r\n',
        "x.po:6: msgstr without a msgid before it (line 6 ends with a backslash",
    ),
]


@pytest.mark.parametrize(("body", "error"), ENDINGS)
def test_a_backslash_at_the_end_of_a_line_or_of_the_file(tmp_path: Path, body: bytes, error: str | None) -> None:
    path = write(tmp_path, "")
    path.write_bytes(path.read_bytes() + body)
    if error is None:
        validate(path)
    else:
        assert error in str(error_of(path))


# (a header whose Plural-Forms msgfmt refuses: the line named) On the msgstr line itself no string line names it:
# the error is then at line 1.
CT = '"Content-Type: text/plain; charset=UTF-8\\n"\n'
BAD = 'Plural-Forms: nplurals=2; plural=(n > 1;\\n"\n'
PLURAL_LINES = [
    ('msgid ""\nmsgstr "' + BAD + CT, 1),
    ('msgid ""\nmsgstr ""\n' + CT + '   "' + BAD, 4),
]


@pytest.mark.parametrize(("header", "line"), PLURAL_LINES)
def test_a_malformed_plural_expression_is_named_at_its_line(tmp_path: Path, header: str, line: int) -> None:
    error = error_of(write(tmp_path, "", header=header + "\n", name="x.po"))
    assert (error.line, error.message) == (line, "malformed Plural-Forms: invalid plural expression")


def test_no_header_is_said_first_in_full(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid "a"\nmsgstr "b"\n', "utf-8")
    assert (error_of(path).line, error_of(path).message) == (1, 'no header entry (msgid "") at the top of the file')


# (a header msgfmt takes no charset from: the bytes are read as UTF-8, a bad one replaced, for the statistics)
UNCONVERTED = [
    'msgid ""\nmsgstr ""\n"Language: fr\\n"\n',
    HEADER.replace("UTF-8", "CHARSET"),
    HEADER.replace("UTF-8", "rot13"),
]


@pytest.mark.parametrize("header", UNCONVERTED)
def test_a_catalogue_without_a_usable_charset_is_read_as_utf8_with_bad_bytes_replaced(
    tmp_path: Path, header: str
) -> None:
    from tools.catalogues import read_catalogue

    path = write(tmp_path, "", header=header)
    path.write_bytes(path.read_bytes() + '\nmsgid "été"\nmsgstr "caf'.encode() + b'\xe9"\n')
    catalogue = read_catalogue(path)
    assert catalogue.text.endswith('msgid "été"\nmsgstr "caf\ufffd"\n')
    assert [(m.msgid, m.msgstrs) for m in catalogue.entries] == [("été", ["caf\ufffd"])]


def test_load_gives_each_entry_its_comments_flags_and_obsolete_state(tmp_path: Path) -> None:
    from tools.catalogues import load

    body = (
        '# one\n# two\n#, fuzzy, python-format\nmsgid "a %s"\nmsgstr "b %s"\n\n'
        'msgid "c"\nmsgstr "d"\n\n'
        '# gone\n#~ msgid "e"\n#~ msgstr "f"\n'
    )
    entries = [(e.msgid, e.tcomment, e.flags, e.obsolete) for e in load(write(tmp_path, body))]
    assert entries == [("a %s", "one\ntwo", ["fuzzy", "python-format"], False), ("c", "", [], False),
                       ("e", "gone", [], True)]  # fmt: skip
    assert [type(e.obsolete) for e in load(write(tmp_path, body))] == [bool, bool, bool]


# (a header field split over two strings, so that no line holds its name: the problem is then said at line 1)
START = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
MALFORMED = "malformed Plural-Forms: expected 'nplurals=N; plural=EXPRESSION;'"
SPLIT_FIELDS = [
    (START + '"Plural-"\n"Forms: plural=0;\\n"\n', MALFORMED),
    (START + '"Plural-"\n"Forms: nplurals=1\\n"\n', MALFORMED),
    (START + '"Lang"\n"uage: es\\n"\n', "header says Language: es but the file is in the folder of 'fr'"),
]


@pytest.mark.parametrize(("header", "message"), SPLIT_FIELDS)
def test_a_header_field_split_over_two_strings_is_named_at_line_1(tmp_path: Path, header: str, message: str) -> None:
    from tools.catalogues import read_catalogue

    assert [(p.line, p.message) for p in read_catalogue(write(tmp_path, "", header=header)).problems] == [(1, message)]


def test_a_long_language_header_that_is_no_code_is_shown_cut_at_40_characters(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "", header=HEADER.replace("Language: fr", "Language: <" + "a" * 50)))
    assert (error.line, error.message) == (4, f"header Language: {'<' + 'a' * 39!r} is not a language code (such as "
                                           "fr or pt_BR)")  # fmt: skip


# (the start of a file, read as Latin-1: the strings of its header entry's msgstr and their lines)
HEADER_STRINGS = [
    ('bogus ""\nmsgstr "a"\n', []),  # no msgid: no header entry
    ('msgid""\nmsgstr "a"\n', [(2, "a")]),
    ('msgid ""\n""\nmsgstr "a"\n', [(3, "a")]),  # the msgid goes on, empty
    ('msgid ""\n"x"\nmsgstr "a"\n', []),  # a msgid that is not empty: a message, not the header
    ('msgid ""\nmsgstr "a"\nmsgstr "b"\n', [(2, "a")]),  # the second msgstr is no part of the header
    ('msgid ""\nmsgstr"a"\n', [(2, "a")]),
    ('msgid ""\nmsgstr "a"\n"b\n', [(2, "a")]),  # a broken string ends the header, what came before counts
    ('msgid ""\nmsgstr "a\\0b"\n"c"\n', [(2, "a"), (3, "c")]),  # a C string: it ends at a NUL
]


@pytest.mark.parametrize(("text", "strings"), HEADER_STRINGS)
def test_the_header_strings_are_those_of_the_first_entry_if_its_msgid_is_empty(
    text: str, strings: list[tuple[int, str]]
) -> None:
    from tools.catalogues import _header_strings

    assert _header_strings(text) == strings


# (a header: the charset it declares and the line of the string where ``charset=`` begins)
DECLARED_CHARSETS = [
    ('msgid ""\nmsgstr "charset=cp1252\\n"\n', ("cp1252", 2)),
    ('msgid ""\nmsgstr ""\n"charset=cp1252\\n"\n', ("cp1252", 3)),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; "\n"charset=cp1252\\n"\n"Language: fr\\n"\n', ("cp1252", 4)),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=cp1252"\n"\\n"\n', ("cp1252", 3)),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; char"\n"set=cp1252\\n"\n', ("cp1252", 3)),
    ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n', None),
]


@pytest.mark.parametrize(("text", "declared"), DECLARED_CHARSETS)
def test_the_declared_charset_is_named_at_the_line_where_it_begins(text: str, declared: tuple[str, int] | None) -> None:
    from tools.catalogues import _declared_charset

    assert _declared_charset(text) == declared


# (the bytes a file starts with: the error, at line 1, that names its byte order mark)
REFUSED_BOM = "byte order mark (BOM), which msgfmt refuses; save the file as UTF-8"
BOMS = [
    (b"\xef\xbb\xbf", f"the file starts with a UTF-8 {REFUSED_BOM} without BOM"),
    (b"\xff\xfe\x00\x00", f"the file starts with a UTF-32 {REFUSED_BOM}"),
    (b"\xfe\xff", f"the file starts with a UTF-16 {REFUSED_BOM}"),
]


@pytest.mark.parametrize(("bom", "message"), BOMS)
def test_a_byte_order_mark_is_refused_in_full(tmp_path: Path, bom: bytes, message: str) -> None:
    path = write(tmp_path, "")
    path.write_bytes(bom + path.read_bytes())
    error = error_of(path)
    assert (error.path, error.line, error.message) == (path, 1, message)


NOT_TEXT = " is not a text encoding gettext reads catalogues in; use UTF-8"
# (a header: the one problem its charset gives, line and message)
CHARSET_PROBLEMS = [
    ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n', (1, "the header declares no charset (add 'Content-Type: text/plain; "
                                                  "charset=UTF-8')")),
    (HEADER.replace("UTF-8", "CHARSET"), (3, "the header charset is the template placeholder CHARSET; set it to "
                                             "UTF-8")),
    (HEADER.replace("UTF-8", "rot13"), (3, "charset rot13" + NOT_TEXT)),

    (HEADER.replace("UTF-8", "a" * 40), (3, "charset " + "a" * 40 + NOT_TEXT)),
    (HEADER.replace("UTF-8", "a" * 41), (3, "charset " + repr("a" * 40) + NOT_TEXT)),
    (HEADER.replace("UTF-8", "b\\001x"), (3, "charset 'b\\x01x'" + NOT_TEXT)),
]  # fmt: skip


@pytest.mark.parametrize(("header", "problem"), CHARSET_PROBLEMS)
def test_a_charset_that_cannot_be_used_is_named_in_full(tmp_path: Path, header: str, problem: tuple[int, str]) -> None:
    from tools.catalogues import read_catalogue

    catalogue = read_catalogue(write(tmp_path, "", header=header))
    assert [(p.line, p.message, p.severity) for p in catalogue.problems] == [(*problem, "error")]


# (charset, the messages' bytes, msgfmt's count of translated messages or None if it refuses the file, the
# reader's problems). gettext knows UTF-8 and ISO-8859-1 by these names only: under another (UTF8, latin-1),
# which Python knows, msgfmt warns and takes the bytes unconverted, so it counts a file it would refuse as UTF-8.
OTHER_NAMES = [
    ("UTF8", "Un été".encode(), 1, []),
    ("latin-1", "Un été".encode("latin-1"), 1, []),
    ("UTF8", b"Un \x80t\xe9", 1, [(3, "error")]),
    ("utf8", b"Un \x80t\xe9", 1, [(3, "error")]),
    ("UTF-8", b"Un \x80t\xe9", None, None),
]


@pytest.mark.parametrize(("charset", "translation", "counted", "problems"), OTHER_NAMES)
def test_a_charset_under_a_name_gettext_does_not_know_is_read_as_msgfmt_reads_it(
    tmp_path: Path, charset: str, translation: bytes, counted: int | None, problems: list | None
) -> None:
    from tools.catalogues import read_catalogue
    from tools.stats import catalogue_stats

    path = write(tmp_path, "", header=HEADER.replace("UTF-8", charset))
    path.write_bytes(path.read_bytes() + b'msgid "A summer"\nmsgstr "' + translation + b'"\n')
    if counted is None:
        assert error_of(path).line == 7
        return
    assert catalogue_stats(path).translated == counted
    found = read_catalogue(path).problems
    assert [(p.line, p.severity) for p in found] == problems
    assert all(f"charset {charset} is not a name gettext knows" in p.message for p in found)
    if shutil.which("msgfmt"):
        done = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and done.stderr.startswith(
            f'{path}: warning: Charset "{charset}" is not a portable'
        )
        assert f"{counted} translated message" in done.stderr


def test_a_link_out_of_the_locale_folder_is_refused_in_full(tmp_path: Path) -> None:
    real = write(tmp_path, "", name="other/x.po")
    link = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "x.po"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    error = error_of(link)
    assert (error.line, error.message) == (1, f"symbolic link to {real}, outside {tmp_path / 'locale'}: a catalogue "
                                           "is read only from inside its locale folder")  # fmt: skip


def test_a_regular_file_is_read_whatever_its_name(tmp_path: Path) -> None:
    from tools.catalogues import read_catalogue_bytes

    (tmp_path / "notes.txt").write_bytes(b"anything")
    assert read_catalogue_bytes(tmp_path / "notes.txt") == b"anything"


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_a_folder_named_like_a_catalogue_is_refused_as_a_folder_even_when_it_cannot_be_listed(tmp_path: Path) -> None:
    (tmp_path / "x.po").mkdir(mode=0)
    try:
        assert (error_of(tmp_path / "x.po").line, error_of(tmp_path / "x.po").message) == (
            1,
            "a folder, not a catalogue file",
        )
    finally:
        (tmp_path / "x.po").chmod(0o700)


def _fstat_saying(monkeypatch: pytest.MonkeyPatch, **fields: int) -> None:
    """``os.fstat`` as it would answer once the name was replaced, or the file grew, after ``os.stat``."""
    import stat

    real = os.fstat

    def fstat(descriptor: int) -> os.stat_result:
        values = list(real(descriptor))
        values[stat.ST_MODE] = fields.get("mode", values[stat.ST_MODE])
        values[stat.ST_SIZE] = fields.get("size", values[stat.ST_SIZE])
        return os.stat_result(values)

    monkeypatch.setattr(os, "fstat", fstat)


def test_a_file_replaced_by_a_pipe_once_open_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stat

    from tools.catalogues import read_catalogue_bytes

    path = write(tmp_path, "")
    _fstat_saying(monkeypatch, mode=stat.S_IFIFO | 0o600)
    with pytest.raises(CatalogueError) as info:
        read_catalogue_bytes(path)
    assert (info.value.path, info.value.line, info.value.message) == (
        path,
        1,
        "a named pipe (FIFO), not a catalogue file",
    )


# (the file's real size, the size fstat said before it grew: what is read, with a limit of 100 bytes)
GROWN = [(80, b"x" * 80), (99, b"x" * 99), (100, b"x" * 100), (101, None), (150, None)]


@pytest.mark.parametrize(("size", "read"), GROWN)
def test_a_file_that_grows_while_read_is_read_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, read: bytes | None
) -> None:
    import tools.catalogues
    from tools.catalogues import read_catalogue_bytes

    path = tmp_path / "x.po"
    path.write_bytes(b"x" * size)
    monkeypatch.setattr(tools.catalogues, "MAX_FILE_BYTES", 100)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda name: os.stat_result([*list(real_stat(name))[:6], 50, *real_stat(name)[7:]]))
    _fstat_saying(monkeypatch, size=50)
    if read is not None:
        assert read_catalogue_bytes(path) == read
        return
    with pytest.raises(CatalogueError) as info:
        read_catalogue_bytes(path)
    assert (info.value.path, info.value.line, info.value.message) == (path, 1, "file exceeds the limit of 100 bytes")


def test_a_file_that_cannot_be_read_is_named_with_the_reason(tmp_path: Path) -> None:
    error = error_of(tmp_path / "missing.po")
    assert (error.path, error.line, error.message) == (
        tmp_path / "missing.po",
        1,
        "cannot read: No such file or directory",
    )
