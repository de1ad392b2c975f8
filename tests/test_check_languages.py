"""The checks in every language: sentence-final marks, quotation marks, spacing, digits and dictionaries read
from each language's own conventions (CLDR), with cases for the six official languages of the United Nations
(Arabic, Chinese, English, French, Russian, Spanish) and for the scripts whose marks differ most (Japanese,
Greek, Hindi, Persian, Thai). (check, language, English, translation, the messages expected)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_terms import HEADER

from tools.checks import terms
from tools.hunspell_packages import debian_package
from tools.language_punctuation import cldr_locale, mark_of
from tools.languages import language_tag, percent_text, sphinx_languages

from helpers import run_in_process, says

ENDS = "the English ends with {!r}, the translation with {!r}"

CASES = [
    # Arabic: ؟ asks, ، and ؛ are its comma and semicolon, and its digits are Arabic-Indic.
    ("punctuation", "ar", "Why?", "لماذا؟", []),
    ("punctuation", "ar", "Why?", "لماذا.", [ENDS.format("?", ".")]),
    ("punctuation", "ar", "It ends.", "ينتهي.", []),
    ("punctuation", "ar", "Key points:", "النقاط الرئيسية:", []),
    ("punctuation", "ar", "It ends.", "ينتهي", [ENDS.format(".", "no punctuation")]),
    ("punctuation", "ar", "The “dialogue” ended.", "انتهى ”الحوار“.", []),
    ("punctuation", "ar", "The dialogue ended.", "انتهى «الحوار».", []),
    ("numbers", "ar", "13–31 October 2014", "١٣–٣١ أكتوبر ٢٠١٤", []),
    ("numbers", "ar", "Beijing +20", "بيجين +٢٠", []),
    ("numbers", "ar", "Beijing +20", "بيجين +٢١", ["the number 20 of the English is not in the translation"]),
    ("numbers", "ar", "3.5 per cent", "٣٫٥ في المائة", []),
    ("numbers", "fa", "In 2014", "در ۲۰۱۴", []),
    # Chinese: 。？！：and the full-width forms, quotation “…”, no spaces.
    ("punctuation", "zh_CN", "It ends.", "结束了。", []),
    ("punctuation", "zh_CN", "Why?", "为什么？", []),
    ("punctuation", "zh_CN", "Go!", "走！", []),
    ("punctuation", "zh_CN", "Key points:", "要点：", []),
    ("punctuation", "zh_CN", "It ends.", "结束了", [ENDS.format(".", "no punctuation")]),
    ("punctuation", "zh_CN", "Why?", "为什么。", [ENDS.format("?", ".")]),
    ("punctuation", "zh_CN", "He said “yes.”", "他说：“是的。”", []),
    (
        "punctuation",
        "zh_CN",
        "He said yes.",
        "他说«是的»。",
        ["quotation mark(s) « » are not this language's: it quotes “…” (inside: ‘…’)"],
    ),
    ("punctuation", "zh_TW", "He said yes.", "他說「是的」。", []),
    ("punctuation", "ja", "It ends.", "終わります。", []),
    ("punctuation", "ja", "He said yes.", "彼は「はい」と言った。", []),
    ("punctuation", "ja", "It ends.", "終わります｡", []),  # the half-width full stop
    ("punctuation", "zh_CN", "Containers (grids, tabs, etc.)", "容器（网格、选项卡等）", []),  # an abbreviation's dot
    ("punctuation", "zh_CN", "For instance, e.g.", "例如：", []),
    ("numbers", "zh_CN", "13–31 October 2014", "2014年10月13日至31日", []),
    ("numbers", "ja", "In 2014", "２０１４年に", []),  # full-width digits
    # Russian: «…» outside, „…“ inside.
    ("punctuation", "ru", "It ends.", "Это конец.", []),
    ("punctuation", "ru", "The “dialogue” ended.", "«Диалог» завершился.", []),
    ("punctuation", "ru", "He said “the ‘quote’”.", "Он сказал «„цитата“».", []),
    ("punctuation", "ru", "Why?", "Почему", [ENDS.format("?", "no punctuation")]),
    ("numbers", "ru", "1,000 people", "1000 человек", []),
    ("numbers", "ru", "From 2014", "С 2015 года", ["the number 2014 of the English is not in the translation"]),
    # French: spacing before ; : ? ! and inside « », except in Canada and Switzerland before ; ? !.
    ("punctuation", "fr", "Why?", "Pourquoi ?", []),
    ("punctuation", "fr", "Why?", "Pourquoi?", ["French puts a (no-break) space before '?': …Pourquoi?"]),
    ("punctuation", "fr_CA", "Why?", "Pourquoi?", []),
    ("punctuation", "fr_CH", "Why?", "Pourquoi?", []),
    ("punctuation", "fr_CA", "Note:", "Note:", ["French puts a (no-break) space before ':': …Note:"]),
    ("punctuation", "fr", "The “dialogue” ended.", "Le « dialogue » s’est terminé.", []),
    ("punctuation", "fr", "It ends.", "C’est la fin.", []),  # the apostrophe is no quotation mark
    # Spanish: ¿ ¡ open, « » and “ ” both quote.
    ("punctuation", "es", "Why?", "¿Por qué?", []),
    ("punctuation", "es", "Go!", "Vamos!", ["Spanish opens questions and exclamations: a '!' has no '¡' before it"]),
    ("punctuation", "es", "The “dialogue” ended.", "El «diálogo» terminó.", []),
    (
        "punctuation",
        "es",
        "The dialogue ended.",
        "El 「diálogo」 terminó.",
        ["quotation mark(s) 「 」 are not this language's: it quotes “…” (inside: ‘…’)"],
    ),
    ("numbers", "es", "1,000 people", "1.000 personas", []),
    # English as a translation (British English from the American source).
    ("punctuation", "en_GB", "It ends.", "It ends.", []),
    ("punctuation", "en_GB", "It ends.", "It ends", [ENDS.format(".", "no punctuation")]),
    # Greek asks with ";", Hindi ends with the danda, German quotes „…“.
    ("punctuation", "el", "Why?", "Γιατί;", []),
    ("punctuation", "el", "It ends.", "Τελειώνει.", []),
    ("punctuation", "hi", "It ends.", "यह समाप्त होता है।", []),
    ("punctuation", "de", "The “dialogue” ended.", "Der „Dialog“ endete.", []),
    ("punctuation", "he", "The “dialogue” ended.", "„הדיאלוג” הסתיים.", []),  # Hebrew's low-high pair
    # Thai and Lao end a sentence with a space; Burmese with ။, Tibetan with །.
    ("punctuation", "th", "It ends.", "จบแล้ว", []),
    ("punctuation", "th", "Why?", "ทำไม", []),  # a question ends with its particle
    ("punctuation", "my", "It ends.", "ပြီးပါပြီ။", []),
    ("punctuation", "bo", "It ends.", "རྫོགས་སོ།", []),
    # A mark of no class is named as it is.
    ("punctuation", "fr", "Why?", "Pourquoi ;", [ENDS.format("?", ";")]),
    ("numbers", "fr", "1,000 people", "1\u202f000 personnes", []),
    ("numbers", "fr", "1,000 people", "1\u00a0000 personnes", []),
    ("numbers", "de", "1,000 people", "1'000 Menschen", []),  # Swiss
    ("numbers", "fr", "In 2014, 20 years", "En 2014 20 ans", []),  # a plain space joins no groups
    # Placeholders of an interface message (sphinx.po), in each script.
    ("placeholders", "ar", "%(percent)s done.", "تم %(percent)s.", []),
    ("placeholders", "zh_CN", "%(percent)s done.", "已完成 %(percent)s。", []),
    (
        "placeholders",
        "zh_CN",
        "%(percent)s done.",
        "已完成 %(百分比)s。",
        ["%(百分比)s is not a placeholder of the English (%(percent)s); the pages show the English instead"],
    ),
    (
        "placeholders",
        "ru",
        "%(percent)s done.",
        "Готово %(percent)d.",
        ["%(percent)d is not a placeholder of the English (%(percent)s); the pages show the English instead"],
    ),
    (
        "placeholders",
        "ar",
        "%(percent)s done.",
        "تم %(percent)s بنسبة 100 %.",
        ["a '%' that is no placeholder: write '%%' for a percent sign; the pages show the English instead"],
    ),
    ("placeholders", "ru", "%(percent)s done.", "Готово.", []),  # left out: allowed
    ("placeholders", "fr", "100 % done.", "100 % fait.", []),  # no placeholder: a percent sign
    (
        "punctuation",
        "de",
        "The dialogue ended.",
        "Der 「Dialog」 endete.",
        ["quotation mark(s) 「 」 are not this language's: it quotes „…“ (inside: ‚…‘)"],
    ),
]


@pytest.mark.parametrize(("check", "language", "source", "translation", "expected"), CASES)
def test_check_says(check: str, language: str, source: str, translation: str, expected: list[str]) -> None:
    # The placeholder cases are interface messages (sphinx.po), the only ones the templates format.
    assert says(check, source, translation, language, {}, [], interface=check == "placeholders") == expected


@pytest.mark.parametrize(
    ("code", "tag"),
    [("zh_CN", "zh-CN"), ("pt_BR", "pt-BR"), ("sr@latin", "sr-Latn"), ("sr_RS@latin", "sr-Latn-RS"),
     ("ca@valencia", "ca-valencia"), ("ar", "ar"), ("zh_Hant_TW", "zh-Hant-TW"), ("uz@cyrillic", "uz-Cyrl"),
     ("be@tarask", "be-tarask"), ("en@quot", "en-x-quot")],
)  # fmt: skip
def test_a_language_code_becomes_a_bcp47_tag(code: str, tag: str) -> None:
    assert language_tag(code) == tag


@pytest.mark.parametrize(
    ("percent", "code", "floor", "shown"),
    [(13.4, "fr", False, "13\u00a0%"), (99.6, "fr", True, "99\u00a0%"), (99.6, "fr", False, "100\u00a0%"),
     (13.4, "xx", True, "13%"), (13.4, "tlh", True, "13%"), (50, "ar", True, "50%"), (7.9, "ru", True, "7\u00a0%")],
)  # fmt: skip
def test_a_percentage_in_any_language_never_fails_and_a_draft_is_never_rounded_to_100(
    percent: float, code: str, floor: bool, shown: str
) -> None:
    assert percent_text(percent, code, floor=floor) == shown


def test_a_documents_message_is_never_formatted_so_its_percent_signs_are_text() -> None:
    """python-docs-fr: ``'%(asctime)s'`` written as ``'%(asctime)'`` in a document's text is no placeholder."""
    source, translation = "place '%(asctime)s' in your format string", "ajoutez ``'%(asctime)'`` à la chaîne"
    assert says("placeholders", source, translation, "fr") == []
    assert says("placeholders", source, translation, "fr", interface=True) != []


def test_the_table_has_a_failure_and_a_pass_in_each_official_language() -> None:
    for language in ("ar", "zh_CN", "en_GB", "fr", "ru", "es"):
        outcomes = {bool(expected) for _, lang, *_, expected in CASES if lang == language}
        assert outcomes == {True, False}, language


# CLDR has no data for Kaqchikel; its texts are read with the English marks (Latin script, Spanish-like).
WITHOUT_CLDR = {"cak"}


@pytest.mark.parametrize("language", sphinx_languages())
def test_every_language_sphinx_knows_has_cldr_punctuation(language: str) -> None:
    assert (cldr_locale(language) is None) == (language in WITHOUT_CLDR)
    assert mark_of(".", language) == "."


@pytest.mark.parametrize(
    ("char", "language", "mark"),
    [("。", "zh_CN", "."), ("？", "ja", "?"), ("؟", "ar", "?"), (";", "el", "?"), (";", "fr", None), ("¿", "es", None),
     ("।", "hi", "."), ("۔", "ur", "."), ("：", "zh_CN", ":"), ("…", "ru", "…"), ("؛", "ar", None)],
)  # fmt: skip
def test_mark_of(char: str, language: str, mark: str | None) -> None:
    assert mark_of(char, language) == mark


@pytest.mark.parametrize(
    ("language", "package"),
    [("ar", "hunspell-ar"), ("ru", "hunspell-ru"), ("es", "hunspell-es"), ("fr", "hunspell-fr"),
     ("en", "hunspell-en-us"), ("en_GB", "hunspell-en-gb"), ("de", "hunspell-de-de"), ("de_CH", "hunspell-de-ch"),
     ("pt_BR", "hunspell-pt-br"),
     ("pt", "hunspell-pt-pt"), ("fa", "myspell-fa"), ("zh_CN", None), ("ja", None), ("sr@latin", "hunspell-sr")],
)  # fmt: skip
def test_the_dictionary_package_is_one_debian_has(language: str, package: str | None) -> None:
    assert debian_package(language) == package


@pytest.mark.parametrize(
    ("language", "advice"),
    [("zh_CN", "Debian has none for zh_CN; set HUNSPELL_PATH to a folder with one"),
     ("de", "install one (apt-get install hunspell-de-de) or set HUNSPELL_PATH")],
)  # fmt: skip
def test_a_language_without_a_dictionary_is_skipped_with_the_right_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, advice: str
) -> None:
    monkeypatch.setattr(terms, "DICTIONARY_DIRS", ())
    monkeypatch.setenv("HUNSPELL_PATH", "")
    locale = tmp_path / "locale" / language / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "x.po").write_text(HEADER.format(lang=language) + 'msgid "Summary"\nmsgstr "Xyzzy"\n', "utf-8")
    done = run_in_process("check", str(locale / "x.po"), "--select", "spelling")
    assert done.returncode == 0
    assert done.stderr == f"spelling: no Hunspell dictionary for {language}, check skipped; {advice}\n"
