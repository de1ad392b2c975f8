"""``python -m tools todo``: what is left, entry by entry, with the change in the English and a suggestion."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from corpus import ARCHIVE, extract
from hypothesis import given
from hypothesis import strategies as st

from tools.catalogues import find_catalogues
from tools.stats import collect as collect_stats
from tools.todo import SIMILARITY_THRESHOLD, collect
from tools.word_diff import Piece, shortened, word_diff

from helpers import copy_project, run_in_process, run_tools
from hostile import ESCAPED, REFUSED

MSGMERGE = shutil.which("msgmerge")
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)

DIFFS = [
    # (previous English, English now, the pieces)
    ("12 critical areas", "twelve critical areas",
     [Piece("deleted", "12"), Piece("inserted", "twelve"), Piece("same", " critical areas")]),
    ("Training for gender equality", "Training for gender equality and Beijing +20",
     [Piece("same", "Training for gender equality"), Piece("inserted", " and Beijing +20")]),
    ("the summary, in English.", "the summary in English",
     [Piece("same", "the summary"), Piece("deleted", ","), Piece("same", " in English"), Piece("deleted", ".")]),
    # Words of another script are words: one replaced, not the whole line.
    ("培训 促进 性别 平等", "培训 推动 性别 平等",
     [Piece("same", "培训 "), Piece("deleted", "促进"), Piece("inserted", "推动"), Piece("same", " 性别 平等")]),
    ("same", "same", [Piece("same", "same")]),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "pieces"), DIFFS)
def test_word_diff(old: str, new: str, pieces: list[Piece]) -> None:
    assert word_diff(old, new) == pieces


@given(st.text(), st.text())
def test_the_pieces_give_back_both_texts(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != "inserted") == old
    assert "".join(p.text for p in pieces if p.kind != "deleted") == new
    assert all(p.text for p in pieces)
    assert all(a.kind != b.kind for a, b in itertools.pairwise(pieces))


def test_a_long_unchanged_stretch_is_cut_around_the_change() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    pieces = shortened(word_diff(f"{words} 12 {words}", f"{words} twelve {words}"))
    assert [p.kind for p in pieces] == ["same", "deleted", "inserted", "same"]
    assert pieces[0].text == "… w36 w37 w38 w39 " and pieces[-1].text == " w0 w1 w2 w3 …"


def _catalogue(tmp_path: Path, body: str, name: str = "index.po", language: str = "fr") -> Path:
    path = tmp_path / "locale" / language / "LC_MESSAGES" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.replace("Language: fr", f"Language: {language}") + body, "utf-8")
    return path


MEMORY = (
    'msgid "Training for gender equality"\nmsgstr "La formation pour l’égalité des sexes"\n\n'
    'msgid "The dialogue took place online"\nmsgstr "Le dialogue a eu lieu en ligne"\n\n'
)

SUGGESTIONS = [
    # (untranslated English, the translation suggested or None)
    ("Training for gender equality and Beijing", "La formation pour l’égalité des sexes"),
    ("training for Gender Equality.", "La formation pour l’égalité des sexes"),
    ("The dialogue took place online in October", "Le dialogue a eu lieu en ligne"),
    # Below msgmerge's threshold: a word in common is not a match.
    ("Gender statistics", None),
    ("Annex", None),
]


@pytest.mark.parametrize(("source", "expected"), SUGGESTIONS)
def test_an_untranslated_entry_gets_the_nearest_translation_as_suggestion(
    tmp_path: Path, source: str, expected: str | None
) -> None:
    _catalogue(tmp_path, MEMORY, "glossary.po")
    _catalogue(tmp_path, f'msgid "{source}"\nmsgstr ""\n')
    (todo,), errors = collect(find_catalogues([tmp_path / "locale"]))
    assert not errors
    (item,) = todo.items
    assert (item.suggestion.translation if item.suggestion else None) == expected
    if item.suggestion:
        assert item.suggestion.similarity >= SIMILARITY_THRESHOLD
        assert item.suggestion.path.name == "glossary.po"


def test_suggestions_come_from_the_same_language_only(tmp_path: Path) -> None:
    _catalogue(tmp_path, MEMORY, "glossary.po", language="es")
    _catalogue(tmp_path, 'msgid "Training for gender equality and Beijing"\nmsgstr ""\n')
    todos, _ = collect(find_catalogues([tmp_path / "locale"]))
    assert [(t.language, [i.suggestion for i in t.items]) for t in todos] == [("es", []), ("fr", [None])]


ENTRIES = (
    'msgid "Done"\nmsgstr "Fait"\n\n'
    '#, fuzzy\n#| msgid "The 12 critical areas"\nmsgid "The twelve critical areas"\nmsgstr "Les 12 domaines"\n\n'
    '#, fuzzy\nmsgid "Fuzzy but empty"\nmsgstr ""\n\n'
    'msgctxt "menu"\nmsgid "Open"\nmsgstr ""\n\n'
    '#~ msgid "Gone"\n#~ msgstr ""\n'
)


def test_items_are_what_msgfmt_counts_as_left_in_file_order(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, ENTRIES)
    (todo,), _ = collect([path])
    lines = path.read_text("utf-8").splitlines()
    assert [(i.kind, i.line, i.source, i.context) for i in todo.items] == [
        ("fuzzy", lines.index('msgid "The twelve critical areas"') + 1, "The twelve critical areas", None),
        # Fuzzy with no translation: msgfmt counts it untranslated, and so does stats.
        ("untranslated", lines.index('msgid "Fuzzy but empty"') + 1, "Fuzzy but empty", None),
        ("untranslated", lines.index('msgid "Open"') + 1, "Open", "menu"),
    ]
    (stats,), _ = collect_stats([path])
    assert (todo.fuzzy, todo.untranslated) == (stats.fuzzy, stats.untranslated) == (1, 2)
    assert todo.items[0].previous == "The 12 critical areas" and todo.items[0].translation == "Les 12 domaines"


def test_text_output_is_one_file_line_per_item(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, ENTRIES)
    result = run_in_process("todo", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    line = {text: number for number, text in enumerate(path.read_text("utf-8").splitlines(), start=1)}
    fuzzy, empty, menu = (
        line[f'msgid "{source}"'] for source in ("The twelve critical areas", "Fuzzy but empty", "Open")
    )
    where = "locale/fr/LC_MESSAGES/index.po"
    assert result.stdout.splitlines() == [
        f"{where}:{fuzzy}: fuzzy: the English changed",
        "    English: The [-12-]{+twelve+} critical areas",
        "    translation: Les 12 domaines",
        f"{where}:{empty}: untranslated",
        "    English: Fuzzy but empty",
        f"{where}:{menu}: untranslated (context 'menu')",
        "    English: Open",
        "fr: 1 fuzzy, 2 untranslated (8 words) in 1 file",
    ]


def test_a_suggestion_is_shown_with_where_it_comes_from(tmp_path: Path) -> None:
    _catalogue(tmp_path, MEMORY, "glossary.po")
    _catalogue(tmp_path, 'msgid "Training for gender equality and Beijing"\nmsgstr ""\n')
    result = run_in_process("todo", "locale", cwd=tmp_path)
    assert (
        "    suggestion (80 % alike, locale/fr/LC_MESSAGES/glossary.po:7): La formation pour l’égalité des sexes"
        in (result.stdout.splitlines())
    )


def test_nothing_left_is_said(tmp_path: Path) -> None:
    _catalogue(tmp_path, MEMORY)
    result = run_in_process("todo", "locale", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "fr: nothing left to translate\n")


def test_json_has_the_pieces_and_the_suggestion(tmp_path: Path) -> None:
    _catalogue(tmp_path, MEMORY, "glossary.po")
    _catalogue(tmp_path, ENTRIES + '\nmsgid "Training for gender equality and Beijing"\nmsgstr ""\n')
    result = run_in_process("todo", "locale", "--format", "json", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert document["version"] == 1 and document["errors"] == []
    (language,) = document["languages"]
    assert (language["language"], language["fuzzy"], language["untranslated"]) == ("fr", 1, 3)
    fuzzy = language["items"][0]
    assert fuzzy["kind"] == "fuzzy" and fuzzy["previous"] == "The 12 critical areas"
    assert fuzzy["changes"] == [
        {"kind": "same", "text": "The "},
        {"kind": "deleted", "text": "12"},
        {"kind": "inserted", "text": "twelve"},
        {"kind": "same", "text": " critical areas"},
    ]
    suggestion = language["items"][-1]["suggestion"]
    assert suggestion["translation"] == "La formation pour l’égalité des sexes"
    assert suggestion["path"] == "locale/fr/LC_MESSAGES/glossary.po" and suggestion["similarity"] == 0.8


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_html_page_escapes_what_a_catalogue_says_and_allows_no_script(tmp_path: Path) -> None:
    body = (
        f'#, fuzzy\n#| msgid "Old {HOSTILE}"\nmsgid "New {HOSTILE}"\nmsgstr "{HOSTILE}"\n\n'
        f'msgctxt "{HOSTILE}"\nmsgid "x"\nmsgstr ""\n'
    )  # the payload has no double quote of its own, so it stays inside the strings
    _catalogue(tmp_path, body)
    result = run_in_process("todo", "locale", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert "default-src 'none'" in page
    assert "<del>Old</del><ins>New</ins>" in page


def test_terminal_output_escapes_control_characters(tmp_path: Path) -> None:
    _catalogue(tmp_path, 'msgid "Red \\033[31m text"\nmsgstr ""\n')
    result = run_in_process("todo", "locale", cwd=tmp_path)
    assert "\x1b" not in result.stdout and "Red \\x1b[31m text" in result.stdout


def test_an_unreadable_catalogue_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _catalogue(tmp_path, MEMORY)
    _catalogue(tmp_path, 'msgid "a"\nmsgstr "b\n', "broken.po")
    result = run_in_process("todo", "locale", cwd=tmp_path)
    assert result.returncode == 2
    assert re.fullmatch(r"locale/fr/LC_MESSAGES/broken\.po:\d+: [^\n]+\n", result.stderr), result.stderr


def test_a_language_with_no_catalogue_is_an_error(tmp_path: Path) -> None:
    _catalogue(tmp_path, MEMORY)
    result = run_in_process("todo", "locale", "--lang", "de", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "error: no catalogues for de\n")


def test_todo_after_update_shows_what_changed_in_the_english_and_the_status_page_too(tmp_path: Path) -> None:
    """The whole round: the English changes, update marks the entry fuzzy, todo and the status page show the
    word that changed; a translation with markup in it is shown as text."""
    project = copy_project(tmp_path)
    source = project.root / "docs" / "index.md"
    text = source.read_text("utf-8")
    assert text.count("the 12 critical areas") == 1
    source.write_text(text.replace("the 12 critical areas", "the twelve critical areas"), "utf-8")
    assert run_tools("update", "--lang", "fr", root=project.root).returncode == 0
    catalogue = project.root / "locale/fr/LC_MESSAGES/index.po"
    translated = catalogue.read_text("utf-8")
    assert translated.count('"Dans les 12 domaines') == 1
    catalogue.write_text(translated.replace('"Dans les 12 domaines', f'"Dans les 12 {HOSTILE} domaines'), "utf-8")
    result = run_tools("todo", "--lang", "fr", root=project.root, cwd=project.root)
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"locale/fr/LC_MESSAGES/index\.po:\d+: fuzzy: the English changed", lines[0])
    assert lines[1] == "    English: In each of the [-12-]{+twelve+} critical areas of action …"
    assert lines[-1] == "fr: 1 fuzzy, 0 untranslated (29 words) in 1 file"
    number = int(lines[0].split(":")[1])
    assert catalogue.read_text("utf-8").splitlines()[number - 1].startswith("msgid")

    built = run_tools("build", "--lang", "fr", "--format", "html", root=project.root)
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((project.build / "html" / "fr" / "status.html").read_text("utf-8"), "html.parser")
    (item,) = page.select(".todo-items > li")
    assert item.code.get_text() == f"locale/fr/LC_MESSAGES/index.po:{number}"
    assert item.strong.get_text() == "approximatif"
    english = item.select_one(".todo-english")
    assert english["lang"] == "en"
    assert [(tag.name, tag.get_text()) for tag in english.find_all(["del", "ins"])] == [
        ("del", "12"),
        ("ins", "twelve"),
    ]
    translation = item.select_one(".todo-translation")
    assert translation["lang"] == "fr" and HOSTILE in translation.get_text()
    assert not page.select(".todo script, .todo img")
    spanish = [
        p.get_text() for p in page.select(".todo p") if p.find_previous("p", class_="rubric").get_text() == "Español"
    ]
    assert "No queda nada por traducir." not in spanish  # the French page speaks French
    assert "Plus rien à traduire." in spanish


@pytest.mark.skipif(not ARCHIVE.exists(), reason=f"{ARCHIVE} is not beside this checkout")
def test_the_french_python_docs_agree_with_stats(tmp_path: Path) -> None:
    """496 real catalogues: the items are what stats counts (msgfmt's counts), and every suggestion is one."""
    files = find_catalogues([extract(tmp_path)])
    todos, errors = collect(files)
    stats, _ = collect_stats(files)
    assert not errors
    assert sum(t.fuzzy for t in todos) == sum(s.fuzzy for s in stats) > 0
    assert sum(t.untranslated for t in todos) == sum(s.untranslated for s in stats) > 0
    suggested = [item.suggestion for todo in todos for item in todo.items if item.suggestion is not None]
    assert len(suggested) > 1000
    assert all(s.similarity >= SIMILARITY_THRESHOLD and s.translation for s in suggested)


@pytest.mark.skipif(not MSGMERGE, reason="GNU gettext's msgmerge is not installed (apt-get install gettext)")
@pytest.mark.skipif(not ARCHIVE.exists(), reason=f"{ARCHIVE} is not beside this checkout")
def test_what_msgmerge_marks_fuzzy_shows_the_words_that_changed(tmp_path: Path) -> None:
    """Real catalogues merged by GNU msgmerge --previous with English that changed: each #| msgid is the one
    polib reads, and the diff is the words added."""
    files = find_catalogues([extract(tmp_path / "corpus")])[:40]
    merged = []
    for index, path in enumerate(files):
        template = polib.POFile()
        template.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for number, entry in enumerate(e for e in polib.pofile(str(path)) if e.translated() and not e.msgid_plural):
            changed = f"{entry.msgid} (updated)" if number % 4 == 0 else entry.msgid
            template.append(polib.POEntry(msgid=changed, msgctxt=entry.msgctxt))
        pot, out = tmp_path / f"{index}.pot", tmp_path / "locale" / "fr" / "LC_MESSAGES" / f"{index}.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        template.save(str(pot))
        subprocess.run([MSGMERGE, "--quiet", "--previous", "-o", str(out), str(path), str(pot)], check=True)
        merged.append(out)
    todos, errors = collect(merged)
    assert not errors
    fuzzy = [item for todo in todos for item in todo.items if item.fuzzy]
    with_previous = [item for item in fuzzy if item.previous is not None]
    assert len(with_previous) > 100
    read = {path: {(e.msgctxt, e.msgid): e.previous_msgid for e in polib.pofile(str(path))} for path in merged}
    assert all(read[item.path][(item.context, item.source)] == item.previous for item in with_previous)
    appended = [item for item in with_previous if item.source == f"{item.previous} (updated)"]
    assert len(appended) > 0.9 * len(with_previous)
    assert all(
        item.changes == [Piece("same", item.previous), Piece("inserted", " (updated)")]
        for item in appended
        if not item.previous.endswith((" ", "\n"))  # where a space ends the text, it joins the added one
    )


def test_the_html_page_with_every_hostile_payload_runs_nothing_in_a_browser(tmp_path: Path, browser: object) -> None:
    """Every payload of the hostile-translation probe, as English, as previous English, as fuzzy translation and
    as context of a catalogue's entries: the page opened in Chromium shows no dialog and asks for nothing."""
    payloads = [*REFUSED, *ESCAPED]
    body = "".join(
        f'#, fuzzy\n#| msgid "{_c(p)} old"\nmsgctxt "{_c(p)}"\nmsgid "{_c(p)} new {n}"\nmsgstr "{_c(p)}"\n\n'
        f'msgid "{_c(p)} {n}"\nmsgstr ""\n\n'
        for n, p in enumerate(payloads)
    )
    _catalogue(tmp_path, MEMORY + body)
    result = run_in_process("todo", "locale", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("<li>") == 2 * len(payloads)
    page_file = tmp_path / "todo.html"
    page_file.write_text(result.stdout, "utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs: list[str] = []
        requests: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        page.wait_for_timeout(300)
        assert page.locator("li").count() == 2 * len(payloads)
        assert (dialogs, [url for url in requests if url != page_file.as_uri()]) == ([], [])
    finally:
        context.close()


def _c(text: str) -> str:
    """A payload as a PO string literal's content."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
