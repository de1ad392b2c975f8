"""The project's one reader of catalogues reads as GNU gettext reads: pinned cases, then generated ones.

``msgfmt`` is the reference. Where it refuses a file, the reader refuses it (a failed row in ``stats``); where it
reads one, the reader reads it too, with the same counts, and says as a ``syntax`` warning what other tools
would misread.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from corpus import MSGFMT, msgfmt_statistics
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import index_mutations, mutated

from tools.catalogues import CatalogueError, read_catalogue
from tools.stats import catalogue_stats

from helpers import run_in_process

needs_msgfmt = pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)

# (case, catalogue body after the header, (translated, fuzzy, untranslated) as msgfmt counts, warning or "")
PINNED = [
    ("a stray quote in the flags", '#," fuzzy\nmsgid "One"\nmsgstr "Uno"\n', (0, 1, 0), "write a space after '#,'"),
    ("flags without a space", '#,fuzzy\nmsgid "One"\nmsgstr "Uno"\n', (0, 1, 0), "write a space after '#,'"),
    (
        "two flags lines: msgfmt reads the last",
        '#, fuzzy\n#, python-format\nmsgid "One %s"\nmsgstr "Uno %s"\n',
        (1, 0, 0),
        "a second flags line (the first is line 7)",
    ),
    ("two flags lines, fuzzy last", '#, python-format\n#, fuzzy\nmsgid "One"\nmsgstr "Uno"\n', (0, 1, 0), "second"),
    ("msgstr without a space", 'msgid "One"\nmsgstr"Uno"\n', (1, 0, 0), "missing space between msgstr"),
    ("empty msgstr without a space", 'msgid "One"\nmsgstr""\n', (0, 0, 1), "missing space between msgstr"),
    ("msgid without a space", 'msgid"One"\nmsgstr "Uno"\n', (1, 0, 0), "missing space between msgid"),
    ("two strings on one line", 'msgid "One"\nmsgstr "Un" "o"\n', (1, 0, 0), "several strings or keywords on one"),
    ("two entries on one line", 'msgid "One" msgstr "Uno" msgid "Two" msgstr ""\n', (1, 0, 1), "several strings"),
    ("a keyword, its string on the next line", 'msgid\n"One"\nmsgstr "Uno"\n', (1, 0, 0), ""),
    ("a blank line inside an entry", 'msgid "One"\n\nmsgstr "Uno"\n', (1, 0, 0), ""),
    ("a backslash joining two lines", 'msgid "One"\nmsgstr "U\\\nno"\n', (1, 0, 0), "ends with a backslash"),
    ("a fuzzy entry ending in a line break", '#, fuzzy\nmsgid "One"\nmsgstr "Uno\\n"\n', (0, 1, 0), ""),
    ("a comment after the msgstr", 'msgid "One"\nmsgstr "Uno"\n# note\n\nmsgid "Two"\nmsgstr ""\n', (1, 0, 1), ""),
    ("fuzzy and untranslated", '#, fuzzy\nmsgid "One"\nmsgstr ""\n', (0, 0, 1), ""),
    ("a plural entry", 'msgid "One"\nmsgid_plural "Ones"\nmsgstr[0] "Uno"\nmsgstr[1] "Unos"\n', (1, 0, 0), ""),
]
# A real python-docs-es header whose backslash went missing: two fields run together in one line.
RUN_TOGETHER = HEADER.replace('(n != 1);\\n"', '(n != 1);nMIME-Version: 1.0\\n"')
REFUSED = [
    # (case, body, line msgfmt and the reader stop at)
    ("an obsolete entry repeating a live one", 'msgid "One"\nmsgstr "Uno"\n\n#~ msgid "One"\n#~ msgstr "U"\n', 10),
    ("a comment ending in a backslash", '# note \\\nmsgid "One"\nmsgstr "Uno"\n', 7),
    ("an unknown escape", 'msgid "One"\nmsgstr "U\\q"\n', 8),
    ("an entry without msgstr", 'msgid "One"\n\nmsgid "Two"\nmsgstr "Dos"\n', 7),
    ("msgstr[1] before msgstr[0]", 'msgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\nmsgstr[0] "d"\n', 9),
]


def _write(folder: Path, text: str) -> Path:
    path = folder / "es" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@needs_msgfmt
@pytest.mark.parametrize(("case", "body", "counts", "warning"), PINNED, ids=[p[0] for p in PINNED])
def test_what_msgfmt_reads_is_read_alike_and_warned_about(
    tmp_path: Path, case: str, body: str, counts: tuple[int, int, int], warning: str
) -> None:
    path = _write(tmp_path, HEADER + body)
    assert msgfmt_statistics(path) == counts, "the table is wrong about msgfmt"
    stats = catalogue_stats(path)
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.error) == (*counts, None)
    done = run_in_process("check", "--format", "json", str(path))
    syntax = [f for f in json.loads(done.stdout)["findings"] if f["check"] == "syntax"]
    if warning:
        assert [f["severity"] for f in syntax] == ["warning"] and warning in syntax[0]["message"], syntax
    else:
        assert syntax == []
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr


def test_a_comment_after_a_msgstr_belongs_to_the_next_message(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + 'msgid "One"\nmsgstr "Uno"\n# note\n\nmsgid "Two"\nmsgstr ""\n')
    one, two = read_catalogue(path).entries
    assert (one.comments, two.comments) == ([], ["note"])


@needs_msgfmt
def test_header_fields_run_together_are_read_as_msgfmt_reads_them(tmp_path: Path) -> None:
    path = _write(tmp_path, RUN_TOGETHER + 'msgid "One"\nmsgstr "Uno"\n')
    assert msgfmt_statistics(path) == (1, 0, 0)
    stats = catalogue_stats(path)
    assert (stats.translated, stats.error) == (1, None)


@needs_msgfmt
@pytest.mark.parametrize(("case", "body", "line"), REFUSED, ids=[r[0] for r in REFUSED])
def test_what_msgfmt_refuses_is_refused_at_its_line(tmp_path: Path, case: str, body: str, line: int) -> None:
    path = _write(tmp_path, HEADER + body)
    assert msgfmt_statistics(path) is None, "the table is wrong about msgfmt"
    with pytest.raises(CatalogueError) as info:
        catalogue_stats(path)
    assert info.value.line == line


@needs_msgfmt
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated(), index_mutations(), st.binary(max_size=200)))
def test_on_generated_files_the_reader_accepts_what_msgfmt_accepts_and_counts_alike(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.po"
        path.write_bytes(data)
        expected = msgfmt_statistics(path)
        try:
            stats = catalogue_stats(path)
        except CatalogueError as error:
            assert expected is None, f"msgfmt reads what the reader refuses: {error}"
            return
        assert expected == (stats.translated, stats.fuzzy, stats.untranslated)


@needs_msgfmt
@pytest.mark.parametrize(
    "before",
    [b"#~ #\x80 x\n", b"#\x80 x\n", b"# \x80\n", b'#~ msgid "\x80"\n#~ msgstr "y"\n'],
)
def test_before_the_header_msgfmt_decodes_no_byte_and_neither_does_the_reader(tmp_path: Path, before: bytes) -> None:
    """msgfmt learns the charset from the header: what comes before it, comments or obsolete entries, it reads
    as bytes. The reader names the byte as an error of the project's, and counts as msgfmt counts."""
    path = _write(tmp_path, HEADER)
    path.write_bytes(before + path.read_bytes() + b'msgid "a"\nmsgstr "b"\n')
    assert msgfmt_statistics(path) is not None, "the table is wrong about msgfmt"
    stats = catalogue_stats(path)
    assert stats.translated == msgfmt_statistics(path)[0]
    assert stats.error is not None and stats.error.line == 1 and "byte 0x80" in stats.error.message


@needs_msgfmt
@pytest.mark.parametrize(
    ("body", "line"),
    [
        # A bad byte as the character after "#", which says the comment's kind: msgfmt stops there once it
        # knows the charset, which is after the entry that follows the header.
        (b'msgid "a"\nmsgstr "b"\n\n#\x80: x\nmsgid "c"\nmsgstr "d"\n', 4),
        (b'#\x80: x\nmsgid "c"\nmsgstr "d"\n', None),
        # Elsewhere in a comment it lets the byte pass.
        (b'msgid "a"\nmsgstr "b"\n\n# x\x80y\nmsgid "c"\nmsgstr "d"\n', None),
        (b'msgid "a"\nmsgstr "b"\n\n#: x\x80\nmsgid "c"\nmsgstr "d"\n', None),
        # After "#~", the mark of an obsolete entry, a "#" starts a comment too.
        (b'msgid "a"\nmsgstr "b"\n\n#~ #\x80 x\n', 4),
        (b'msgid "a"\nmsgstr "b"\n\n#~#\x80\n', 4),
        (b'msgid "a"\nmsgstr "b"\n\n#~ # \x80 x\n', None),
        (b'msgid "a"\nmsgstr "b"\n\n#~ msgid "\x80"\n#~ msgstr "x"\n', 4),
        # The entry after the header, whichever keyword starts it, obsolete or not, is read in its charset.
        (b'#~ msgid "\x80"\n#~ msgstr "x"\n', 1),
        (b'msgctxt "\x80"\nmsgid "a"\nmsgstr "b"\n', 1),
        (b'#~ msgctxt "\x80"\n#~ msgid "a"\n#~ msgstr "b"\n', 1),
    ],
)
def test_a_bad_byte_in_a_comment_stops_the_reader_where_it_stops_msgfmt(
    tmp_path: Path, body: bytes, line: int | None
) -> None:
    path = _write(tmp_path, HEADER)
    path.write_bytes(path.read_bytes() + body)
    header_lines = HEADER.count("\n")
    assert (msgfmt_statistics(path) is None) == (line is not None), "the table is wrong about msgfmt"
    if line is None:
        catalogue_stats(path)
        return
    with pytest.raises(CatalogueError) as info:
        catalogue_stats(path)
    assert info.value.line == header_lines + line
