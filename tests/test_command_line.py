"""What a translator reads from the command line: the help of each command, and the report of ``check``."""

from __future__ import annotations

import argparse
import configparser
import re
from pathlib import Path

import pytest

from tools.__main__ import _parser
from tools.checks import REGISTRY

from helpers import ROOT, copy_project, run_in_process

FR = Path("locale/fr/LC_MESSAGES/index.po")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_top_help_speaks_to_a_translator_not_to_a_developer() -> None:
    done = run_in_process("--help")
    assert done.returncode == 0
    assert "``" not in done.stdout and "tools/commands/" not in done.stdout
    assert "python -m tools check --lang fr" in done.stdout
    assert 'Run "python -m tools COMMAND --help"' in done.stdout


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_command_describes_itself_and_every_option(name: str) -> None:
    sub = _subcommands()[name]
    assert sub.description and sub.description.endswith("."), name
    undocumented = [a.dest for a in sub._actions if not a.help or a.help == argparse.SUPPRESS]
    assert undocumented == [], name


def test_check_help_lists_every_check_with_its_severity() -> None:
    done = run_in_process("check", "--help")
    assert done.returncode == 0
    rows = dict(re.findall(r"^  ([a-z]+) +(error|warning) ", done.stdout, re.MULTILINE))
    assert rows == {check.id: str(check.severity) for check in REGISTRY.values()}
    assert "``" not in done.stdout and "# ignore-<id>" in done.stdout


def test_root_after_the_command_and_help_in_any_order() -> None:
    assert run_in_process("check", "--help", "--root", str(ROOT)).returncode == 0


@pytest.fixture
def project(tmp_path: Path):
    return copy_project(tmp_path)


def test_check_says_so_when_nothing_is_wrong(project) -> None:
    done = run_in_process("check", "--lang", "fr", root=project.root, cwd=project.root)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "4 catalogues checked: no problem found, 1 silenced by # ignore- comments"


def test_check_labels_each_finding_and_closes_with_a_tally(project) -> None:
    path = project.root / FR
    text = path.read_text("utf-8")
    text = text.replace('msgstr "Résumé"', 'msgstr "Résumé `x`"')  # an error: a literal the English lacks
    text = text.replace('\nmsgid "Background"\n', '\n#| msgid "Context"\nmsgid "Background"\n')  # a warning
    path.write_text(text, "utf-8")
    done = run_in_process("check", "--lang", "fr", root=project.root, cwd=project.root)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any(re.fullmatch(rf"{FR}:\d+: ERROR: \[literals\] `x` is not in the English", line) for line in lines)
    assert any(re.fullmatch(rf"{FR}:\d+: ERROR: \[unsafe\] .*", line) for line in lines)
    assert any(re.fullmatch(rf"{FR}:\d+: WARNING: \[previous\] .*", line) for line in lines)
    assert lines[-1] == "4 catalogues checked: 2 errors, 1 warning, 1 silenced by # ignore- comments"
    json_run = run_in_process("check", "--lang", "fr", "--format", "json", root=project.root, cwd=project.root)
    assert json_run.stdout.startswith("{") and json_run.stdout.rstrip().endswith("}")


def test_check_fix_names_each_file_it_rewrote(project) -> None:
    path = project.root / FR
    path.write_text(path.read_text("utf-8").replace('msgstr "Résumé"', 'msgstr ""\n"Résumé"'), "utf-8")
    done = run_in_process("check", "--lang", "fr", "--fix", root=project.root, cwd=project.root)
    assert done.returncode == 0
    assert re.search(rf"^{FR}:\d+: FIXED: \[wrapping\] rewritten in the canonical form", done.stdout, re.MULTILINE)
    assert (
        done.stdout.splitlines()[-1]
        == "4 catalogues checked: no problem found, 1 silenced by # ignore- comments, 1 file fixed"
    )
    again = run_in_process("check", "--lang", "fr", "--fix", root=project.root, cwd=project.root)
    assert "FIXED" not in again.stdout


def test_the_translation_gate_runs_every_command_whatever_the_first_finds() -> None:
    """tox stops at the first failing command unless told; a translator at 97 % must see the checks too."""
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(ROOT / "tox.ini", encoding="utf-8")
    gate = tox["testenv:check"]
    assert gate.getboolean("ignore_errors") is True
    assert len(gate["commands"].split()) > 1
