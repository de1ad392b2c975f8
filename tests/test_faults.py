"""Faults found by an adversarial review of the promises in README.md ("Security", "When the build fails"): one
test per finding. Those still open are marked xfail(strict=True), so that a fix makes them pass and the marker
must then go. Offline; each runs in seconds (at most one Sphinx process)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from helpers import copy_project, run_in_process, run_tools, tools_command

MSGFMT = shutil.which("msgfmt")


def run(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return run_tools(*args, root=root, cwd=root, timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert "Exception in thread" not in done.stderr, done.stderr


def test_build_with_negative_jobs_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    """`build --jobs -1` (or any negative) reached ThreadPoolExecutor: ValueError traceback, exit 1.
    `--jobs 0` is taken as 'one per core'; a negative count should be refused by argparse (exit 2)."""
    project = copy_project(tmp_path)
    done = run(project.root, "build", "--jobs", "-1", "--lang", "fr", "--format", "html")
    one_line_error(done)
    assert done.returncode == 2


def test_build_with_a_huge_timeout_has_no_traceback_and_keeps_a_limit(tmp_path: Path) -> None:
    """`build --timeout 1e300`: the timer thread dies with 'OverflowError: timestamp out of range for platform
    time_t' (a traceback on stderr), so no limit is enforced, and the build still exits 0. (`--timeout -5` and
    `--timeout nan` are silently 'no limit' too; the help text only names 0 for that.)"""
    project = copy_project(tmp_path)
    done = run(project.root, "build", "--timeout", "1e300", "--lang", "fr", "--format", "html")
    one_line_error(done)


def test_fail_under_nan_does_not_pass_the_gate(tmp_path: Path) -> None:
    """`stats --fail-under nan`: every comparison with NaN is false, so the CI gate passes whatever the coverage.
    It should be a usage error (argparse type accepting only 0..100)."""
    project = copy_project(tmp_path)
    catalogue = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    text = catalogue.read_text("utf-8")
    catalogue.write_text(text.replace('msgstr "Résumé"', 'msgstr ""'), "utf-8")
    assert run(project.root, "stats", "--fail-under", "100").returncode == 1  # the gate works with a number
    assert run(project.root, "stats", "--fail-under", "nan").returncode != 0


@pytest.mark.xfail(strict=True, reason="only Sphinx's last stderr line is shown")
def test_update_names_the_english_file_sphinx_cannot_read(tmp_path: Path) -> None:
    """An English source that is not UTF-8 (`printf '\\xff\\xfe' >> docs/index.md`): `update` and `check --sync`
    print only the last line of Sphinx's stderr, 'error: Please also report this if it was a user error, so
    that a better error message can be provided next time.', which names neither the file nor the cause
    (UnicodeDecodeError). Expected: `docs/index.md: ...` naming the problem."""
    project = copy_project(tmp_path)
    with (project.root / "docs" / "index.md").open("ab") as source:
        source.write(b"\n\xff\xfe not UTF-8 \x80\n")
    done = run(project.root, "update")
    assert done.returncode == 2
    one_line_error(done)
    assert "Please also report this" not in done.stderr
    assert "index.md" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("comment", "canonical"),
    [("#,fuzzy", "#, fuzzy"), ("#:docs/index.md", "#: docs/index.md"), ("#.a note", "#. a note")],
    ids=["flag-without-space", "reference-without-space", "extracted-without-space"],
)
@pytest.mark.parametrize("command", ["check", "purge", "update"])
def test_comment_without_space_after_its_marker(tmp_path: Path, comment: str, canonical: str, command: str) -> None:
    """`#,fuzzy` (no space after `#,`; also `#:file` and `#.text`) is valid for `msgfmt -c`, but polib, with
    which update and check --fix wrote catalogues, raised OSError('Syntax error in po file'): a traceback from
    `check`, 'cannot write: None' from `update` and `purge`. The project's reader reads it as msgfmt does:
    `check` warns at its line, `update` and `purge` write it in the canonical form and lose nothing."""
    project = copy_project(tmp_path)
    catalogue = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    text = catalogue.read_text("utf-8")
    anchor = '#: docs/index.md\nmsgid "Summary"\n'
    assert anchor in text
    catalogue.write_text(text.replace(anchor, f"{comment}\n{anchor}", 1), "utf-8")
    before = catalogue.read_text("utf-8")
    line = before.splitlines().index(comment) + 1
    done = run(project.root, command, *(["--select", "syntax"] if command == "check" else []))
    one_line_error(done)
    assert "cannot write: None" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    written = catalogue.read_text("utf-8")
    if command == "check":
        assert re.search(rf"index.po:{line}: WARNING: \[syntax\] write a space after", done.stdout), done.stdout
    elif command == "purge":
        assert written == before  # nothing obsolete to remove: nothing written
    elif comment.startswith("#."):
        # As with msgmerge, extracted comments come from the English source: a hand-written one goes.
        assert comment not in written.splitlines() and canonical not in written.splitlines()
    else:
        assert comment not in written.splitlines() and canonical in written.splitlines()


def test_update_keeps_the_previous_msgid_of_an_obsolete_entry(tmp_path: Path) -> None:
    """msgmerge --previous writes `#~| msgid "…"` on an obsolete fuzzy entry (and `#~| msgctxt`); `update` (and
    `check --fix`, whose canonical form is the same) silently drops those lines, so an entry that comes back
    fuzzy has lost the English its translation was made for. msgfmt -c accepts the input. Fixed by the
    project's own reader and writer, which keep every part of an entry gettext has."""
    project = copy_project(tmp_path)
    catalogue = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    catalogue.write_text(
        catalogue.read_text("utf-8")
        + '\n#, fuzzy\n#~| msgid "The previous English"\n#~ msgid "Gone with prev"\n#~ msgstr "Parti"\n',
        "utf-8",
    )
    if MSGFMT:
        assert subprocess.run([MSGFMT, "-c", "-o", os.devnull, str(catalogue)]).returncode == 0
    done = run(project.root, "update", "--lang", "fr")
    assert done.returncode == 0, done.stderr
    assert '#~| msgid "The previous English"' in catalogue.read_text("utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads children from Linux's /proc")
def test_serve_preview_dies_with_its_parent(tmp_path: Path) -> None:
    """`python -m tools serve fr` runs sphinx_autobuild with plain subprocess.run, not through
    tools.children: SIGTERM to the tools process (what tests/test_workflow.py's server.terminate() does, and a
    closed terminal or a CI cancel) leaves sphinx_autobuild running, reparented to PID 1, holding the port.
    Several such orphans from test_serve_rebuilds_when_a_catalogue_changes were alive on the review machine."""
    pytest.importorskip("sphinx_autobuild", reason="pip install -e '.[serve]'")
    project = copy_project(tmp_path)
    server = subprocess.Popen(
        tools_command("serve", "fr", "--port", str(_free_port()), root=project.root),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project.root,
    )  # fmt: skip
    children: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while not children and time.monotonic() < deadline:
            time.sleep(0.2)
            children = _children(server.pid)
        assert children, "serve started no child process"
        server.terminate()
        server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        survivors = [c for c in children if _alive(c)]
        assert not survivors, f"sphinx_autobuild {survivors} outlived `tools serve`"
    finally:
        if server.poll() is None:
            server.kill()
        for child in children:  # only the processes this test started
            if _alive(child):
                os.kill(child, signal.SIGKILL)


@pytest.mark.xfail(strict=True, reason="Sphinx's gettext references are relative to the temporary folder")
@pytest.mark.parametrize("folder", ["with space", "with\nnewline"], ids=["space", "newline"])
def test_update_in_a_folder_whose_path_has_a_space(tmp_path: Path, folder: str) -> None:
    """A project checked out under a path with a space (`~/My Documents/…`): `update` rewrites every
    `#: docs/index.md:10` of every catalogue as `#: ../with ../../gettext-k3x9/space/docs/index.md:10` (the
    .pot references are relative to the random temporary folder and split at the space), so each run rewrites
    every catalogue again ("a second run changes nothing" fails) and the reports name nonsense paths. With a
    newline in the path the .pot cannot be parsed and update exits 2 with 'error: ROOT: cannot write: None'."""
    root = tmp_path / folder
    root.mkdir()
    project = copy_project(root)
    catalogue = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    first = run(project.root, "update", "--lang", "fr")
    assert first.returncode == 0, first.stderr
    text = catalogue.read_text("utf-8")
    assert "#: docs/index.md:10\n" in text, [line for line in text.splitlines() if line.startswith("#:")][:3]
    second = run(project.root, "update", "--lang", "fr")
    assert catalogue.read_text("utf-8") == text
    assert "updated" not in second.stdout, second.stdout


@pytest.mark.xfail(strict=True, reason="glossary.csv is decoded without error handling")
@pytest.mark.parametrize("command", [("glossary", "CoP"), ("check", "--select", "glossary")], ids=["glossary", "check"])
def test_glossary_csv_that_is_not_utf8_is_a_one_line_error(tmp_path: Path, command: tuple[str, ...]) -> None:
    """locale/glossary.csv saved in Latin-1 or Windows-1252 (`printf 'en,es,fr,note\\nbad\\xff,x,y,z\\n'`):
    `glossary` and `check` end in 'UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff' tracebacks (exit 1);
    `build` and `update` fail with only Sphinx's 'Please also report this if it was a user error' line.
    Expected: `locale/glossary.csv:2: not UTF-8 …` and exit 2."""
    project = copy_project(tmp_path)
    (project.root / "locale" / "glossary.csv").write_bytes(b"en,es,fr,note\nbad\xff,x,y,z\n")
    done = run(project.root, *command)
    one_line_error(done)
    assert "glossary.csv:2" in done.stderr, done.stderr
    assert done.returncode == 2


def test_glossary_csv_with_a_byte_order_mark_is_not_silently_empty(tmp_path: Path) -> None:
    """A glossary.csv saved by Excel as 'CSV UTF-8' starts with a BOM: its first column is then '\\ufeffen',
    not 'en', every term is silently dropped (`glossary CoP`: 'no glossary entry', and the glossary check and
    page have no terms), with no message. Expected: the BOM refused with a message naming it (as for a .po),
    or read as the header 'en'."""
    project = copy_project(tmp_path)
    csv = project.root / "locale" / "glossary.csv"
    assert run(project.root, "glossary", "CoP").returncode == 0
    csv.write_bytes(b"\xef\xbb\xbf" + csv.read_bytes())
    done = run(project.root, "glossary", "CoP")
    assert done.returncode == 0 or "BOM" in done.stderr or "byte order mark" in done.stderr, done.stderr


@pytest.mark.parametrize("command", ["languages", "purge", "update"])
def test_a_missing_root_is_an_error_naming_it(tmp_path: Path, command: str) -> None:
    """`--root` to a folder that does not exist (a typo in a CI step): `languages` prints `en` and exits 0 (a
    build matrix of the source language only), `purge` exits 0 having done nothing, `update` says
    'error: ROOT: cannot write: No such file or directory' although it had nothing to write. `stats` and `check`
    get it right: 'ROOT/locale: no such file or folder', exit 2."""
    missing = tmp_path / "no-such-project"
    done = run_tools(command, root=missing, timeout=60)
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr, done.stderr


def test_serve_without_its_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the ``serve`` extra, one line that says what to install, not "No module named sphinx_autobuild"."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "sphinx_autobuild" else real(name, *a)
    )
    done = run_in_process("serve", "fr")
    assert done.returncode == 2
    assert done.stderr == (
        'error: the preview needs sphinx-autobuild, which is not installed: pip install -e ".[serve]" '
        "(or tox -e serve -- LANG)\n"
    )
