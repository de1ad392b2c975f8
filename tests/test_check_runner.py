"""The check runner: which entries and which of their strings are checked, what a suppression does, and the
same findings from one process or many."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from tools.catalogues import CatalogueError, read_catalogue
from tools.checks import REGISTRY, Severity, check_catalogue, check_catalogues, check_entry
from tools.findings import Finding
from tools.glossary import load_glossary
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


LINKS = (
    '["https://example.org/en"]\nes = "https://example.org/es"\nfr = "https://example.org/fr"\n'
    'und = "https://example.org/und"\n'
)
LINKED = 'msgid "[See](https://example.org/en)"\nmsgstr "[Voir](https://example.org/{})"\n'
GLOSSARY = "the glossary renders 'training' as 'formation', not found in the translation"
WRAPPING = (
    "not in the canonical form (GNU gettext's, as msgcat writes it: wrapping, field order, UTF-8); run: "
    "python -m tools check --fix"
)


def _locale(folder: Path) -> Path:
    """A project's locale folder with its links, glossary and word list."""
    locale = folder / "locale"
    locale.mkdir(parents=True)
    (locale / "links.toml").write_text(LINKS, "utf-8")
    (locale / "glossary.csv").write_text("en,fr,note\ntraining,formation,\n", "utf-8")
    (locale / "wordlist.txt").write_text("# Names\nZorglub\n", "utf-8")
    return locale


def _seen(found: list[Finding]) -> list[tuple[str, int, str, str]]:
    return [(f.path.name, f.line, f.check, f.message) for f in found]


@pytest.mark.parametrize(
    ("where", "language", "expected"),
    [
        ("fr/LC_MESSAGES/x.po", True, []),
        ("x.po", True, []),  # the header's language
        ("fr/LC_MESSAGES/x.po", False, []),  # else the folder's
        ("x.po", False, ["link to https://example.org/fr is not in the English (expected https://example.org/und)"]),
    ],
)
def test_the_language_is_the_headers_else_the_folders_else_und(
    tmp_path: Path, where: str, language: bool, expected: list[str]
) -> None:
    locale = _locale(tmp_path)
    path = locale / where
    path.parent.mkdir(parents=True, exist_ok=True)
    header = HEADER if language else HEADER.replace('"Language: fr\\n"\n', "")
    path.write_text(header + LINKED.format("fr"), "utf-8")
    assert [f.message for f in check_catalogue(path, ("links",), locale=locale)] == expected


def test_links_glossary_and_words_come_from_the_locale_folder_given_else_the_catalogues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionaries = tmp_path / "hunspell"
    dictionaries.mkdir()
    (dictionaries / "fr.aff").write_text("SET UTF-8\n", "utf-8")
    (dictionaries / "fr.dic").write_text("3\nvoir\ncours\nsee\n", "utf-8")
    monkeypatch.setenv("HUNSPELL_PATH", str(dictionaries))
    locale = _locale(tmp_path / "project")
    path = _catalogue(locale, LINKED.format("fr") + '\nmsgid "Training."\nmsgstr "Cours Zorglub."\n')
    other = tmp_path / "other"
    other.mkdir()
    (other / "links.toml").write_text('["https://example.org/en"]\nfr = "https://example.org/ailleurs"\n', "utf-8")
    ids = ("links", "glossary", "spelling")
    # locale/ of the project the catalogue is in: locale/<lang>/LC_MESSAGES/x.po
    assert _seen(check_catalogue(path, ids)) == [("x.po", 10, "glossary", GLOSSARY)]
    moved = [
        (
            "x.po",
            7,
            "links",
            "link to https://example.org/fr is not in the English (expected https://example.org/ailleurs)",
        ),
        ("x.po", 10, "spelling", "unknown word 'Zorglub': a spelling mistake, or a name to add to locale/wordlist.txt"),
    ]
    assert _seen(check_catalogue(path, ids, locale=other)) == moved
    found, errors = check_catalogues([path], ids, locale=other)
    assert _seen(found) == moved and errors == []


def test_unsafe_accepts_a_counterpart_declared_for_any_language_links_only_this_languages(tmp_path: Path) -> None:
    path = _catalogue(_locale(tmp_path), LINKED.format("es"))
    assert _seen(check_catalogue(path, ("unsafe", "links"))) == [
        ("x.po", 7, "links", "link to https://example.org/es is not in the English (expected https://example.org/fr)")
    ]


def test_check_entry_takes_the_glossary_and_declared_counterparts_it_is_given(tmp_path: Path) -> None:
    locale = _locale(tmp_path)
    path = _catalogue(locale, LINKED.format("es") + '\nmsgid "Training."\nmsgstr "Cours."\n')
    linked, training = read_catalogue(path).entries
    links = {"https://example.org/en": "https://example.org/fr"}
    declared = {"https://example.org/en": frozenset({"https://example.org/es", "https://example.org/fr"})}
    unsafe, glossary = [REGISTRY["unsafe"]], [REGISTRY["glossary"]]
    assert check_entry(path, linked, "fr", links, unsafe, declared=declared) == []
    # Without declared counterparts, those of the entry's language.
    message = (
        "link to 'https://example.org/es' is not in the English message; a translation holds only what its English has"
    )
    assert check_entry(path, linked, "fr", links, unsafe) == [
        Finding(path, 7, "unsafe", Severity.ERROR, message, "[See](https://example.org/en)")
    ]
    assert check_entry(path, training, "fr", links, glossary) == []
    assert check_entry(path, training, "fr", links, glossary, load_glossary(locale)) == [
        Finding(path, 10, "glossary", Severity.WARNING, GLOSSARY, "Training.")
    ]


def test_a_useless_ignore_flag_is_an_error_of_its_entry(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, '# ignore-unsafe\nmsgid "Summary"\nmsgstr "Résumé"\n')
    assert check_catalogue(path, ("unsafe",)) == [
        Finding(path, 8, "unsafe", Severity.ERROR, "the flag ignore-unsafe has no effect: remove it", "Summary")
    ]


def test_untranslated_entries_are_skipped_not_the_end_of_the_catalogue(tmp_path: Path) -> None:
    path = _catalogue(
        tmp_path, 'msgid "How?"\nmsgstr ""\n\nmsgid "Why?"\nmsgstr "Pourquoi ?"\n\nmsgid "No."\nmsgstr "Non"\n'
    )
    assert _found(path, "punctuation") == [
        (13, "punctuation", "the English ends with '.', the translation with 'no punctuation'", False)
    ]


def test_a_catalogue_is_rewritten_only_when_fix_is_asked_for(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, 'msgid "a"\nmsgstr ""\n"b"\n')
    before = path.read_bytes()
    found = [Finding(path, 8, "wrapping", Severity.ERROR, WRAPPING)]
    assert check_catalogue(path, ("wrapping",)) == found
    assert check_catalogues([path], ("wrapping",)) == (found, [])
    assert path.read_bytes() == before
    rewritten = "rewritten in the canonical form (GNU gettext's, as msgcat writes it)"
    fixed = [Finding(path, 8, "wrapping", Severity.ERROR, rewritten, fixed=True)]
    assert check_catalogues([path], ("wrapping",), fix=True) == (fixed, [])
    assert path.read_text("utf-8") == HEADER + 'msgid "a"\nmsgstr "b"\n'


def test_findings_are_in_file_then_line_then_check_order(tmp_path: Path) -> None:
    body = 'msgid "*See* [it](https://example.org/en)."\nmsgstr ""\n"Voir [ça](https://example.org/x)."\n'
    paths = [_catalogue(tmp_path, body, name) for name in ("b", "a")]
    found, errors = check_catalogues(paths, ("wrapping", "links", "emphasis"))
    assert [(f.path.name, f.line, f.check) for f in found] == [
        (name, line, check)
        for name in ("a.po", "b.po")
        for line, check in ((7, "emphasis"), (7, "links"), (8, "wrapping"))
    ]
    assert errors == []


T = TypeVar("T")


class _Pool:
    """ProcessPoolExecutor's part that map_files uses, in this process, recording how many workers it was asked
    for."""

    def __init__(self, sizes: list[int], max_workers: int) -> None:
        sizes.append(max_workers)

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exception: object) -> None:
        return None

    def map(self, function: Callable[[T], object], batches: Iterable[T]) -> Iterator[object]:
        return map(function, batches)


def test_jobs_is_how_many_worker_processes_and_one_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [_catalogue(tmp_path, 'msgid "Why?"\nmsgstr "Pourquoi?"\n', f"d{n:02}") for n in range(PARALLEL_FROM)]
    sizes: list[int] = []
    monkeypatch.setattr("tools.parallel.ProcessPoolExecutor", lambda max_workers: _Pool(sizes, max_workers))
    one, _ = check_catalogues(paths, ("punctuation",), jobs=1)
    assert sizes == []
    three, _ = check_catalogues(paths, ("punctuation",), jobs=3)
    assert sizes == [3]
    assert one == three and [f.path for f in one] == paths


def test_a_python_format_flag_written_by_a_translator_keeps_the_message_myst(tmp_path: Path) -> None:
    """The flag makes a document's message %-formatted (``placeholders``), never an interface string: the MyST
    checks and the content model still read it, and a translator cannot silence ``unsafe`` with it."""
    body = '#, python-format\nmsgid "A plain %(n)s sentence."\nmsgstr "[x](../../.git/config) %(m)s"\n'
    path = _catalogue(tmp_path, body)
    found = {(check, message.split(":")[0]) for _, check, message, _ in _found(path, "unsafe", "links", "placeholders")}
    assert ("unsafe", "'../../.git/config' names a file outside the source tree") in found
    assert any(check == "links" for check, _ in found)
    assert any(check == "placeholders" for check, _ in found)
