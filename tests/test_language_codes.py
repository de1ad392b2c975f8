"""A language code is checked wherever one is read: folder names under locale/, every --lang, the code of
add-language and serve, and the list the CI turns into its job matrix. Nothing else ever reaches a command."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tools.language_codes import code_problem

from helpers import ROOT, copy_project, run_in_process, run_tools

HOSTILE = 'fr"$(touch${IFS}PWNED)"'
# Shell, workflow-command and terminal payloads a folder name can carry (a name cannot hold "/" or NUL).
HOSTILE_NAMES = [
    HOSTILE,
    "fr`touch PWNED`",
    "fr;touch PWNED",
    "fr\n::error::injected",
    "fr\x1b]0;title\x07",
    "-fr",
    "fr fr",
    "pt-BR",
]


def tools(project_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tools(*args, root=project_root, cwd=project_root, timeout=120)


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with one more language folder whose name is a shell command substitution."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    folder = project.locale / HOSTILE / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(project.locale / "fr" / "LC_MESSAGES" / "index.po", folder)
    return project.root


COMMANDS = [
    ["languages"],
    ["languages", "--json"],
    ["build"],
    ["build", "--lang", "fr", "--format", "html"],
    ["stats"],
    ["stats", "--lang", "fr"],
    ["stats", "--format", "github"],
    ["check"],
    ["check", "--format", "github", "--lang", "fr"],
    ["check", "--select", "syntax", f"locale/{HOSTILE}/LC_MESSAGES/index.po"],
    ["stats", f"locale/{HOSTILE}"],
    ["update"],
    ["update", "--lang", "fr"],
    ["add-language", "pt"],
    ["serve", "fr", "--port", "1"],
    ["assemble"],
    ["glossary", "training"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_refuses_a_folder_not_named_by_a_language_code(hostile_project: Path, command) -> None:
    done = tools(hostile_project, *command)
    assert done.returncode == 2
    assert done.stdout == "", "nothing is listed, built or reported past the misnamed folder"
    assert done.stderr.splitlines() == [
        f"locale/{HOSTILE}: not a language code (a code such as fr, pt_BR, zh_Hans_CN or sr@latin)"
    ]
    assert not list(hostile_project.rglob("PWNED")) and not (hostile_project / "build").exists()


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=ascii)
def test_the_matrix_is_never_printed_with_a_misnamed_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "fr" / "LC_MESSAGES" / "index.po").write_text('msgid ""\nmsgstr ""\n', "utf-8")
    (tmp_path / "locale" / name / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / name / "LC_MESSAGES" / "index.po").write_text('msgid ""\nmsgstr ""\n', "utf-8")
    done = run_in_process("languages", "--json", root=tmp_path, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()  # one line, whatever the name holds: no forged log line or annotation
    assert line.startswith("locale/") and ": not a language code" in line
    assert line.isprintable(), ascii(line)
    if name == "pt-BR":
        assert line.endswith("did you mean pt_BR?")


def test_the_matrix_lists_only_language_codes() -> None:
    done = run_in_process("languages", "--json", root=ROOT, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    languages = json.loads(done.stdout)
    assert languages[:1] == ["en"] and {"es", "fr"} <= set(languages)
    assert [code for code in languages if code_problem(code)] == []
    assert done.stdout.count("\n") == 1, "one line, as $GITHUB_OUTPUT needs it"


@pytest.mark.parametrize("command", [["build"], ["stats"], ["check"], ["update"]], ids=" ".join)
@pytest.mark.parametrize("code", [HOSTILE, "fr\n::error::x", "../fr", "", "FR"], ids=ascii)
def test_every_lang_option_takes_only_a_language_code(tmp_path: Path, command, code: str) -> None:
    done = run_in_process(*command, "--lang", code, root=tmp_path, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    *usage, error = done.stderr.splitlines()  # argparse's usage, then the error on one line
    assert f"error: argument --lang: {code!r}: not a language code" in error
    assert usage[0].startswith("usage: ") and all(line.startswith(" ") for line in usage[1:])
    assert not list(tmp_path.rglob("PWNED"))


@pytest.mark.parametrize("command", ["add-language", "serve"])
def test_add_language_and_serve_take_only_a_language_code(tmp_path: Path, command: str) -> None:
    done = run_in_process(command, HOSTILE, root=tmp_path, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert f"error: argument LANG: {HOSTILE!r}: not a language code" in done.stderr
    hint = run_in_process(command, "pt-br", root=tmp_path, cwd=tmp_path)
    assert hint.returncode == 2 and "did you mean pt_BR?" in hint.stderr
    assert not list(tmp_path.rglob("PWNED")) and not (tmp_path / "locale").exists()
