"""Numbers compared in each language's own form (``tools/number_forms.py``, the ``numbers`` check): a table of
(language, English, translation, expected messages) with a pass and a failure in each of the six official
languages of the United Nations, and Babel's own formatting as an oracle: every value as CLDR writes it in a
language is the English value, and the same text with one digit changed is not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.number_forms import ENGLISH, numbers, separators

from helpers import says

MISSING = "the number {} of the English is not in the translation"

CASES = [
    # Arabic: Arabic-Indic digits with ٫ and ٬, or Latin digits; a section number written with hyphens.
    ("ar", "See section 15.3.1.", "انظر القسم 15-3-1.", []),
    ("ar", "See section 15.3.1.", "انظر القسم ١٥٫٣٫١.", []),
    ("ar", "A rise of 1,234.5 mm", "ارتفاع قدره ١٬٢٣٤٫٥ مم", []),
    ("ar", "A rise of 1,234.5 mm", "ارتفاع قدره ١٬٢٣٤٫٦ مم", [MISSING.format("1234.5")]),
    ("ar", "See section 15.3.1.", "انظر القسم 15-3-2.", [MISSING.format("1")]),
    # Chinese: the English form; 、 between the items of a list.
    ("zh_CN", "In 2021,2022 and 2023", "在2021、2022和2023年", []),
    ("zh_CN", "1,000.5 tonnes", "1,000.5吨", []),
    ("zh_CN", "Defined in the 1970s.", "在 20 世纪 70 年代提出。", []),  # a decade named by its century
    ("zh_CN", "Defined in the 1970s.", "在 20 世纪 80 年代提出。", [MISSING.format("1970")]),
    ("zh_CN", "In 2021,2022 and 2023", "在20212022和2023年", [MISSING.format("2021"), MISSING.format("2022")]),
    # English as a translation: the same form.
    ("en_GB", "1,234.5 people", "1,234.5 people", []),
    ("en_GB", "1,234.5 people", "1,243.5 people", [MISSING.format("1234.5")]),
    # French: a narrow no-break space between groups, a comma before the fraction.
    ("fr", "An index of -1.5", "Un indice de -1,5", []),
    ("fr", "1,234.5 people", "1\u202f234,5 personnes", []),
    ("fr", "Python 3.11", "Python 3.11", []),  # a version kept in the English form
    ("fr", "An index of -1.5", "Un indice de -15", [MISSING.format("1.5")]),
    # Russian: a no-break space between groups, a comma before the fraction; a list of years.
    ("ru", "An index of -1.5", "Индекс -1,5", []),
    ("ru", "In 2021,2022", "В 2021, 2022 годах", []),
    ("ru", "1,234.5 people", "1\u00a0234,5 человек", []),
    ("ru", "An index of -1.5", "Индекс -2,5", [MISSING.format("1.5")]),
    # Spanish: a point between groups, a comma before the fraction.
    ("es", "1,234.5 people", "1.234,5 personas", []),
    ("es", "1,000 people", "1.000 personas", []),
    ("es", "1,234.5 people", "1.234 personas", [MISSING.format("1234.5")]),
    # Others: Hindi groups by three then two, Persian writes its own digits, Swiss German an apostrophe.
    ("hi", "1,234,567 people", "12,34,567 लोग", []),
    ("fa", "In 2014, 3.5 per cent", "در ۲۰۱۴، ۳٫۵ درصد", []),
    ("de_CH", "1,000 people", "1'000 Menschen", []),
    # A real error is still caught: a table's reference SO1-4.T5 written T45.
    ("fr", "Table SO1-4.T5", "Tableau T45", [MISSING.format(n) for n in ("1", "4", "5")]),
]


@pytest.mark.parametrize(("language", "source", "translation", "expected"), CASES)
def test_numbers_says(language: str, source: str, translation: str, expected: list[str]) -> None:
    assert says("numbers", source, translation, language) == expected


def test_the_table_has_a_pass_and_a_failure_in_each_official_language() -> None:
    for language in ("ar", "zh_CN", "en_GB", "fr", "ru", "es"):
        outcomes = {bool(expected) for lang, *_, expected in CASES if lang == language}
        assert outcomes == {True, False}, language


@pytest.mark.parametrize(
    ("text", "read"),
    [("2021,2022", {"2021": 1, "2022": 1}), ("1,000,000.25", {"1000000.25": 1}), ("15.3.1", {"15": 1, "3": 1, "1": 1}),
     ("1.5", {"1.5": 1}), ("1\u00a0000", {"1000": 1}), ("12,34,567", {"12": 1, "34": 1, "567": 1}),
     ("in 2014 20", {"2014": 1, "20": 1}), ("١٤", {"14": 1})],
)  # fmt: skip
def test_the_english_form_of_a_text(text: str, read: dict[str, int]) -> None:
    assert dict(numbers(text)) == read


def test_a_language_cldr_does_not_know_is_read_in_the_english_form() -> None:
    assert separators("tlh") == ENGLISH


LOCALES = ["ar", "ar_EG", "zh_CN", "en_GB", "fr", "ru", "es", "de", "de_CH", "fr_CH", "hi", "fa", "pt_BR", "bn"]
VALUES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(value=VALUES, locale=st.sampled_from(LOCALES), digit=st.integers(min_value=0, max_value=20))
def test_a_value_in_any_languages_form_is_the_english_value_and_a_changed_digit_is_not(
    value: Decimal, locale: str, digit: int
) -> None:
    english = format_decimal(value, locale="en", decimal_quantization=False)
    local = format_decimal(value, locale=locale, numbering_system="default", decimal_quantization=False)
    # The number inside a sentence: a message that starts "11." is a list item to MyST.
    assert says("numbers", f"A value of {english}.", f"Value {local}.", locale) == []
    positions = [i for i, char in enumerate(local) if char.isdecimal()]
    where = positions[digit % len(positions)]
    changed = local[:where] + str((int(local[where].translate(_LATIN)) + 1) % 10) + local[where + 1 :]
    assert says("numbers", f"A value of {english}.", f"Value {changed}.", locale) != [], (english, local, changed)


_LATIN = str.maketrans({chr(base + d): str(d) for base in (0x660, 0x6F0, 0x9E6) for d in range(10)})
