"""Random and mutated catalogues: stats and check never crash, and what they accept, gettext reads alike."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import MSGFMT, msgfmt_statistics
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_stats import SAMPLE

from tools import extract
from tools.catalogues import CatalogueError, find_catalogues, validate_all
from tools.stats import catalogue_stats

from helpers import ROOT, copy_project, run_in_process, run_tools, tools_command

PIECES = ['"', "\\", "\n", "#", "#~ ", "#, fuzzy\n", " ", "msgid ", "msgstr ", "msgstr[1] ", "msgctxt ", '""', "é"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    text = SAMPLE
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        operation = draw(st.sampled_from(["delete", "insert", "duplicate", "drop", "swap", "truncate"]))
        position = draw(st.integers(0, max(0, len(text) - 1)))
        if operation == "delete":
            text = text[:position] + text[position + 1 :]
        elif operation == "insert":
            text = text[:position] + draw(st.sampled_from(PIECES)) + text[position:]
        elif operation == "truncate":
            text = text[:position]
        else:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if operation == "duplicate":
                lines.insert(i, lines[i])
            elif operation == "drop":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text.encode("utf-8")


inputs = st.one_of(mutated(), st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8")))


def run_command(command: str, data: bytes) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fr" / "LC_MESSAGES" / "x.po"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        return run_in_process(command, folder, "--format", "json")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_stats_never_crashes(data: bytes) -> None:
    status, out, err = run_command("stats", data)
    assert status in (0, 2)
    document = json.loads(out)
    if status == 2:
        assert len(document["errors"]) == 1 and err.count("\n") == 1 and "/x.po:" in err
        # The file is a failed row of its language, never left out.
        (row,) = [f for language in document["languages"] for f in language["files"]]
        assert row["error"] == {k: document["errors"][0][k] for k in ("line", "message")}
    else:
        assert document["errors"] == [] and err == ""


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_check_never_crashes(data: bytes) -> None:
    status, out, err = run_command("check", data)
    assert status in (0, 1, 2)
    document = json.loads(out)
    assert all(f["line"] >= 1 or f["check"] == "syntax" for f in document["findings"])
    assert (status == 2) == any(f["check"] == "syntax" and f["severity"] == "error" for f in document["findings"])
    assert "Traceback" not in err


@pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_what_the_validator_accepts_msgfmt_reads_the_same(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.po"
        path.write_bytes(data)
        try:
            stats = catalogue_stats(path)
        except CatalogueError:
            return
        assert msgfmt_statistics(path) == (stats.translated, stats.fuzzy, stats.untranslated)


# -- every command, on mutations of the project's own catalogue ---------------------------------------------

INDEX = (ROOT / "locale" / "fr" / "LC_MESSAGES" / "index.po").read_bytes()
ERROR_LINE = re.compile(r"(error: )?\S[^:]*\.po:\d+: \S.*")
CHECK_LINE = re.compile(r"\S[^:]*\.po:\d+: (ERROR|WARNING): \[[\w-]+\] \S.*")
SUMMARY = re.compile(
    r"1 catalogue checked: (no problem found|(?P<errors>\d+) errors?, (?P<warnings>\d+) warnings?)(, .*)?"
)
HOSTILE = [
    b"\xef\xbb\xbf" + INDEX,
    re.sub(rb"charset=[\w-]+", b"charset=rot13", INDEX),
    re.sub(rb"charset=[\w-]+", b"charset=hex", INDEX),
    b"# charset=latin-1\n" + INDEX,
    re.sub(rb"plural=[^;]*;", b"plural=n>1 ?;", INDEX, count=1),
    INDEX + b'\nmsgid "x"\nmsgstr "' + b"*a" * 30_000 + b'"\n',
    INDEX.replace(b"\\n", b"n", 3),  # header fields run together: msgfmt reads them, so do we
]


@st.composite
def index_mutations(draw: st.DrawFn) -> bytes:
    data = INDEX
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["delete", "insert", "truncate", "bytes", "line"]))
        if operation == "delete":
            data = data[:position] + data[position + draw(st.integers(1, 40)) :]
        elif operation == "insert":
            data = data[:position] + draw(st.sampled_from(PIECES)).encode() + data[position:]
        elif operation == "truncate":
            data = data[:position]
        elif operation == "bytes":
            data = data[:position] + draw(st.binary(min_size=1, max_size=8)) + data[position:]
        else:
            lines = data.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


any_catalogue = st.one_of(index_mutations(), st.sampled_from(HOSTILE), st.binary(max_size=200))


def assert_clean(status: int, out: str, err: str, statuses: tuple[int, ...] = (0, 1, 2)) -> None:
    assert status in statuses
    assert "Traceback" not in out + err
    for line in err.splitlines():
        if ".po" in line:
            assert ERROR_LINE.fullmatch(line), line


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(any_catalogue)
def test_stats_check_and_the_build_validation_never_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fr" / "LC_MESSAGES" / "index.po"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        status, out, err = run_in_process("stats", folder)
        assert_clean(status, out, err, (0, 2))
        status, out, err = run_in_process("check", folder)
        assert_clean(status, out, err)
        *findings, summary = out.splitlines()
        for line in findings:
            assert CHECK_LINE.fullmatch(line), line
        # The summary counts the lines above it.
        counted = SUMMARY.fullmatch(summary)
        assert counted, summary
        severities = [line.split(": ")[1] for line in findings]
        assert int(counted["errors"] or 0) == severities.count("ERROR"), out
        assert int(counted["warnings"] or 0) == severities.count("WARNING"), out
        # What the build runs before Sphinx: one line per invalid catalogue.
        errors = list(validate_all(find_catalogues([Path(folder) / "fr"])))
        assert status == 2 or not errors  # check also reports what Babel cannot read
        for error in errors:
            assert ERROR_LINE.fullmatch(str(error)) and error.line >= 1, str(error)


@pytest.fixture(scope="module")
def update_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the project whose English messages are extracted once, not by Sphinx on every example."""
    root = tmp_path_factory.mktemp("update")
    copy_project(root)
    pots = tmp_path_factory.mktemp("pots")
    extract.run_gettext_builder(root, pots)
    patch = pytest.MonkeyPatch()
    patch.setattr(
        extract, "run_gettext_builder", lambda _root, outdir: shutil.copytree(pots, outdir, dirs_exist_ok=True)
    )
    yield root
    patch.undo()


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=any_catalogue)
def test_update_never_crashes(update_project: Path, data: bytes) -> None:
    path = update_project / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    path.write_bytes(data)
    status, out, err = run_in_process("update", "--lang", "fr", root=update_project)
    assert_clean(status, out, err, (0, 2))
    assert (status == 2) == ("error: " in err)
    if status == 2:
        assert err.count("\n") == 1 and path.read_bytes() == data  # nothing rewritten


def test_hostile_catalogues_through_the_command_line(tmp_path: Path) -> None:
    for index, data in enumerate(HOSTILE):
        (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        (tmp_path / "fr" / "LC_MESSAGES" / f"h{index}.po").write_bytes(data)
    os.mkfifo(tmp_path / "fr" / "LC_MESSAGES" / "fifo.po")
    (tmp_path / "fr" / "LC_MESSAGES" / "folder.po").mkdir()
    for command in ("stats", "check"):
        done = run_tools(command, str(tmp_path), timeout=60)
        assert_clean(done.returncode, done.stdout, done.stderr, (2,))
        lines = (done.stdout + done.stderr).splitlines()
        named = [line for line in lines if ".po:" in line and (command == "stats" or "[syntax]" in line)]
        # The charset in a comment and the fields run together are harmless; the FIFO and the folder are not.
        assert len(named) == len(HOSTILE) - 2 + 2, named


@pytest.mark.parametrize("command", [["stats", "--format", "json"], ["check", "--format", "json"], ["languages"]])
def test_a_reader_that_goes_away_gets_no_traceback(command: list[str]) -> None:
    """`python -m tools stats | head -1`: the pipe closes before the command has written all it had."""
    process = subprocess.Popen(
        tools_command(*command),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything: its first write fails with EPIPE
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "Traceback" not in stderr, stderr
