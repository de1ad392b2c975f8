"""Random and mutated catalogues: stats and check never crash, and what they accept, gettext reads alike."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import pytest
from corpus import MSGFMT, msgfmt_statistics
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_stats import SAMPLE

from tools.__main__ import main
from tools.catalogs import CatalogError
from tools.stats import catalog_stats

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
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([command, folder, "--format", "json"])
        return status, out.getvalue(), err.getvalue()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_stats_never_crashes(data: bytes) -> None:
    status, out, err = run_command("stats", data)
    assert status in (0, 2)
    document = json.loads(out)
    if status == 2:
        assert len(document["errors"]) == 1 and document["languages"] == []
        assert err.count("\n") == 1 and "/x.po:" in err
    else:
        assert document["errors"] == [] and err == ""


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_check_never_crashes(data: bytes) -> None:
    status, out, err = run_command("check", data)
    assert status in (0, 1, 2)
    document = json.loads(out)
    assert all(f["line"] >= 1 or f["check"] == "syntax" for f in document["findings"])
    assert (status == 2) == any(f["check"] == "syntax" for f in document["findings"])
    assert "Traceback" not in err


@pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_what_the_validator_accepts_msgfmt_reads_the_same(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.po"
        path.write_bytes(data)
        try:
            stats = catalog_stats(path)
        except CatalogError:
            return
        assert msgfmt_statistics(path) == (stats.translated, stats.fuzzy, stats.untranslated)
