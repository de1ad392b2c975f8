"""Catalogue input an attacker or an accident could supply: plural forms, charsets, BOMs, sizes, special files."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from corpus import MSGFMT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_catalogues import error_of

from tools import catalogues
from tools.__main__ import main
from tools.catalogues import CatalogueError, find_catalogues, read_valid, validate, validate_all
from tools.stats import catalogue_stats, collect

from helpers import copy_project, run_tools

needs_msgfmt = pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")


def header(plural_forms: str | None = "nplurals=2; plural=(n > 1);", charset: str = "UTF-8", extra: str = "") -> str:
    fields = f'"Content-Type: text/plain; charset={charset}\\n"\n"Language: fr\\n"\n{extra}'
    if plural_forms is not None:
        fields += f'"Plural-Forms: {plural_forms}\\n"\n'
    return f'msgid ""\nmsgstr ""\n{fields}\n'


BODY = 'msgid "Hello"\nmsgstr "Bonjour"\n\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "un"\nmsgstr[1] "%d"\n'


def write(folder: Path, text: str | bytes, name: str = "fr/LC_MESSAGES/x.po") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def msgfmt_accepts(path: Path) -> bool:
    assert MSGFMT
    done = subprocess.run([MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    return done.returncode == 0


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit status, the lines that name a catalogue (check prints them on stdout, stats on stderr), stderr."""
    status = main(list(args))
    out, err = capsys.readouterr()
    named = "".join(line.replace(" ERROR: [syntax]", "") + "\n" for line in (out + err).splitlines() if ".po:" in line)
    return status, named, err


# -- Plural-Forms ----------------------------------------------------------------------------------------------

PLURAL_TABLE = [
    ("nplurals=2; plural=(n > 1);", True),
    ("nplurals=2; plural=n>1 ?;", False),
    ("nplurals=2; plural=n>1", True),
    ("plural=n>1; nplurals=2;", True),
    ("nplurals=02; plural=n>1;", True),
    ("nplurals=2; plural=n>1; anything after the semicolon", True),
    ("nplurals=1; plural=0;", True),
    ("nplurals=0; plural=0;", False),
    ("nplurals=; plural=n>1;", False),
    ("nplurals=x; plural=n>1;", False),
    ("nplurals=2; plural=;", False),
    ("nplurals=2; plural=x;", False),
    ("nplurals=2; plural=n>>1;", False),
    ("nplurals=2; plural=-n;", False),
    ("nplurals=2; plural=n = 1;", False),
    ("nplurals=2; plural=n & 1;", False),
    ("nplurals=2; plural=(n > 1;", False),
    ("nplurals=2; plural=n > 1);", False),
    ("nplurals=2; plural=n ? 1;", False),
    ("nplurals=2; plural=n : 1;", False),
    ("nplurals=2; plural=3;", False),
    ("nplurals=2; plural=n-1;", False),
    ("nplurals=2; plural=n%0;", False),
    ("nplurals=2; plural=n==0 || 5/n;", True),
    ("nplurals=2; plural=n==0 && 5/n;", False),
    ("nplurals=2; plural=n == 1 ? 0 : n<5 ? 1:2;", False),
    ("nplurals=3; plural=n == 1 ? 0 : n<5 ? 1:2;", True),
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", True),
    ("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;", True),
    ("nplurals=2; plural=!n;", True),
    ("nplurals=2; plural=!!!(n != 1);", True),
    ("nplurals=2; plural=n ? n > 1 ? 1 : 0 : 0;", True),
    ("nplurals=2; plural=n > 1 ? 1 : 0 ? 1 : 0;", True),
    ("nplurals=2; plural=18446744073709551617 - 1;", True),  # the number wraps round to 1, as in C
    ("nplurals=2; plural=n*18446744073709551615 > 1;", True),
]


@pytest.mark.parametrize(("plural_forms", "valid"), PLURAL_TABLE)
def test_plural_forms_are_checked_as_msgfmt_checks_them(tmp_path: Path, plural_forms: str, valid: bool) -> None:
    path = write(tmp_path, header(plural_forms) + 'msgid "Hello"\nmsgstr "Bonjour"\n')
    if MSGFMT:
        assert msgfmt_accepts(path) == valid, "the table disagrees with this machine's msgfmt"
    if valid:
        validate(path)
    else:
        error = error_of(path)
        assert error.line == 5 and error.message.startswith("malformed Plural-Forms: "), error


@pytest.mark.parametrize("plural_forms", ["nplurals = 2; plural = n>1 ?;", "nplurals=2", "plural=n>1;"])
def test_a_plural_forms_field_msgfmt_would_not_check_is_refused(tmp_path: Path, plural_forms: str) -> None:
    # msgfmt looks for "nplurals=" and "plural=" and checks nothing when it finds neither; the build (Babel)
    # reads spaces around "=" and would compile the broken expression, so such a field is refused.
    error = error_of(write(tmp_path, header(plural_forms) + 'msgid "Hello"\nmsgstr "Bonjour"\n'))
    assert (error.line, error.message) == (5, "malformed Plural-Forms: expected 'nplurals=N; plural=EXPRESSION;'")


@needs_msgfmt
def test_plural_entries_must_have_nplurals_forms(tmp_path: Path) -> None:
    path = write(tmp_path, header() + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n')
    assert not msgfmt_accepts(path)
    assert "some messages have 3 plural forms" in error_of(path).message
    path.write_text(header("nplurals=3; plural=n%3;") + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n')
    assert not msgfmt_accepts(path)
    assert "some messages have only 2 plural forms" in error_of(path).message


def test_broken_plural_forms_fail_stats_check_and_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, header("nplurals=2; plural=n>1 ?;") + BODY)
    for command in ("stats", "check"):
        status, named, _err = run(capsys, command, str(tmp_path))
        assert status == 2, command
        assert f"{path}:5: malformed Plural-Forms: invalid plural expression" in named
    project = copy_project(tmp_path / "project")
    index = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    text = index.read_text("utf-8")
    index.write_text(re.sub(r"plural=[^;]*;", "plural=n>1 ?;", text, count=1), "utf-8")
    from tools.site_build import build

    assert build(project, languages=["fr"], formats=("html",)) == 1
    assert "index.po:" in capsys.readouterr().err and not project.site.exists()


_OPERATORS = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    choice = draw(st.integers(0, 6 if depth < 4 else 1))
    if choice == 0:
        return "n"
    if choice == 1:
        return str(draw(st.integers(0, 12)))
    if choice == 2:
        return "!" + draw(expressions(depth + 1))
    if choice == 3:
        return "(" + draw(expressions(depth + 1)) + ")"
    if choice == 4:
        a, b, c = (draw(expressions(depth + 1)) for _ in range(3))
        return f"{a} ? {b} : {c}"
    return f"{draw(expressions(depth + 1))} {draw(st.sampled_from(_OPERATORS))} {draw(expressions(depth + 1))}"


TOKENS = ["n", "1", "2", "0", "(", ")", "?", ":", "!", " ", "=", "&", "|", "-", "%", ";", "x", *_OPERATORS]
plural_expressions = st.one_of(expressions(), st.lists(st.sampled_from(TOKENS), max_size=12).map("".join))


@needs_msgfmt
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(nplurals=st.integers(0, 4), expression=plural_expressions)
def test_the_plural_parser_agrees_with_msgfmt(tmp_path: Path, nplurals: int, expression: str) -> None:
    path = write(tmp_path, header(f"nplurals={nplurals}; plural={expression};") + 'msgid "a"\nmsgstr "b"\n')
    try:
        validate(path)
        ours = True
    except CatalogueError:
        ours = False
    assert ours == msgfmt_accepts(path)


def test_two_header_fields_run_together_are_read_as_msgfmt_reads_them(tmp_path: Path) -> None:
    # The missing "\\" of "\\n": msgfmt warns about nothing fatal and counts the catalogue, and so do we.
    text = header("nplurals=2; plural=(n != 1);nMIME-Version: 1.0") + BODY
    path = write(tmp_path, text)
    if MSGFMT:
        assert msgfmt_accepts(path)
    stats = catalogue_stats(path)
    assert (stats.translated, stats.untranslated) == (2, 0)


# -- CatalogueError ----------------------------------------------------------------------------------------------


def test_catalog_errors_can_be_raised_and_pickled() -> None:
    error = CatalogueError(Path("x.po"), 3, "bad")
    with pytest.raises(CatalogueError) as info:
        raise error
    assert info.value.__traceback__ is not None
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.message, str(copy)) == (Path("x.po"), 3, "bad", "x.po:3: bad")
    assert copy == error


def test_one_broken_file_among_many_in_worker_processes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [write(tmp_path, header() + BODY, f"fr/LC_MESSAGES/f{i}.po") for i in range(40)]
    paths[7].write_text(header() + 'msgid "a"\nmsgstr b"\n', "utf-8")
    stats, errors = collect(paths, jobs=2)
    assert len(stats) == 40 and [s.path for s in stats if s.failed] == [e.path for e in errors] == [paths[7]]
    status, named, err = run(capsys, "stats", str(tmp_path), "--jobs", "2")
    assert status == 2 and named.count("\n") == 1 and "f7.po:8: msgstr" in named
    status, named, err = run(capsys, "check", str(tmp_path))
    assert status == 2 and "Traceback" not in err


def test_update_reports_an_invalid_catalogue_in_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    index = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    index.write_text(index.read_text("utf-8").replace('msgstr "', 'msgstr b"', 3), "utf-8")
    done = run_tools("update", "--lang", "fr", root=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert "index.po:" in done.stderr and "expected a string in double quotes" in done.stderr


# -- charsets and byte order marks -----------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["rot13", "hex", "base64", "zlib", "UTF-16", "utf_32", "cp500", "nonsense", ""])
def test_charsets_that_are_not_text_encodings_are_errors(
    tmp_path: Path, charset: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, header(charset=charset) + BODY)
    error = error_of(path)
    assert error.line == 3 and "is not a text encoding gettext reads catalogues in" in error.message
    for command in ("stats", "check"):
        status, named, err = run(capsys, command, str(tmp_path))
        assert status == 2 and "Traceback" not in err and f"{path}:3: charset" in named


def test_the_charset_comes_from_the_header_only(tmp_path: Path) -> None:
    text = "# charset=latin-1\n" + header(extra='"X-Note: charset=latin-1\\n"\n') + 'msgid "a"\nmsgstr "Résumé"\n'
    path = write(tmp_path, text)
    decoded, _header = read_valid(path)
    assert "Résumé" in decoded and "RÃ" not in decoded


def test_a_latin1_catalogue_is_read_as_latin1(tmp_path: Path) -> None:
    source = write(tmp_path, header() + 'msgid "Summary"\nmsgstr "Résumé « déjà »"\n' + BODY, "utf8.po")
    if shutil.which("msgconv"):
        converted = subprocess.run(
            ["msgconv", "--to-code=ISO-8859-1", str(source)], capture_output=True, check=True
        ).stdout
    else:
        converted = source.read_text("utf-8").replace("UTF-8", "ISO-8859-1").encode("latin-1")
    assert b"charset=ISO-8859-1" in converted and "é".encode("latin-1") in converted
    path = write(tmp_path, converted, "fr/LC_MESSAGES/latin1.po")
    text, _header = read_valid(path)
    assert "Résumé « déjà »" in text
    assert catalogue_stats(path).translated == catalogue_stats(source).translated == 3


@needs_msgfmt
def test_a_utf8_byte_order_mark_is_refused_as_msgfmt_refuses_it(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + (header() + BODY).encode())
    assert not msgfmt_accepts(path)
    error = error_of(path)
    assert error.line == 1 and "UTF-8 byte order mark (BOM)" in error.message and "without BOM" in error.message


def test_a_utf16_file_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, (header(charset="UTF-16") + BODY).encode("utf-16"))
    assert "UTF-16 byte order mark" in error_of(path).message


# -- limits ----------------------------------------------------------------------------------------------------


def test_a_50_mb_catalogue_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, header() + BODY)
    with path.open("ab") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: the size is what counts
    started = time.perf_counter()
    for command in ("stats", "check"):
        status, named, _err = run(capsys, command, str(tmp_path))
        assert status == 2 and f"{path}:1: file of 52,428,800 bytes exceeds the limit of 10,485,760" in named
    assert time.perf_counter() - started < 5


def test_a_catalogue_just_under_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogues, "MAX_FILE_BYTES", 4096)
    path = write(tmp_path, header() + BODY + "#" * (4096 - len((header() + BODY).encode()) - 1) + "\n")
    assert path.stat().st_size == 4096
    validate(path)
    path.write_bytes(path.read_bytes() + b"\n")
    assert "exceeds the limit of 4,096" in error_of(path).message


@pytest.mark.parametrize(
    ("msgstr", "message"),
    [
        ("*a" * 30_000, "msgstr has 30,000 markup characters (* _ ` [ ] < > { }), which exceeds the limit of 500"),
        ("[" * 501, "msgstr has 501 markup characters"),
        ("x" * (64 * 1024 + 1), "msgstr of 65,537 characters exceeds the limit of 65,536"),
    ],
)
def test_pathological_messages_are_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], msgstr: str, message: str
) -> None:
    path = write(tmp_path, header() + f'msgid "Hello"\nmsgstr "{msgstr}"\n')
    started = time.perf_counter()
    for command in ("stats", "check"):
        status, named, err = run(capsys, command, str(tmp_path))
        assert status == 2 and f"{path}:7: {message}" in named, err
    assert time.perf_counter() - started < 5


def test_messages_at_the_limits_are_accepted(tmp_path: Path) -> None:
    validate(write(tmp_path, header() + f'msgid "Hello"\nmsgstr "{"*" * 500}{"x" * (64 * 1024 - 500)}"\n'))


def test_escapes_are_read_in_linear_time(tmp_path: Path) -> None:
    path = write(tmp_path, header() + 'msgid "Hello"\nmsgstr "' + "\\t" * 30_000 + '"\n')
    started = time.perf_counter()
    validate(path)
    assert time.perf_counter() - started < 2


# -- special files and changing trees --------------------------------------------------------------------------


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "fr" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "outside":
        outside = tmp_path.parent / f"{tmp_path.name}-secret"
        outside.write_text(header() + BODY, "utf-8")
        path.symlink_to(outside)
    elif kind == "device":
        try:
            os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))  # a character device: /dev/null's numbers
        except PermissionError:
            pytest.skip("creating a device needs privileges")
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("folder", "a folder, not a catalogue file"),
        ("fifo", "a named pipe (FIFO), not a catalogue file"),
        ("device", "a device, not a catalogue file"),
        ("outside", "symbolic link to "),
    ],
)
def test_special_files_are_refused(tmp_path: Path, kind: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    path = _special(project, kind)
    assert find_catalogues([project]) == [path]
    outcome: list[list[CatalogueError]] = []
    worker = threading.Thread(target=lambda: outcome.append(list(validate_all(find_catalogues([project])))))
    worker.start()
    worker.join(10)
    assert outcome, "validation blocked on the file"
    assert len(outcome[0]) == 1 and f"{path}:1: {message}" in str(outcome[0][0])
    for command in ("stats", "check"):
        status, named, _err = run(capsys, command, str(project))
        assert status == 2 and named.count("\n") == 1 and f"{path}:1: {message}" in named


def test_a_link_inside_the_locale_folder_is_followed(tmp_path: Path) -> None:
    real = write(tmp_path, header() + BODY, "fr/LC_MESSAGES/real.po")
    link = tmp_path / "fr" / "LC_MESSAGES" / "link.po"
    link.symlink_to(real)
    validate(link)


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_the_build_refuses_special_files_before_sphinx_runs(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tools.site_build import build

    project = copy_project(tmp_path)
    (project.locale / "fr" / "LC_MESSAGES" / "x.po").parent.mkdir(exist_ok=True)
    path = _special(project.locale, kind)
    started = time.perf_counter()
    assert build(project, languages=["fr"], formats=("html",)) == 1
    err = capsys.readouterr().err
    assert "x.po:1: a " in err and "nothing was built" in err
    assert time.perf_counter() - started < 20 and path.exists()


def test_a_tree_that_changes_during_the_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = write(tmp_path, header() + BODY, "a/fr/LC_MESSAGES/x.po")
    (tmp_path / "locked").mkdir()
    (tmp_path / "gone").mkdir()
    real_scandir = os.scandir

    def scandir(folder: str | Path) -> object:
        name = Path(folder).name
        if name == "locked":
            raise PermissionError(13, "Permission denied", str(folder))
        if name == "gone":
            raise FileNotFoundError(2, "No such file or directory", str(folder))
        return real_scandir(folder)

    monkeypatch.setattr(catalogues.os, "scandir", scandir)
    found = find_catalogues([tmp_path])
    assert found == [good, tmp_path / "locked"]
    errors = list(validate_all(found))
    assert [(e.path, e.line) for e in errors] == [(tmp_path / "locked", 1)]
    assert "cannot read" in errors[0].message


@pytest.mark.parametrize("char", ["\x0c", "\x0b", "\u2028", "\x85"])
def test_other_line_breaks_are_named_at_their_line(tmp_path: Path, char: str) -> None:
    # Python's splitlines() breaks lines there and gettext does not: every later line number would be off.
    path = write(tmp_path, header() + f'#, fuzzy{char}\nmsgid "Hello"\nmsgstr "Bon{char}jour"\n')
    error = error_of(path)
    assert error.line == 7 and f"U+{ord(char):04X}" in error.message
