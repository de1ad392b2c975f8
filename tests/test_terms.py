"""Terminology and spelling: the glossary, its command and page, and findings at the right lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.checks.terms import find_dictionary
from tools.glossary import load_glossary

from helpers import ROOT, run_in_process
from pages import soup

REQUIRED = (
    "Beijing Platform for Action", "gender equality", "training", "Community of Practice", "Virtual Dialogue",
    "Concept Note", "key points", "critical areas of concern",
)  # fmt: skip


@pytest.mark.content
def test_glossary_holds_the_required_terms() -> None:
    terms = {term.english: term for term in load_glossary(ROOT / "locale")}
    for english in REQUIRED:
        assert terms[english].equivalent("es") and terms[english].equivalent("fr"), english
    assert terms["gender equality"].equivalent("es") == "igualdad de género"
    assert terms["training"].equivalent("fr") == "formation"
    assert terms["CoP"].keep("es") and terms["CoP"].keep("fr")


def test_glossary_command() -> None:
    done = run_in_process("glossary", "Platform")
    assert done.returncode == 0
    assert done.stdout.splitlines()[:3] == [
        "Beijing Platform for Action",
        "  es: Plataforma de Acción de Beijing",
        "  fr: Plateforme d’action de Beijing",
    ]
    missing = run_in_process("glossary", "nonexistent")
    assert missing.returncode == 1 and "no glossary entry" in missing.stderr


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def run_check(tmp_path: Path, lang: str, body: str, *args: str) -> tuple[list[str], list[str]]:
    locale = tmp_path / "locale"
    (locale / lang / "LC_MESSAGES").mkdir(parents=True)
    for name in ("glossary.csv", "wordlist.txt"):
        (locale / name).write_bytes((ROOT / "locale" / name).read_bytes())
    path = locale / lang / "LC_MESSAGES" / "x.po"
    text = HEADER.format(lang=lang) + body
    path.write_text(text, "utf-8")
    done = run_in_process("check", str(path), "--select", "glossary,spelling", *args)
    return done.stdout.splitlines(), text.splitlines()


def test_a_wrong_term_and_a_missing_kept_term_are_reported_at_their_line(tmp_path: Path) -> None:
    body = (
        'msgid "We need gender equality."\nmsgstr "Necesitamos equidad de género."\n\n'
        'msgid "The CoP met."\nmsgstr "La Comunidad se reunió."\n\n'
        'msgid "Gender equality for all."\nmsgstr "Igualdad de género para todos."\n'
    )
    found, lines = run_check(tmp_path, "es", body)
    glossary = [line for line in found if "[glossary]" in line]
    assert len(glossary) == 2, found
    need, cop = (lines.index(f'msgid "{text}"') + 1 for text in ("We need gender equality.", "The CoP met."))
    assert f":{need}: WARNING: [glossary] the glossary renders 'gender equality'" in glossary[0]
    assert f":{cop}: WARNING: [glossary] 'CoP' is kept as it is" in glossary[1]


@pytest.mark.skipif(find_dictionary("fr") is None, reason="no French Hunspell dictionary (apt-get install hunspell-fr)")
def test_a_misspelling_is_reported_at_its_line(tmp_path: Path) -> None:
    body = 'msgid "Summary"\nmsgstr "Résumé"\n\nmsgid "In Beijing, the summary"\nmsgstr "À Beijing, le réssumé"\n'
    found, lines = run_check(tmp_path, "fr", body)
    line = lines.index('msgid "In Beijing, the summary"') + 1
    assert [f for f in found if "[spelling]" in f] == [
        f"{tmp_path}/locale/fr/LC_MESSAGES/x.po:{line}: WARNING: [spelling] unknown word 'réssumé': "
        "a spelling mistake, or a name to add to locale/wordlist.txt"
    ]


def test_spelling_without_a_dictionary_is_skipped_not_failed(tmp_path: Path) -> None:
    body = 'msgid "Summary"\nmsgstr "Xyzzy"\n'
    locale = tmp_path / "locale" / "xx" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "x.po").write_text(HEADER.format(lang="xx") + body, "utf-8")
    done = run_in_process("check", str(locale / "x.po"), "--select", "spelling")
    assert done.returncode == 0 and done.stdout == "1 catalogue checked: no problem found\n"
    assert done.stderr.startswith("spelling: no Hunspell dictionary for xx, check skipped; Debian has none for xx")


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_glossary_page_is_linked_from_the_status_page(site: Path, lang: str) -> None:
    status = soup(site / lang / "status.html")
    link = next(a for a in status.select("article a[href]") if a["href"].startswith("glossary.html"))
    assert (site / lang / "glossary.html").is_file()
    table = soup(site / lang / "glossary.html").select_one("table.publication-glossary")
    headers = [cell.get_text().strip() for cell in table.select("thead th, thead td")]
    assert headers == ["English", "Español", "Français"]
    rows = [[cell.get_text().strip() for cell in row.select("td")] for row in table.select("tbody tr")]
    assert ["training", "capacitación", "formation"] in rows
    assert link.get_text().strip()
