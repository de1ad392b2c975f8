"""Check and build agree: a translation holds only what its English message holds.

One document of English messages, each with the constructs a payload needs, and one French catalogue with a
translation per message: hostile ones (raw HTML, targets outside the source tree, roles and directives the
English lacks) and faithful ones (links to their counterparts, emphasis, code, roles kept). The checker's
``unsafe`` rule and the build's content model (its text-level pre-check turned off, so that the document-tree
rule is judged alone) must refuse exactly the hostile ones, each at its own ``file:line``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from translations import files_containing

from tools.checks import check_catalogue

from helpers import copy_project

SECRET = "TOPSECRET-git-config"
MARKERS = (SECRET, "onerror=", "onclick=", "evil.example", "<script>alert", "mathjax", "MathJax", "root:x:0")
PLAIN = "A plain sentence"
GLOSSARY = "See the [glossary](glossary.md) page"
SITE = "Visit the [Community](http://gtcop.unwomen.org/?lang=en) site"
EMPHASIS = "Some *emphasis* and **strong** words"
CODE = "Use `code` here"
DOWNLOAD = "Get the {download}`report <report.pdf>` now"
IMAGE = "A picture: ![Logo](logo.png)"
ABBR = "An abbreviation {abbr}`UN (United Nations)` here"
TERM = "A {term}`payload` here"  # an entry of the document's glossary (GLOSSARY_BLOCK)
LABEL = "See {ref}`the roles <sphinx:rst-roles>` here"  # an inventory's label, with its prefix
RAW = "Raw <b>bold</b> here"
DEEP = "../" * 12

# (English message, translation, refused?)
TABLE: list[tuple[str, str, bool]] = [
    (PLAIN, "Texte <img src=x onerror=alert(1)>", True),
    (PLAIN, "13 {{ <img src=x onerror=alert(1)> }}", True),
    (PLAIN, "Texte <script>alert(1)</script>", True),
    (PLAIN, "<iframe src='https://evil.example/'></iframe>", True),
    (PLAIN, "<div onclick=alert(1)>x</div>", True),
    (PLAIN, 'Texte <a href="https://evil.example/">ici</a>', True),
    (PLAIN, "[Formation](../.git/config)", True),
    (PLAIN, "{download}`x <../.git/config>`", True),
    (PLAIN, "[x](path:../.git/config)", True),
    (PLAIN, f"{{download}}`x <{DEEP}etc/passwd>`", True),
    (PLAIN, "{download}`x </etc/passwd>`", True),
    (PLAIN, "[x](/etc/passwd)", True),
    (PLAIN, "![x](../../secret.png)", True),
    (PLAIN, "Questions {math}`x^2`", True),
    (PLAIN, "<https://evil.example/>", True),
    (PLAIN, "[ici](https://evil.example/)", True),
    (PLAIN, "{doc}`../.git/config`", True),
    (PLAIN, "```{include} ../.git/config\n```", True),
    (PLAIN, "```{literalinclude} ../.git/config\n```", True),
    (PLAIN, "```{raw} html\n<script>alert(1)</script>\n```", True),
    (PLAIN, "{abbr}`ONU (<script>alert(1)</script>)`", True),
    (PLAIN, "Texte {sub}`2`", True),
    (PLAIN, "Texte *ajouté*", True),
    (PLAIN, "# Titre", True),
    (SITE, "Visitez le [site](https://evil.example/?lang=fr)", True),
    (GLOSSARY, f"Voir le [glossaire]({DEEP}etc/passwd)", True),
    (DOWNLOAD, "Téléchargez le {download}`rapport <../.git/config>`", True),
    (IMAGE, "Une image : ![Logo](../.git/config)", True),
    (RAW, "Brut <b onclick=alert(1)>gras</b> ici", True),
    (CODE, "Utilisez `code` ici <img src=x onerror=alert(1)>", True),
    (PLAIN, "Une phrase simple", False),
    (PLAIN, "Des « guillemets », une esperluette & et 3 < 4", False),
    (GLOSSARY, "Voir la page du [glossaire](glossary.md)", False),
    (SITE, "Visitez le [site](http://gtcop.unwomen.org/?lang=fr)", False),
    (SITE, "Visitez le [site](http://gtcop.unwomen.org/?lang=en)", False),
    (EMPHASIS, "Des mots en *emphase* et **forts**", False),
    (EMPHASIS, "Des **mots forts** et *une emphase*", False),
    (CODE, "Utilisez `code` ici", False),
    (DOWNLOAD, "Téléchargez le {download}`rapport <report.pdf>` maintenant", False),
    (IMAGE, "Une image : ![Logo traduit](logo.png)", False),
    (ABBR, "Une abréviation {abbr}`UN (United Nations)` ici", False),
    # Text for the translator (tools/roles.py): an abbreviation's expansion, a glossary entry's name.
    (ABBR, "Une abréviation {abbr}`ONU (Organisation des Nations unies)` ici", False),
    (ABBR, "Une abréviation {abbr}`ONU (<script>alert(1)</script>)` ici", False),  # text, escaped
    (TERM, "Une {term}`charge utile` ici", False),
    (TERM, "Une {term}`charge <../.git/config>` ici", False),  # a glossary entry's name, never a file
    (LABEL, "Voir {ref}`les rôles <sphinx:rst-roles>` ici", False),  # a label, not a path with a scheme
    (GLOSSARY, "Voir la page du [glossaire](./glossary.md)", False),  # the same file to MyST
    (PLAIN, "{ref}`x <../.git/config>`", True),
    (RAW, "Brut <b>gras</b> ici", False),
]

# Titles go through another path of Locale (the section's title is parsed with an underline added).
HEADINGS: list[tuple[str, str, bool]] = [
    ("Payloads", "Charges <img src=x onerror=alert(1)>", True),
    ("Section with `code`", "Section avec `code` [ici](https://evil.example/)", True),
    ("Another section with `code`", "Une autre section avec `code`", False),
]

# Table cells and a figure caption: messages inside other containers.
CELLS: list[tuple[str, str, bool]] = [
    ("Head cell", "Tête <img src=x onerror=alert(1)>", True),
    ("Body cell", "Corps [x](../.git/config)", True),
    ("Figure caption text", "Légende {math}`x`", True),
    ("Other body cell", "Autre cellule", False),
]
GLOSSARY_BLOCK = """```{glossary}
payload
  What a translation carries.
```"""
CONTAINERS = """| Head cell | Other head |
| --- | --- |
| Body cell | Other body cell |

```{figure} logo.png
Figure caption text
```"""


def _project(tmp_path: Path) -> tuple[Path, Path, dict[int, tuple[str, bool]]]:
    """The project with the payload document and catalogue; return its root, the catalogue and its rows."""
    project = copy_project(tmp_path)
    root = project.root
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[core]\n\tsecret = {SECRET}\n", "utf-8")
    (root / "docs" / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "docs" / "logo.png").write_bytes(bytes.fromhex("89504e470d0a1a0a"))
    english = [f"{source} (case {i})." for i, (source, _, _) in enumerate(TABLE)]
    (heading, _, _), *sections = HEADINGS
    text = "\n\n".join(
        [f"# {heading}", *english, CONTAINERS, GLOSSARY_BLOCK, *(f"## {title}" for title, _, _ in sections)]
    )
    (root / "docs" / "payloads.md").write_text(f"---\norphan: true\n---\n\n{text}\n", "utf-8")
    catalogue = polib.POFile(wrapwidth=78)
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr", "MIME-Version": "1.0"}
    for number, (message, (_, translation, _)) in enumerate(zip(english, TABLE, strict=True)):
        catalogue.append(polib.POEntry(msgid=message, msgstr=f"{translation} (cas {number})."))
    for title, translation, _ in HEADINGS + CELLS:
        catalogue.append(polib.POEntry(msgid=title, msgstr=translation))
    path = root / "locale" / "fr" / "LC_MESSAGES" / "payloads.po"
    catalogue.save(str(path))
    lines = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line.startswith("msgid")][1:]
    table = TABLE + HEADINGS + CELLS
    rows = {line: (translation, refused) for line, (_, translation, refused) in zip(lines, table, strict=True)}
    return root, path, rows


# The build with its text-level pre-check turned off: the document-tree model alone decides.
_MODEL_ONLY = (
    "import sys; import tools.sphinxext.guard as g; g.check_catalogues = lambda app: None; "
    "from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root, path, rows = _project(tmp_path_factory.mktemp("payloads"))
    checked = {f.line for f in check_catalogue(path, ("unsafe",)) if f.check == "unsafe"}
    out = root / "out"
    # Under strace when it is there: what the build opens shows that no translation made it read a file.
    trace = root / "opened.txt"
    traced = ["strace", "-f", "-qq", "-e", "trace=open,openat", "-o", str(trace)] if shutil.which("strace") else []
    done = subprocess.run(
        [*traced, sys.executable, "-c", _MODEL_ONLY, "-b", "html", "-D", "language=fr", "-q",
         "-d", str(root / "doctrees"), "docs", str(out)],
        capture_output=True, text=True, cwd=root,
    )  # fmt: skip
    pattern = re.compile(r"locale/fr/LC_MESSAGES/payloads\.po:(\d+): ERROR: \[unsafe\]")
    built = {int(m.group(1)) for m in pattern.finditer(done.stderr)}
    opened = trace.read_text("utf-8", "replace") if trace.is_file() else None
    return {"rows": rows, "checked": checked, "built": built, "done": done, "out": out, "opened": opened}


def test_the_table_is_large_enough() -> None:
    assert len(TABLE + HEADINGS + CELLS) >= 30
    assert sum(refused for *_, refused in TABLE + HEADINGS + CELLS) >= 25


def test_check_refuses_exactly_the_hostile_translations(outcome: dict) -> None:
    wrong = {line: row for line, row in outcome["rows"].items() if (line in outcome["checked"]) != row[1]}
    assert wrong == {}


def test_build_refuses_exactly_the_hostile_translations(outcome: dict) -> None:
    wrong = {line: row for line, row in outcome["rows"].items() if (line in outcome["built"]) != row[1]}
    assert wrong == {}, outcome["done"].stderr[-3000:]
    assert outcome["done"].returncode != 0
    assert "Traceback" not in outcome["done"].stderr


def test_nothing_hostile_is_written(outcome: dict) -> None:
    out: Path = outcome["out"]
    published = [p for p in files_containing(out, *MARKERS) if ".doctrees" not in p.parts]
    assert published == []
    assert not (out / "_downloads").exists() or {p.name for p in (out / "_downloads").rglob("*") if p.is_file()} == {
        "report.pdf"
    }


def test_no_file_outside_the_sources_is_opened(outcome: dict) -> None:
    if outcome["opened"] is None:
        pytest.skip("strace is not installed")
    outside = re.compile(r"\.git/config|etc/passwd|secret\.png")
    assert "report.pdf" in outcome["opened"]  # the trace sees the files the build reads
    opened = [line for line in outcome["opened"].splitlines() if outside.search(line)]
    assert opened == []


def test_faithful_translations_reach_the_page(outcome: dict) -> None:
    page = (outcome["out"] / "payloads.html").read_text("utf-8")
    for line, (translation, refused) in outcome["rows"].items():
        if not refused:
            words = re.sub(r"[`*\[\]()<>{}!]|\b\w+\.\w+\b|http\S+", " ", translation).split()
            assert words[0] in page, (line, translation)
    assert "3 &lt; 4" in page
    assert "Une autre section avec" in page


# Run in a process of its own: a second Playwright cannot start in a session where test_browser.py has one.
_IN_CHROMIUM = """
import json, shutil, sys
from playwright.sync_api import Error, sync_playwright
dialogs, elsewhere = [], []
with sync_playwright() as playwright:
    system = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        browser = playwright.chromium.launch(executable_path=system, args=["--headless", "--no-sandbox"])
    except Error as error:
        print(json.dumps({"skip": str(error).splitlines()[0]}))
        sys.exit(0)
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith("file:") else elsewhere.append(request.url))
    page.goto(sys.argv[1])
    page.wait_for_timeout(500)
    browser.close()
print(json.dumps({"dialogs": dialogs, "elsewhere": elsewhere}))
"""


def test_no_payload_runs_in_a_browser(outcome: dict) -> None:
    """The page of every payload, opened in Chromium: no script runs, nothing is fetched from elsewhere."""
    pytest.importorskip("playwright.sync_api", reason="pip install playwright to run the browser tests")
    page = (outcome["out"] / "payloads.html").as_uri()
    done = subprocess.run([sys.executable, "-c", _IN_CHROMIUM, page], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    if "skip" in seen:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(seen["skip"])
        pytest.skip(f"no browser: {seen['skip']}")
    assert seen == {"dialogs": [], "elsewhere": []}
