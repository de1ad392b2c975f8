"""Strict catalogue validation, and the state of the project's own catalogues."""

from __future__ import annotations

import re
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
