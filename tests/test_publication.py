"""Publishing the site: atomic at every step, and only what built."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tools import atomic_publish
from tools.fingerprint import store
from tools.site_build import Project

from helpers import ROOT, copy_project, tools_command

# Python writes its bytecode caches by renaming too; those renames are not the publication's.
QUIET_PYTHON = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
# Every system call that makes or moves a name: a build killed at any of them must leave a whole site.
NAMING_CALLS = ("rename", "renameat", "renameat2", "symlink", "symlinkat")


def tools(project: Project, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    command = [*prefix, *tools_command(*args, root=project.root)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=QUIET_PYTHON)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_built(built: Project, target: Path) -> Project:
    """A private copy of the sources and of the session's build, to break without building from scratch."""
    project = copy_project(target)
    shutil.copytree(built.build, project.build, symlinks=True)
    return project


def change_french(project: Project, old: str = 'msgstr "Résumé"', new: str = 'msgstr "Synthèse"') -> None:
    catalogue = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    text = catalogue.read_text("utf-8")
    assert old in text
    catalogue.write_text(text.replace(old, new, 1), "utf-8")


def break_french_after_writing(project: Project) -> None:
    """New French wording, and a page in no toctree: Sphinx writes every page, then fails on the warning.

    (A translation cannot fail the build that late any more: the guard refuses it before anything is read.)"""
    change_french(project, new='msgstr "Synthèse sans lien"')
    (project.docs / "orphan.md").write_text("# Orphan\n", "utf-8")


def mend_the_sources(project: Project) -> None:
    (project.docs / "orphan.md").unlink()


def as_plain_folder(site: Path) -> None:
    """Make the published site what builds before versioned sites left: a plain folder."""
    if site.is_symlink():
        target = site.resolve()
        site.unlink()
        shutil.copytree(target, site)
        shutil.rmtree(site.parent / atomic_publish.VERSIONS)


def leftovers(build: Path) -> list[str]:
    return sorted(p.name for p in build.glob(".site-*"))


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace to kill the build at a given system call")
@pytest.mark.parametrize("published", ["versioned", "plain folder"])
def test_a_kill_at_any_step_of_the_publication_leaves_a_whole_site(
    built_project: Project, tmp_path: Path, published: str
) -> None:
    project = copy_built(built_project, tmp_path / "project")
    if published == "plain folder":
        as_plain_folder(project.site)
    old = snapshot(project.site)
    change_french(project)
    for builder in ("html", "pdf"):  # built, not yet published: what `assemble` publishes
        assert tools(project, "build", "--lang", "fr", "--format", builder).returncode == 0
    pristine = tmp_path / "pristine"
    shutil.copytree(project.build, pristine, symlinks=True)

    seen: list[tuple[str, int, dict[str, bytes]]] = []
    left: list[str] = []
    for call in NAMING_CALLS:
        for count in range(1, 20):
            shutil.rmtree(project.build)
            shutil.copytree(pristine, project.build, symlinks=True)
            inject = ("strace", "-f", "-o", "/dev/null", "-e", f"inject={call}:signal=KILL:when={count}")
            done = tools(project, "assemble", prefix=inject)
            if done.returncode == 0:
                break  # fewer calls than count: this run went through
            assert done.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), done.stderr
            assert os.path.lexists(project.site), f"no {project.site} after a kill at {call} #{count}"
            seen.append((call, count, snapshot(project.site)))
            again = tools(project, "assemble")
            assert again.returncode == 0, again.stderr
            left.extend(f"{name} after a kill at {call} #{count}" for name in leftovers(project.build))
    new = snapshot(project.site)
    assert new != old and "Synthèse" in new["fr/index.html"].decode()
    assert len(seen) >= 3, "the publication no longer renames anything"
    for call, count, site in seen:
        assert site in (old, new), f"a kill at {call} #{count} left a site that is neither the old nor the new"
    assert left == [], "the next assembly left these behind"
    assert project.site.is_symlink()
    versions = sorted(p.name for p in (project.build / atomic_publish.VERSIONS).iterdir())
    assert versions == sorted([project.site.resolve().name, project.site.resolve().name + ".json"])


def test_assemble_removes_what_a_killed_assemble_left(built_project: Project, tmp_path: Path) -> None:
    project = copy_built(built_project, tmp_path)
    (project.build / ".site-new-x1y2z3" / "fr").mkdir(parents=True)
    (project.build / ".site-new-x1y2z3" / "fr" / "index.html").write_text("half", "utf-8")
    done = tools(project, "assemble")
    assert done.returncode == 0, done.stderr
    assert leftovers(project.build) == []


def test_an_older_plain_site_folder_becomes_a_link(built_project: Project, tmp_path: Path) -> None:
    project = copy_built(built_project, tmp_path)
    as_plain_folder(project.site)
    before = snapshot(project.site)
    done = tools(project, "assemble")
    assert done.returncode == 0, done.stderr
    assert project.site.is_symlink() and not os.path.isabs(os.readlink(project.site))
    assert snapshot(project.site) == before
    assert leftovers(project.build) == []


def test_assemble_publishes_languages_built_by_other_jobs(built_project: Project, tmp_path: Path) -> None:
    """What the CI's assembly job gets: each language's outputs, downloaded without the build's own records."""
    project = copy_project(tmp_path)
    for lang in ("en", "es", "fr"):
        shutil.copytree(built_project.build / "html" / lang, project.build / "html" / lang)
        for pdf in (built_project.build / "pdf" / lang).glob("*.pdf"):
            (project.build / "pdf" / lang).mkdir(parents=True, exist_ok=True)
            shutil.copy2(pdf, project.build / "pdf" / lang / pdf.name)
    done = tools(project, "assemble")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"published en, es, fr in {project.site}"
    assert snapshot(project.site) == snapshot(built_project.site)


def test_a_failed_language_is_not_published_by_the_next_build(built_project: Project, tmp_path: Path) -> None:
    project = copy_built(built_project, tmp_path)
    published_fr = snapshot(project.site / "fr")
    root_page = (project.site / "index.html").read_text("utf-8")
    break_french_after_writing(project)
    failed = tools(project, "build", "--lang", "fr")
    assert failed.returncode == 1
    assert "sans lien" in (project.build / "html" / "fr" / "index.html").read_text("utf-8"), "Sphinx wrote no page"
    mend_the_sources(project)

    for command in (["build", "--lang", "en"], ["assemble"]):
        done = tools(project, *command)
        assert done.returncode == 0, done.stderr
        assert "fr: its last build did not succeed; the published fr is kept" in done.stderr
        assert snapshot(project.site / "fr") == published_fr
        assert (project.site / "index.html").read_text("utf-8") == root_page


def test_a_failed_language_never_published_is_left_out(built_project: Project, tmp_path: Path) -> None:
    project = copy_built(built_project, tmp_path)
    shutil.rmtree(project.site.resolve())
    project.site.unlink()
    break_french_after_writing(project)
    assert tools(project, "build", "--lang", "fr", "--format", "html").returncode == 1
    mend_the_sources(project)

    done = tools(project, "assemble")
    assert done.returncode == 0, done.stderr
    assert f"fr: its last build did not succeed; left out of {project.site}" in done.stderr
    assert sorted(p.name for p in project.site.iterdir()) == ["en", "es", "favicon.ico", "index.html"]
    assert 'hreflang="fr"' not in (project.site / "index.html").read_text("utf-8")


def test_files_are_flushed_before_they_are_renamed_into_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (events.append(f"replace {Path(b).name}"), real_replace(a, b))[1])

    store(tmp_path / "html" / ".fr.fingerprint", "abc")
    assert events == ["fsync", "replace .fr.fingerprint", "fsync"]  # the file, its name, then the folder
    assert (tmp_path / "html" / ".fr.fingerprint").read_text("utf-8") == "abc\n"
    assert sorted(p.name for p in (tmp_path / "html").iterdir()) == [".fr.fingerprint"]
    assert oct((tmp_path / "html" / ".fr.fingerprint").stat().st_mode & 0o777) == "0o644"

    events.clear()
    partial = tmp_path / ".doc.pdf.partial"  # how the PDF builder hands over the file WeasyPrint wrote
    partial.write_bytes(b"%PDF-1.7")
    atomic_publish.replace_file(partial, tmp_path / "doc.pdf")
    assert events == ["fsync", "replace doc.pdf", "fsync"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "index.html"
    target.write_text("old", "utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        atomic_publish.write_file(target, "new")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
