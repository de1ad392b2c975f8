"""The check runner: which entries and which of their strings are checked, what a suppression does, and the
same findings from one process or many."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.catalogues import CatalogueError
from tools.checks import check_catalogue, check_catalogues
from tools.parallel import PARALLEL_FROM

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)


def _catalogue(folder: Path, body: str, name: str = "x") -> Path:
    path = folder / "fr" / "LC_MESSAGES" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, "utf-8")
    return path


def _found(path: Path, *ids: str, fuzzy: bool = False) -> list[tuple[int, str, str, bool]]:
    return [(f.line, f.check, f.message, f.suppressed) for f in check_catalogue(path, ids, fuzzy=fuzzy)]


def test_each_plural_form_is_checked_against_the_english_of_its_number(tmp_path: Path) -> None:
    path = _catalogue(
        tmp_path,
        'msgid "One day."\nmsgid_plural "{n} days!"\nmsgstr[0] "Un jour."\nmsgstr[1] "{n} jours."\n\n'
        'msgid "One."\nmsgid_plural "Many!"\nmsgstr[0] "Un."\nmsgstr[1] ""\n',
    )
    # msgstr[1] is compared with msgid_plural (so its '.' is wrong), msgstr[0] with msgid; an empty form is
    # not a translation to check.
    assert _found(path, "punctuation") == [
        (7, "punctuation", "the English ends with '!', the translation with '.'", False),
    ]


def test_only_translated_entries_are_checked_and_fuzzy_ones_when_asked(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, '#, fuzzy\nmsgid "Why?"\nmsgstr "Pourquoi?"\n\nmsgid "How?"\nmsgstr ""\n')
    assert _found(path, "punctuation") == []
    assert [line for line, *_ in _found(path, "punctuation", fuzzy=True)] == [8]


@pytest.mark.parametrize(
    ("comment", "suppressed"),
    [
        ("# ignore-punctuation\n", True),
        ("# ignore-numbers, ignore-punctuation\n", True),
        ("#, ignore-punctuation\n", True),
        ("# ignore-numbers\n", False),
        ("# Translator: ignore-punctuation is not needed here\n", False),
    ],
)
def test_a_suppression_silences_its_check_on_its_entry(tmp_path: Path, comment: str, suppressed: bool) -> None:
    path = _catalogue(tmp_path, f'{comment}msgid "Why?"\nmsgstr "Pourquoi?"\n\nmsgid "How?"\nmsgstr "Comment?"\n')
    assert [s for *_, s in _found(path, "punctuation")] == [suppressed, False]


def test_unsafe_cannot_be_silenced_and_says_so(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, '# ignore-unsafe\nmsgid "Summary"\nmsgstr "Résumé <b>x</b>"\n')
    found = check_catalogue(path, ("unsafe",))
    assert [(f.check, f.severity, f.suppressed) for f in found] == [("unsafe", "error", False)] * 3
    assert found[-1].message == "the flag ignore-unsafe has no effect: remove it"
    assert check_catalogue(path, ("links",)) == []  # said only when unsafe runs


def test_a_catalogue_the_build_cannot_use_is_an_error_not_findings(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, 'msgid "a"\nmsgstr "b"\n')
    path.write_text(path.read_text("utf-8").replace("Language: fr", "Language: de"), "utf-8")
    with pytest.raises(CatalogueError):
        check_catalogue(path, ("links",))
    found, errors = check_catalogues([path], ("links",))
    assert found == [] and [e.path for e in errors] == [path]


def test_many_catalogues_give_the_same_findings_on_one_core_or_several(tmp_path: Path) -> None:
    paths = [
        _catalogue(tmp_path, f'msgid "Why {n}?"\nmsgstr "Pourquoi {n}?"\n\nmsgid "See 20"\nmsgstr "Voir"\n', f"d{n}")
        for n in range(PARALLEL_FROM + 4)
    ]
    broken = _catalogue(tmp_path, 'msgid "a"\nmsgstr "b\n', "broken")
    one, one_errors = check_catalogues([*paths, broken], ("punctuation", "numbers"), jobs=1)
    many, many_errors = check_catalogues([*reversed(paths), broken], ("punctuation", "numbers"), jobs=2)
    assert one == many and len(one) == 2 * len(paths)
    assert [f.path for f in one] == sorted(f.path for f in one)  # in file, then line order
    assert [(e.path, e.line) for e in one_errors] == [(e.path, e.line) for e in many_errors] == [(broken, 8)]
