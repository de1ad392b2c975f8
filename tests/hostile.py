"""Hostile translations, and a probe that puts each through the checker, the build and a real browser.

Whoever can edit a ``.po`` file writes what readers get, so every catalogue is untrusted input. Each payload
below is what such a person could write into a French catalogue. The probe sorts them in two kinds:

- *refused*: markup, links, files or code that the English message does not have. ``check`` must report an
  error on the entry's line, and the build must fail naming the entry, whatever it writes to its own output.
- *escaped*: text that only looks like markup (entities, escaped brackets, quotes meant to break out of an
  attribute) and interface strings. The build may publish it, and it must reach readers as text.

Every page either kind leaves behind, published or not, is then opened in Chromium, which counts dialogs
(every payload calls ``alert``) and requests to any host but the local server.

``python tests/hostile.py`` prints the figures of one run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib

from browser import launch, serve

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "fr"

# Markup, links, files and code that no English message of the publication has.
REFUSED: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">ici</a>',
    '<a href="&#106;avascript:alert(1)">ici</a>',
    '<object data="javascript:alert(1)"></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<style>body{display:none}</style>",
    "<scr<script>ipt>alert(1)</script>",
    "<!-- --><script>alert(1)</script>",
    "[ici](javascript:alert(1))",
    "[ici](JaVaScRiPt:alert(1))",
    "[ici](<javascript:alert(1)>)",
    "[ici](\u200bjavascript:alert(1))",
    "[ici](vbscript:msgbox(1))",
    "[ici](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "[ici](https://evil.example/)",
    "<https://evil.example/>",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    '<img src="https://evil.example/pixel.png">',
    "[ici](../.git/config)",
    "[ici](../../../../../../../../etc/passwd)",
    "![x](../../../../../../../../etc/passwd)",
    "{download}`x <../.git/config>`",
    "{download}`x </etc/passwd>`",
    "{download}`x <https://evil.example/x.exe>`",
    "{math}`x^2`",
    "{ref}`ici <genindex>`",
    "{doc}`ici <status>`",
    "{abbr}`x (<img src=x onerror=alert(1)>)`",
    "13 {{ <img src=x onerror=alert(1)> }}",
    "[ici][x]\n\n[x]: javascript:alert(1)",
    "Formation[^p]\n\n[^p]: <img src=x onerror=alert(1)>",
    "Formation\n\n<script>alert(1)</script>",
    "<div onclick=alert(1)>x</div>",
    "```{raw} html\n<script>alert(1)</script>\n```",
    "```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```",
    "```{include} ../.git/config\n```",
    "```{literalinclude} ../.git/config\n```",
    "```{image} https://evil.example/x.png\n```",
    "```{figure} ../../../../../../../../etc/passwd\n```",
    "# Titre <img src=x onerror=alert(1)>",
    "> <img src=x onerror=alert(1)>",
    "- <img src=x onerror=alert(1)>",
)

# Text that only looks like markup: published, and read as text. The last three are not markup for CommonMark
# either (a tag name ends at a space, a link target cannot be javascript: once entities are decoded, and an
# image target cannot hold a space), which is why neither MyST nor the checks see a construct in them.
ESCAPED: tuple[str, ...] = (
    "&lt;img src=x onerror=alert(1)&gt;",
    "\\<img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(1)",
    "<img/src=x/onerror=alert(1)>",
    "[ici](&#106;avascript:alert(1))",
    '![x](x" onerror="alert(1))',
)

# Interface strings (sphinx.po) go into templates, attributes and scripts, not through Markdown: tags are
# refused as in any message, and everything else must come out escaped wherever it lands.
INTERFACE_REFUSED: tuple[str, ...] = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "`<img src=x onerror=alert(1)>`",
    "{{ <img src=x onerror=alert(1)> }}",
    "%(x)s <svg onload=alert(1)>",
)
INTERFACE: tuple[str, ...] = (
    '" autofocus onfocus="alert(1)',
    "' autofocus onfocus='alert(1)",
    "\\<img src=x onerror=alert(1)>",
    '"); alert(1); ("',
    '\\"); alert(1); //',
    "&lt;img src=x onerror=alert(1)&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
)

ROOT_TITLE = "Virtual Dialogue: Training for Gender Equality and Beijing +20"


@dataclass
class Outcome:
    payload: str
    catalogue: str
    line: int
    refused_by_check: bool = False
    refused_by_build: bool = False


@dataclass
class Report:
    refused: list[Outcome] = field(default_factory=list)
    escaped: list[Outcome] = field(default_factory=list)
    pages_opened: int = 0
    dialogs: list[str] = field(default_factory=list)
    remote_requests: list[str] = field(default_factory=list)
    leaked_files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        tried = len(self.refused) + len(self.escaped)
        return [
            f"payloads tried: {tried} ({len(self.refused)} markup, {len(self.escaped)} text and interface strings)",
            f"refused by check: {sum(o.refused_by_check for o in self.refused)} of {len(self.refused)}",
            f"refused by build: {sum(o.refused_by_build for o in self.refused)} of {len(self.refused)}",
            f"pages opened in Chromium: {self.pages_opened}",
            f"reached a browser: {len(self.dialogs)} dialog(s), {len(self.remote_requests)} remote request(s)",
            f"files from outside the sources in the output: {len(self.leaked_files)}",
        ]


def _command(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools", "--root", str(root), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )  # fmt: skip


def _copy(target: Path) -> Path:
    for name in ("docs", "locale", "tools"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")  # as conftest.copy_project does, for mutmut
    # What a hostile link would try to publish: the repository's own configuration, with a secret in it.
    (target / ".git").mkdir()
    (target / ".git" / "config").write_text('[http]\n\textraheader = "AUTHORIZATION: basic SECRET-TOKEN"\n')
    return target


def _paragraphs(path: Path) -> list[polib.POEntry]:
    """Entries a payload can replace: translated messages without markup, other than the site title."""
    return [
        e
        for e in polib.pofile(str(path))
        if e.msgid and e.msgid != ROOT_TITLE and not e.msgid_plural and not re.search(r"[\[`*<{%]", e.msgid)
    ]


def _inject(path: Path, payloads: list[str], prefix: str = "Formation ") -> list[Outcome]:
    """Write each payload into its own entry of ``path``; return where each went."""
    catalogue = polib.pofile(str(path), wrapwidth=78)
    chosen = _paragraphs(path)[: len(payloads)]
    assert len(chosen) == len(payloads), f"{path.name} has only {len(chosen)} entries for {len(payloads)} payloads"
    for entry, payload in zip(chosen, payloads, strict=True):
        block = payload.startswith(("```", "#", ">", "- "))
        catalogue.find(entry.msgid).msgstr = payload if block else f"{prefix}{payload}"
    catalogue.save(str(path))
    saved = {e.msgid: e.linenum for e in polib.pofile(str(path))}
    return [Outcome(p, path.name, _msgid_line(path, saved[e.msgid])) for e, p in zip(chosen, payloads, strict=True)]


def _msgid_line(path: Path, first: int) -> int:
    """polib numbers an entry from its first comment; findings name the msgid."""
    lines = path.read_text("utf-8").splitlines()
    index = first - 1
    while not lines[index].startswith("msgid"):
        index += 1
    return index + 1


def _entry_lines(path: Path, line: int) -> range:
    """The lines of the entry whose msgid is at ``line``: a finding may name the msgid or the msgstr."""
    lines = path.read_text("utf-8").splitlines()
    start = line - 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = line - 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return range(start + 1, end + 1)


def _named(output: str, path: Path, line: int) -> bool:
    numbers = {int(n) for n in re.findall(rf"{re.escape(path.name)}:(\d+)", output)}
    return bool(numbers & set(_entry_lines(path, line)))


def _refused_round(workdir: Path, domain: str, payloads: list[str]) -> list[Outcome]:
    root = _copy(workdir)
    catalogue = root / "locale" / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
    outcomes = _inject(catalogue, payloads)
    checked = _command(
        root, "check", "--lang", LANGUAGE, "--select", "unsafe,links,literals,syntax", "--format", "json"
    )
    built = _command(root, "build", "--lang", LANGUAGE, "--format", "html")
    try:
        findings = json.loads(checked.stdout)["findings"]
    except (ValueError, KeyError):
        findings = []
    errors = "\n".join(
        f"{Path(f['path']).name}:{f['line']}" for f in findings if f["severity"] == "error" and not f["suppressed"]
    )
    for outcome in outcomes:
        outcome.refused_by_check = checked.returncode != 0 and _named(errors, catalogue, outcome.line)
        outcome.refused_by_build = built.returncode != 0 and _named(built.stderr, catalogue, outcome.line)
    return outcomes


def _escaped_round(workdir: Path) -> list[Outcome]:
    root = _copy(workdir)
    messages = root / "locale" / LANGUAGE / "LC_MESSAGES"
    index = messages / "index.po"
    outcomes = _inject(index, list(ESCAPED))
    catalogue = polib.pofile(str(index), wrapwidth=78)
    catalogue.find(ROOT_TITLE).msgstr = "Dialogue virtuel &lt;img src=x onerror=alert(1)&gt;"
    catalogue.save(str(index))
    outcomes.append(Outcome(catalogue.find(ROOT_TITLE).msgstr, "index.po", 0))
    interface = polib.pofile(str(messages / "sphinx.po"), wrapwidth=78)
    for number, entry in enumerate(e for e in interface if e.msgid):
        payload = INTERFACE[number % len(INTERFACE)]
        if entry.msgid_plural:
            entry.msgstr_plural = {k: f"{v} {payload}" for k, v in entry.msgstr_plural.items()}
        else:
            entry.msgstr = f"{entry.msgstr or entry.msgid} {payload}"
        outcomes.append(Outcome(payload, "sphinx.po", 0))
    interface.save(str(messages / "sphinx.po"))
    built = _command(root, "build", "--lang", LANGUAGE)
    if built.returncode != 0:
        raise AssertionError(f"the build refused text that is not markup:\n{built.stderr[-3000:]}")
    return outcomes


def _open_everything(folders: list[Path], report: Report, browser: object) -> None:
    for folder in folders:
        with serve(folder) as base:
            for page_path in sorted(folder.rglob("*.html")):
                _visit(browser, base, folder, page_path, report)


def _visit(browser: object, base: str, folder: Path, page_path: Path, report: Report) -> None:
    context = browser.new_context()
    page = context.new_page()

    def dialog(d: object) -> None:
        report.dialogs.append(f"{page_path.relative_to(folder)}: {d.message}")
        d.dismiss()

    def route(r: object) -> None:
        if r.request.url.startswith(base):
            r.continue_()
        else:
            report.remote_requests.append(f"{page_path.relative_to(folder)}: {r.request.url}")
            r.abort()

    page.on("dialog", dialog)
    context.route("**/*", route)
    url = f"{base}/{page_path.relative_to(folder).as_posix()}"
    page.goto(url, wait_until="load")
    # Handlers that need a gesture or focus: hover and focus everything the payloads could have made.
    page.evaluate("document.querySelectorAll('*').forEach(e => { try { e.focus(); } catch (x) {} })")
    page.mouse.move(10, 10)
    page.mouse.move(600, 400)
    page.wait_for_timeout(150)
    report.pages_opened += 1
    context.close()


def _leaks(folders: list[Path]) -> list[str]:
    leaked = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix not in (".pdf", ".woff2", ".ttf", ".png"):
                data = path.read_bytes()
                if b"SECRET-TOKEN" in data or b"root:x:0:0" in data:
                    leaked.append(str(path.relative_to(folder)))
    return leaked


def probe(workdir: Path, browser: object | None = None) -> Report:
    """Run every payload through check and build in copies under ``workdir``, then open what they left in
    ``browser`` (a Playwright browser), if given."""
    report = Report()
    rounds = [("sphinx", list(INTERFACE_REFUSED))]
    size = len(_paragraphs(ROOT / "locale" / LANGUAGE / "LC_MESSAGES" / "index.po"))
    rounds += [("index", list(REFUSED[i : i + size])) for i in range(0, len(REFUSED), size)]
    outputs = []
    for number, (domain, payloads) in enumerate(rounds):
        folder = workdir / f"refused-{number}"
        report.refused += _refused_round(folder, domain, payloads)
        outputs.append(folder / "build" / "html" / LANGUAGE)
    escaped = workdir / "escaped"
    report.escaped = _escaped_round(escaped)
    outputs.append(escaped / "build" / "site")
    outputs = [o for o in outputs if o.is_dir()]
    report.leaked_files = _leaks(outputs)
    if browser is not None:
        _open_everything(outputs, report, browser)
    return report


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        chromium = None if os.environ.get("NO_BROWSER") else launch(playwright)
        report = probe(Path(tmp), chromium)
    for outcome in report.refused:
        if not (outcome.refused_by_check and outcome.refused_by_build):
            verdict = f"check={outcome.refused_by_check}, build={outcome.refused_by_build}"
            print(f"NOT REFUSED ({verdict}): {outcome.payload!r}")
    for line in report.dialogs + report.remote_requests + report.leaked_files:
        print(f"REACHED: {line}")
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
