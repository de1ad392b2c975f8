"""The build refuses translations that would inject markup, whether or not anyone ran the checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from translations import files_containing, translate

from tools.catalogues import load
from tools.checks import markdown
from tools.site_build import Project
from tools.sphinxext import content_model

from helpers import copy_project, run_tools

MARKERS = ("alert(", "evil.example", "onerror")
PAYLOADS = {
    # (catalogue, English msgid prefix): translation with a payload
    ("index", "Virtual Dialogue: Training"): "Dialogue virtuel <script>alert('title')</script>",
    ("index", "Summary"): 'Résumé <iframe src="https://evil.example/"></iframe>',
    ("index", "Background"): "Introduction <img src=x onerror=alert(1)>",
    ("index", "Questions for further discussion"): "Questions [ici](javascript:alert(2))",
    ("sphinx", "Download PDF"): "Télécharger <script>alert('every page')</script>",
}


def inject(project: Project) -> dict[tuple[str, str], int]:
    """Put the payloads into the French catalogues; return the line of each entry's msgid."""
    lines_of = {}
    for (domain, msgid), payload in PAYLOADS.items():
        path = project.locale / "fr" / "LC_MESSAGES" / f"{domain}.po"
        lines = path.read_text("utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(("msgid", '"')) and msgid in line)
        while not lines[start].startswith("msgid"):
            start -= 1
        end = next(i for i in range(start, len(lines)) if lines[i].startswith("msgstr"))
        stop = next((i for i in range(end + 1, len(lines)) if not lines[i].startswith('"')), len(lines))
        escaped = payload.replace("\\", "\\\\").replace('"', '\\"')
        lines[end:stop] = [f'msgstr "{escaped}"']
        path.write_text("\n".join(lines) + "\n", "utf-8")
        lines_of[(domain, msgid)] = start + 1
    return lines_of


def payload_files(folder: Path) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and any(marker.encode() in path.read_bytes() for marker in MARKERS)
    ]


def test_the_build_refuses_injected_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    lines_of = inject(project)
    done = run_tools("build", root=project.root)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if "[unsafe]" in line]
    for (domain, _), line in lines_of.items():
        assert any(f"locale/fr/LC_MESSAGES/{domain}.po:{line}: ERROR: [unsafe]" in e for e in errors), (domain, line)
    assert any("refusing to build fr" in line for line in done.stderr.splitlines())
    assert not (project.site).exists()
    assert payload_files(project.build) == []


def test_plain_sphinx_build_refuses_too(tmp_path: Path) -> None:
    """Without -W and without the project's build command: a maintainer building by hand."""
    project = copy_project(tmp_path)
    inject(project)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-D", "language=fr", "-q", "docs", str(out)],
        capture_output=True, text=True, cwd=project.root,
    )  # fmt: skip
    assert done.returncode != 0
    assert "refusing to build fr" in done.stderr
    if out.exists():
        assert payload_files(out) == []


def run(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tools(*args, root=project.root)


def build_french(project: Project) -> subprocess.CompletedProcess[str]:
    return run(project, "build", "--lang", "fr", "--format", "html")


def reported(output: str, catalogue: str, lines: dict[str, int]) -> dict[str, bool]:
    """For each msgid, whether ``output`` has an [unsafe] error at its catalogue line."""
    return {msgid: f"locale/fr/LC_MESSAGES/{catalogue}:{line}: " in output for msgid, line in lines.items()}


IMG = "<img src=x onerror=alert(1)>"


def test_an_allow_list_from_other_msgids_and_a_substitution_do_not_let_html_through(tmp_path: Path) -> None:
    """The HTML of an obsolete or untranslated entry is not allowed in another entry's translation; and the
    checker parses ``{{ … }}`` as the build does (no substitution extension), so it sees the HTML inside."""
    project = copy_project(tmp_path)
    index = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    with index.open("a", encoding="utf-8") as file:
        file.write(f'\nmsgid "{IMG} untranslated"\nmsgstr ""\n\n#~ msgid "{IMG}"\n#~ msgstr "{IMG}"\n')
    lines = translate(index, {"13th – 31st October 2014": f"13 {{{{ {IMG} }}}}"})

    checked = run(project, "check", "--lang", "fr")
    built = build_french(project)

    assert checked.returncode == 1 and all(reported(checked.stdout, "index.po", lines).values()), checked.stdout
    assert built.returncode == 1 and all(reported(built.stderr, "index.po", lines).values()), built.stderr
    assert files_containing(project.build, "onerror") == []


@pytest.fixture
def with_secret(tmp_path: Path) -> Project:
    """The project, with a repository configuration beside its sources as a checkout has."""
    project = copy_project(tmp_path)
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic SECRET\n", "utf-8")
    return project


OUTSIDE = {
    "Background": "[Introduction](../.git/config)",
    "Summary": "{download}`Résumé <../.git/config>`",
    "Questions for further discussion": f"Questions {{download}}`x <{'../' * 12}etc/passwd>`",
    "Key points:": "![Points clés](../../secret.png)",
    "13th – 31st October 2014": "13 – 31 {math}`x^2` octobre 2014",
}


def test_nothing_outside_the_sources_is_published_and_no_remote_script_is_loaded(with_secret: Project) -> None:
    project = with_secret
    index = project.locale / "fr" / "LC_MESSAGES" / "index.po"
    msgids = {entry.msgid for entry in load(index)}
    lines = translate(index, {next(m for m in msgids if m.strip("*") == key): value for key, value in OUTSIDE.items()})

    checked = run(project, "check", "--lang", "fr")
    built = build_french(project)

    assert checked.returncode == 1 and all(reported(checked.stdout, "index.po", lines).values()), checked.stdout
    assert built.returncode == 1 and all(reported(built.stderr, "index.po", lines).values()), built.stderr
    assert files_containing(project.build, "SECRET", "root:x:0") == []
    assert not list(project.build.rglob("_downloads"))
    assert [p for p in files_containing(project.build, "mathjax", "MathJax") if p.suffix == ".html"] == []


def _compile(po: Path, mo: Path) -> None:
    subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)


def test_a_compiled_catalogue_without_its_source_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    folder = project.locale / "fr" / "LC_MESSAGES"
    translate(folder / "glossary.po", {"Glossary": f"Glossaire {IMG}"})
    _compile(folder / "glossary.po", folder / "glossary.mo")
    (folder / "glossary.po").unlink()

    built = build_french(project)

    assert built.returncode == 1
    assert "locale/fr/LC_MESSAGES/glossary.mo:0: ERROR: compiled catalogue without its .po" in built.stderr
    assert files_containing(project.build, "onerror") == []


@pytest.mark.parametrize("domain, msgid", [("index", "Summary"), ("sphinx", "Download PDF")])
def test_a_compiled_catalogue_newer_than_its_source_is_compiled_again(tmp_path: Path, domain: str, msgid: str) -> None:
    """Sphinx compiles a .po only when it is newer than its .mo: a .mo planted later would be used unchecked."""
    project = copy_project(tmp_path)
    po = project.locale / "fr" / "LC_MESSAGES" / f"{domain}.po"
    innocent = po.read_bytes()
    translate(po, {msgid: f"Résumé {IMG}"})
    _compile(po, po.with_suffix(".mo"))
    po.write_bytes(innocent)
    os.utime(po, (1_000_000_000, 1_000_000_000))

    built = build_french(project)

    assert built.returncode == 0, built.stderr
    assert files_containing(project.build, "onerror") == []
    assert "Résumé" in (project.build / "html" / "fr" / "index.html").read_text("utf-8")


SIBLING = """
from pathlib import Path
from tools.sphinxext.guard import _compiled


def setup(app):
    # Runs after Sphinx loaded sphinx.mo and before the guard: another build of the language (its PDF, in a
    # process of its own) has just written the checked .mo in place of the one this process loaded.
    po = Path(app.srcdir, "../locale/fr/LC_MESSAGES/sphinx.po").resolve()
    po.with_suffix(".mo").write_bytes(_compiled(po, "fr", False))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


@pytest.mark.parametrize("loaded", ["hostile", "half-written"])
def test_the_interface_strings_are_read_again_after_a_sibling_build_fixed_their_catalogue(
    tmp_path: Path, loaded: str
) -> None:
    """Sphinx reads sphinx.mo before any extension runs. The HTML and PDF builds of a language start together:
    the .mo one of them read may be planted, or half written by the other's Sphinx, and already replaced by the
    other's guard when its own guard looks. The guard must not trust what was read then."""
    project = copy_project(tmp_path)
    po = project.locale / "fr" / "LC_MESSAGES" / "sphinx.po"
    mo = po.with_suffix(".mo")
    if loaded == "hostile":
        innocent = po.read_bytes()
        translate(po, {"Download PDF": f"Télécharger {IMG}"})
        _compile(po, mo)
        po.write_bytes(innocent)
    else:
        _compile(po, mo)
        mo.write_bytes(mo.read_bytes()[:40])
    os.utime(po, (1_000_000_000, 1_000_000_000))  # the .mo newer: Sphinx does not compile it its own way
    (project.docs / "racing_sibling.py").write_text(SIBLING, "utf-8")
    conf = project.docs / "conf.py"
    conf.write_text(
        conf.read_text("utf-8")
        + '\nextensions.insert(0, "racing_sibling")\nsys.path.insert(0, str(Path(__file__).parent))\n',
        "utf-8",
    )

    built = build_french(project)

    assert built.returncode == 0, built.stderr
    assert files_containing(project.build, "onerror") == []
    page = (project.build / "html" / "fr" / "index.html").read_text("utf-8")
    assert "Télécharger le PDF" in page


class _Env(SimpleNamespace):
    def relfn2path(self, filename: str, docname: str) -> tuple[str, str]:
        return filename, os.path.normpath(os.path.join(self.srcdir, os.path.dirname(docname), filename))


@pytest.mark.parametrize(
    "target, outside",
    [
        ("glossary.md", False), ("sub/../glossary.md", False), ("https://example.org/x", False), ("#top", False),
        ("../.git/config", True), ("/etc/passwd", True), ("sub/../../x", True), ("file:///etc/passwd", True),
        ("java\tscript:alert(1)", True), ("data:text/html,x", True), ("C:\\x", True),
    ],
)  # fmt: skip
def test_targets_outside_the_source_tree(tmp_path: Path, target: str, outside: bool) -> None:
    env = _Env(srcdir=str(tmp_path / "docs"))
    assert content_model.outside_sources(env, "index", target) is outside
    assert markdown.outside_sources(target) is outside


def test_a_construct_is_the_class_and_the_attributes_a_browser_acts_on() -> None:
    english = nodes.paragraph("", "", nodes.reference("", "x", refuri="http://gtcop.unwomen.org/?lang=en", ids=["a"]))
    translated = nodes.paragraph("", "", nodes.reference("", "y", refuri="http://gtcop.unwomen.org/?lang=fr"))
    allowed = {c for _, c in content_model.constructs(english)}
    found = {c for _, c in content_model.constructs(translated)}
    assert not found <= allowed
    links = {"http://gtcop.unwomen.org/?lang=en": "http://gtcop.unwomen.org/?lang=fr"}
    assert found <= content_model.with_counterparts(allowed, {k: frozenset({v}) for k, v in links.items()})
    raw = content_model.construct(nodes.raw("", "<b>", format="html"))
    assert raw == ("raw", (("format", "html"), ("text", "<b>")))
