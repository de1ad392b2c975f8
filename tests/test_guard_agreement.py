"""Ways in which ``check`` and the build once disagreed, or the build read what nobody checked, found by an
adversarial review: each must stay closed.

They are offline and fast: only ``check`` runs as a command; the build's side is the function the build
compiles catalogues with (``tools.sphinxext.guard._compiled``) and the guard's own steps.
"""

from __future__ import annotations

import gettext
import io
import json
import re
from pathlib import Path

import polib
import pytest

from tools.catalogues import read_valid
from tools.sphinxext.guard import _compiled

from helpers import copy_project, run_tools

# Paragraph messages of docs/index.md (list items): the build's content model requires one paragraph.
PARAGRAPHS = (
    "A range of types of training can be identified",
    "In each of the 12 critical areas of action",
    "It is not always easy to identify",
    "We have learned about the scope and limits training",
    "We have realised the fundamental importance of evaluation",
    "The changes since Beijing have been primarily in delivery",
    "Technological changes have had a substantive impact",
    "Challenges remain in linking training to end impacts",
    "We need to continue to develop methodologies",
    "Other pedagogical methodologies such as",
    "How important is training as part of",
    "To what extent do the changes in training delivery",
    "What should be the priorities for training",
    "How will we know that such transformation",
)
ASCII_PARAGRAPH = "It is not always easy to identify what kinds outcomes and impact of such training were envisaged"


def _check(root: Path) -> tuple[int, list[dict]]:
    result = run_tools("check", "--lang", "fr", "--select", "unsafe", "--format", "json", root=root, timeout=120)
    try:
        findings = json.loads(result.stdout)["findings"]
    except (ValueError, KeyError):
        findings = []
    return result.returncode, [f for f in findings if f["severity"] == "error"]


def _minimal_catalogue(po: Path, charset: str, msgstr: bytes) -> None:
    """``po`` with its own header (charset changed) and one translated, ASCII msgid."""
    header = re.sub("charset=utf-8", f"charset={charset}", po.read_text("utf-8").split("\n\n")[0], flags=re.I)
    po.write_bytes(header.encode("ascii") + f'\n\nmsgid "{ASCII_PARAGRAPH}"\nmsgstr "'.encode() + msgstr + b'"\n')


# Block constructs that MyST reads in a msgstr and the checker does not see: the build refuses each one
# ("its English message is one paragraph, MyST reads the translation as literal_block / transition / comment /
# target"), `check` reports nothing. Confirmed with `python -m tools --root COPY build --lang fr --format html`.
BLOCKS_THE_CHECKER_MISSES = (
    "\tFormation indentée",  # a tab is an indented code block: literal_block
    "***",  # thematic break: transition
    "___",  # thematic break: transition
    "+++",  # MyST block break: comment
    "% Formation",  # MyST line comment: comment
    "Formation\n% cachée",  # paragraph and comment
    "(x)=",  # MyST target: target
    "(x)=\nFormation",  # target and paragraph
    "-",  # an empty list item: bullet_list
    "+",  # bullet_list
    "*",  # bullet_list
    "1.",  # enumerated_list
    "1)",  # enumerated_list
    "[x]: https://evil.example/",  # a link reference definition alone: nothing (the build says "document")
)


def test_check_refuses_what_the_build_refuses_as_not_one_paragraph(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    po = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    catalogue = polib.pofile(str(po), wrapwidth=78)
    entries = [next(e for e in catalogue if e.msgid.startswith(prefix)) for prefix in PARAGRAPHS]
    for entry, payload in zip(entries, BLOCKS_THE_CHECKER_MISSES, strict=True):
        entry.msgstr = payload
    catalogue.save(str(po))
    lines = {e.msgid: e.linenum for e in polib.pofile(str(po))}
    status, errors = _check(project.root)
    reported = {f["line"] for f in errors}
    # polib numbers an entry from its first comment; a finding names the msgid (a few lines further).
    missed = [
        payload
        for entry, payload in zip(entries, BLOCKS_THE_CHECKER_MISSES, strict=True)
        if not any(lines[entry.msgid] <= line <= lines[entry.msgid] + 8 for line in reported)
    ]
    assert status != 0 and not missed, f"check accepted what the build refuses: {missed}"


def test_check_sees_the_msgstr_the_build_compiles_shift_jis(tmp_path: Path) -> None:
    # UTF-8 "、" (e3 80 81) followed by "[": read as Shift_JIS, as the header says, 0x81 0x5b is one character
    # and the "[" vanishes, so check sees no link. Sphinx's own compiler read the file as UTF-8, where MyST
    # sees [ici](https://evil.example/): the build now compiles it as check reads it.
    project = copy_project(tmp_path)
    po = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    _minimal_catalogue(po, "SHIFT_JIS", b"Il n'est pas facile \xe3\x80\x81[ici](https://evil.example/)")
    status, _errors = _check(project.root)
    compiled = gettext.GNUTranslations(io.BytesIO(_compiled(po, "fr", False))).gettext(ASCII_PARAGRAPH)
    seen_by_check = polib.pofile(read_valid(po)[0]).find(ASCII_PARAGRAPH).msgstr
    assert status == 0 and compiled == seen_by_check and "[ici](" not in compiled


def test_a_catalogue_check_accepts_is_one_the_build_can_read_latin1(tmp_path: Path) -> None:
    # README: the header's charset is honoured (ISO-8859-1 is portable). The build fails:
    # "WARNING: reading error: docs/../locale/fr/LC_MESSAGES/index.po, 'utf-8' codec can't decode byte 0xe9
    #  ... [i18n.not_readable]" and "error: the build of fr (html) failed".
    project = copy_project(tmp_path)
    po = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    _minimal_catalogue(po, "ISO-8859-1", b"Il n'est pas toujours facile d'identifier les r\xe9sultats")
    status, _errors = _check(project.root)
    assert status == 0  # check accepts it
    compiled = _compiled(po, "fr", False)  # what the build compiles (raises UnicodeDecodeError)
    assert "résultats".encode("latin-1") in compiled or "résultats".encode() in compiled


def test_the_guard_checks_the_fuzzy_entries_a_build_that_allows_them_uses(tmp_path: Path) -> None:
    # `sphinx-build -b html -D language=fr -D gettext_allow_fuzzy_translations=1 docs out` compiles fuzzy
    # entries into the .mo (the guard itself does: _compiled(..., use_fuzzy=True)) and Locale uses them, but
    # check_catalogue skips every fuzzy entry, so the guard's pre-check ("the build stops having written nothing")
    # never sees them; only the content model at priority 21 removes the payload (confirmed with 22 payloads:
    # 17 constructs removed, exit 1). The pre-check should see what the build will use.
    from types import SimpleNamespace

    from tools.sphinxext import guard

    project = copy_project(tmp_path)
    po = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    catalogue = polib.pofile(str(po), wrapwidth=78)
    entry = next(e for e in catalogue if e.msgid == ASCII_PARAGRAPH)
    entry.msgstr = "Formation <img src=x onerror=alert(1)>"
    entry.flags.append("fuzzy")
    catalogue.save(str(po))
    assert b"onerror" in _compiled(po, "fr", True)  # what the build with fuzzy allowed uses
    config = SimpleNamespace(language="fr", locale_dirs=["../locale/"], gettext_allow_fuzzy_translations=True)
    app = SimpleNamespace(srcdir=str(project.root / "docs"), config=config)
    with pytest.raises(SystemExit):
        guard.check_catalogues(app)


def test_a_catalogue_file_name_is_text_in_the_markdown_job_summary(tmp_path: Path) -> None:
    # .github/workflows/docs.yml writes `python -m tools stats --format markdown` to $GITHUB_STEP_SUMMARY on
    # every pull request, before `check` runs. An incomplete catalogue's path is put between backticks as it
    # is: a backtick in the file name ends the code span, and the rest is raw HTML that GitHub renders (a link,
    # an image fetched through its proxy). No "/" is needed: &#47; in an attribute is one. `check` does refuse
    # the file ([sync] no English document), but only in a later step; `stats` exits 0.
    from markdown_it import MarkdownIt

    project = copy_project(tmp_path)
    folder = project.root / "locale" / "fr" / "LC_MESSAGES"
    name = "x` <a href=https:&#47;&#47;evil.example>Open <img src=https:&#47;&#47;evil.example&#47;p.png> `y.po"
    catalogue = polib.pofile(str(folder / "status.po"), wrapwidth=78)
    next(e for e in catalogue if e.msgid and e.msgstr).msgstr = ""  # incomplete: the file is listed
    catalogue.save(str(folder / name))
    result = run_tools("stats", "--format", "markdown", root=project.root, timeout=120)
    assert result.returncode == 0 and "evil.example" in result.stdout
    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<a href" not in rendered and "<img" not in rendered, rendered


def test_a_compiled_catalogue_gettext_reads_for_the_language_has_a_checked_source(tmp_path: Path) -> None:
    # Python's gettext expands "fr" to fr_FR.ISO8859-1, fr_FR, fr.ISO8859-1, fr (locale.normalize) and reads the
    # first .mo it finds, before locale/fr/. A pull request that adds locale/fr_FR/LC_MESSAGES/index.mo and
    # sphinx.mo (no .po: `languages` does not list fr_FR, `check` sees nothing, the guard's orphan test looks
    # in locale/fr/ only) puts unchecked translations on the fr pages. Confirmed with
    # `python -m tools --root COPY build --lang fr`: "Texte jamais vérifié : javascript:alert(1)" (text check
    # skipped) and the interface's "PDF non vérifié" reached build/html/fr/index.html; markup in the same
    # message was removed by the content model, reported at locale/fr/LC_MESSAGES/index.po:142 (a file that
    # does not hold it).
    from types import SimpleNamespace

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from sphinx.locale import init as init_locale

    from tools.sphinxext import guard

    project = copy_project(tmp_path)
    folder = project.root / "locale" / "fr_FR" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = Catalog(locale="fr")
    catalogue.add(ASCII_PARAGRAPH, "Texte jamais vérifié : javascript:alert(1)")
    with (folder / "index.mo").open("wb") as file:
        write_mo(file, catalogue)
    translator, found = init_locale([project.root / "locale"], "fr", "index", "redteam")
    assert found and translator.gettext(ASCII_PARAGRAPH).startswith("Texte jamais")  # what Locale will use
    config = SimpleNamespace(language="fr", locale_dirs=["../locale/"], gettext_allow_fuzzy_translations=False,
                             source_encoding="utf-8-sig")  # fmt: skip
    app = SimpleNamespace(srcdir=str(project.root / "docs"), config=config)
    with pytest.raises(SystemExit):
        guard.compiled_catalogues_from_their_sources(app)


def test_check_reads_a_carriage_return_as_the_build_does(tmp_path: Path) -> None:
    # msgstr "Formation\r\r- liste": the checker sees no "\n" and parses the message inline (nothing); MyST
    # (markdown-it normalises \r) reads a paragraph and a list, and the build refuses it:
    # "index.po:142: ERROR: [unsafe] translation refused: ... MyST reads the translation as bullet_list and
    # paragraph". check exits 0.
    project = copy_project(tmp_path)
    po = project.root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    text = po.read_text("utf-8")
    start = text.index("msgstr", text.index(ASCII_PARAGRAPH[:30]))
    end = text.index("\n\n", start)
    po.write_text(text[:start] + 'msgstr "Formation\\r\\r- liste"' + text[end:], "utf-8")  # escaped, as PO says
    status, errors = _check(project.root)
    assert status != 0 and errors, "check accepted a message the build refuses as not one paragraph"
