"""The CI workflow runs no text from the repository as code, holds no credential it does not use, and
publishes nothing the gate has not passed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.languages import discover_languages

from helpers import ROOT, copy_project

WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"
GATE = {"tests", "translations"}
HOSTILE = 'fr"$(touch${IFS}PWNED)"'


def _workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def _jobs() -> dict[str, dict[str, Any]]:
    return _workflow()["jobs"]


def _steps() -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in _jobs().items() for step in job.get("steps", [])]


def _needs(job: dict[str, Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _all_needs(name: str) -> set[str]:
    """The jobs that must succeed before ``name`` starts, directly or through another job."""
    jobs, found, todo = _jobs(), set(), [name]
    while todo:
        for need in _needs(jobs[todo.pop()]):
            if need not in found:
                found.add(need)
                todo.append(need)
    return found


def test_no_expression_is_interpolated_into_a_shell_script() -> None:
    """GitHub pastes ``${{ }}`` into the script before the shell parses it: a value with quotes runs as code."""
    runs = [(job, step["run"]) for job, step in _steps() if "run" in step]
    assert len(runs) >= 10
    for job, script in runs:
        assert "${{" not in script, (job, script)
    defaults = _workflow().get("defaults", {}).get("run", {})
    assert defaults.get("shell") == "bash", "bash -eo pipefail: a failing command substitution must fail its step"


def test_the_language_reaches_the_build_as_a_quoted_variable() -> None:
    build = next(step for job, step in _steps() if job == "build" and "tools build" in step.get("run", ""))
    assert build["env"] == {"LANGUAGE": "${{ matrix.language }}"}
    assert build["run"] == 'python -m tools build --lang "$LANGUAGE"'


def test_every_action_is_pinned_by_commit_with_its_release_named() -> None:
    text = WORKFLOW.read_text("utf-8")
    uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", text, flags=re.MULTILINE)
    assert len(uses) == len([s for _, s in _steps() if "uses" in s]) >= 15
    pins: dict[str, set[str]] = {}
    for reference, comment in uses:
        action, _, ref = reference.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{reference}: pin the full commit SHA, not a tag or branch"
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), f"{reference}: name the release, # vX.Y.Z"
        pins.setdefault(action, set()).add(reference + comment)
    assert all(len(pinned) == 1 for pinned in pins.values()), f"one pin per action: {pins}"
    assert set(pins) == {
        "actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/download-artifact",
        "actions/upload-pages-artifact", "actions/deploy-pages",
    }  # fmt: skip


def test_no_checkout_leaves_its_token_in_the_repository() -> None:
    checkouts = [step for _, step in _steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 6
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, step


def test_permissions_are_none_by_default_and_only_deploy_writes() -> None:
    assert _workflow()["permissions"] in ({}, {"contents": "read"})
    for name, job in _jobs().items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"{name}: grant the job its permissions explicitly"
        if name == "deploy":
            assert permissions == {"pages": "write", "id-token": "write"}
        else:
            assert set(permissions.values()) <= {"read", "none"}, f"{name} must not write: {permissions}"
            assert set(permissions) <= {"contents"}, f"{name}: {permissions}"


def test_the_site_is_uploaded_only_after_the_gate_passed() -> None:
    jobs = _jobs()
    publishing = {
        name
        for name, job in jobs.items()
        for step in job.get("steps", [])
        if step.get("uses", "").startswith(("actions/upload-pages-artifact@", "actions/deploy-pages@"))
        or (step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["name"] == "site")
    }
    assert publishing == {"site", "deploy"}
    for name in publishing:
        assert _all_needs(name) >= GATE, f"{name} must wait for {sorted(GATE - _all_needs(name))}"
        # always() or !cancelled() would run the job after the gate failed.
        assert "always()" not in jobs[name].get("if", "") and "cancelled()" not in jobs[name].get("if", "")
    assert set(_needs(jobs["site"])) >= GATE, "site needs the gate itself, not only the deploy after it"


def _bash_step(job: str, marker: str) -> str:
    return next(step["run"] for name, step in _steps() if name == job and marker in step.get("run", ""))


def _run_as_github(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a step's script the way the runner does: expressions pasted in first, then ``bash -eo pipefail``."""
    rendered = re.sub(r"\$\{\{\s*matrix\.language\s*\}\}", lambda _: env.get("LANGUAGE", ""), script)
    assert "${{" not in rendered, rendered
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # `python` is this interpreter
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", rendered],
        cwd=cwd, env={**os.environ, "PATH": path, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash runs the workflow's steps")
def test_the_matrix_step_writes_the_language_codes(tmp_path: Path) -> None:
    output = tmp_path / "github_output"
    listed = _run_as_github(_bash_step("languages", "languages --json"), ROOT, {"GITHUB_OUTPUT": str(output)})
    assert listed.returncode == 0, listed.stderr
    key, _, value = output.read_text("utf-8").partition("=")
    assert key == "list" and value.endswith("\n") and value.count("\n") == 1
    assert json.loads(value) == discover_languages(ROOT / "locale")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash runs the workflow's steps")
def test_a_hostile_language_folder_runs_nothing_in_the_workflow_steps(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    hostile = project.locale / HOSTILE / "LC_MESSAGES"
    hostile.mkdir(parents=True)
    shutil.copy(project.locale / "fr" / "LC_MESSAGES" / "index.po", hostile)
    output = tmp_path / "github_output"
    output.touch()

    listed = _run_as_github(_bash_step("languages", "languages --json"), project.root, {"GITHUB_OUTPUT": str(output)})
    assert listed.returncode != 0, "the matrix step must fail, not hand an empty or hostile list to the builds"
    assert "list=" not in output.read_text("utf-8")
    assert f"locale/{HOSTILE}: not a language code" in listed.stderr

    # Even if such a value reached the matrix, the build step hands it to the program, never to the shell.
    built = _run_as_github(_bash_step("build", "tools build"), project.root, {"LANGUAGE": HOSTILE})
    assert built.returncode == 2
    assert "argument --lang: " in built.stderr and "not a language code" in built.stderr
    assert not list(tmp_path.rglob("PWNED")), "a folder name ran as a command"
    assert not (project.root / "build").exists()


def test_a_deployment_under_way_is_never_cancelled() -> None:
    """A newer push to main waits for the running deployment instead of killing it half-way."""
    concurrency = _workflow()["concurrency"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_the_site_artifacts_are_a_plain_copy_of_the_published_site() -> None:
    """build/site is a link to the published version, and upload-artifact uploads a link to a folder as nothing."""
    steps = _jobs()["site"]["steps"]
    uploads = [(i, s) for i, s in enumerate(steps) if "upload" in s.get("uses", "")]
    assert len(uploads) == 2
    copy = next(i for i, s in enumerate(steps) if "cp -RL build/site" in s.get("run", ""))
    target = steps[copy]["run"].split()[-1]
    for index, step in uploads:
        assert index > copy and step["with"]["path"] == target, step
