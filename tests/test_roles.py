"""The role table (``tools/roles.py``) through the checks that read it: ``literals`` (an error), ``roles`` (a
warning, for the roles the table does not know) and ``unsafe``. (check, language, English, translation, the
messages expected), with cases in each of the six official languages of the United Nations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.checks import check_catalogue
from tools.roles import Kind, kind

from helpers import says

MISSING = "{} is missing: copy code, roles, substitutions and footnote references unchanged"
EXTRA = "{} is not in the English"
UNKNOWN_MISSING = "{} is missing; a role the role table does not know is taken to keep its name and target"
UNKNOWN_EXTRA = "{} is not in the English; a role the role table does not know is taken to keep its target"


def changed(english: str, translation: str, unknown: bool = False) -> list[str]:
    """What is said of a role of the English written otherwise in the translation."""
    return [
        (UNKNOWN_MISSING if unknown else MISSING).format(english),
        (UNKNOWN_EXTRA if unknown else EXTRA).format(translation),
    ]


SPI, SPI_RU = (
    "The {term}`Standardized Precipitation Index (SPI)` is used.",
    "Используется {term}`Стандартизированный индекс осадков (SPI)`.",
)
METHODS, GUIDE, REPORT = "See {ref}`the methods <methods>`.", "Read {doc}`guide/index`.", "Get {download}`report.pdf`."
ABBR, ABBR_FR = "The {abbr}`UN (United Nations)`.", "L'{abbr}`ONU (Organisation des Nations unies)`."
CODE, MATH, FUNC = "Set {code}`x = 1`.", "Where {math}`a < b`.", "Call {func}`os.path.join`."
BIBREF = "See {bibref}`Smith 2020 <smith2020>`."
DOWNLOADED, FUNC_CHANGED = (
    changed("{download}`report.pdf`", "{download}`rapport.pdf`"),
    changed("{func}`os.path.join`", "{func}`os.path.joined`"),
)
BIBREF_CHANGED = changed("{bibref}`… <smith2020>`", "{bibref}`… <smith2021>`", unknown=True)

CASES = [
    # Russian: a glossary entry's name is translated with the glossary.
    ("literals", "ru", SPI, SPI_RU, []),
    ("literals", "ru", "See {std:term}`drought`.", "См. {std:term}`засуха`.", []),
    ("literals", "ru", "See {term}`drought`.", "См. засуху.", [MISSING.format("{term}`…`")]),
    # Arabic: a cross-reference's title is text, its label is not.
    ("literals", "ar", METHODS, "انظر {ref}`الطرائق <methods>`.", []),
    ("literals", "ar", METHODS, "انظر {ref}`الطرائق <الطرائق>`.", changed("{ref}`… <methods>`", "{ref}`… <الطرائق>`")),
    # Chinese: a document's path stays, whether or not it has a title.
    ("literals", "zh_CN", "Read {doc}`the guide <guide/index>`.", "阅读{doc}`指南 <guide/index>`。", []),
    ("literals", "zh_CN", GUIDE, "阅读{doc}`指南 <guide/index>`。", []),
    ("literals", "zh_CN", GUIDE, "阅读{doc}`指南`。", changed("{doc}`guide/index`", "{doc}`指南`")),
    # French: a download's file stays, its title is text; an abbreviation's expansion is text.
    ("literals", "fr", "Get {download}`the report <report.pdf>`.", "Obtenez {download}`le rapport <report.pdf>`.", []),
    ("literals", "fr", REPORT, "Obtenez {download}`rapport.pdf`.", DOWNLOADED),
    ("literals", "fr", ABBR, ABBR_FR, []),
    ("unsafe", "fr", ABBR, ABBR_FR, []),
    # Spanish: code and maths are copied as they are.
    ("literals", "es", CODE, "Ponga {code}`x = 1`.", []),
    ("literals", "es", CODE, "Ponga {code}`x = 2`.", changed("{code}`x = 1`", "{code}`x = 2`")),
    ("literals", "es", MATH, "Donde {math}`a > b`.", changed("{math}`a < b`", "{math}`a > b`")),
    # English as a translation: a Python object's title is text, the object is not.
    ("literals", "en_GB", "Call {py:func}`os.path.join`.", "Call {py:func}`joining <os.path.join>`.", []),
    ("literals", "en_GB", FUNC, "Call {func}`os.path.joined`.", FUNC_CHANGED),
    # A role of an extension the table does not know: its target kept, its title free, a warning otherwise.
    ("literals", "fr", BIBREF, "Voir {bibref}`Smith 2020 <smith2021>`.", []),
    ("roles", "fr", BIBREF, "Voir {bibref}`Smith, 2020 <smith2020>`.", []),
    ("roles", "fr", BIBREF, "Voir {bibref}`Smith <smith2021>`.", BIBREF_CHANGED),
    ("roles", "ar", "See {ref}`methods`.", "انظر {ref}`methods`.", []),  # a known role is not this check's
    # Inline code that is a placeholder in prose may be written in the translation's script; code may not.
    ("literals", "zh_CN", "It is a `[description of project]`.", "它是一个 `[项目描述]`。", []),
    ("literals", "zh_CN", "`Project X` is released.", "`项目 X` 已发布。", []),
    ("literals", "zh_CN", "`'single quotes'` become curly.", "`'单引号'` 变为弯引号。", []),
    ("literals", "zh_CN", "So `~~struck with *emphasis*~~` renders.", "所以 `~~删除线包含*强调*~~` 渲染。", []),
    ("literals", "zh_CN", "Use `x = f(y)`.", "使用 `x = 函数(y)`。", changed("`x = f(y)`", "`x = 函数(y)`")),
    ("literals", "ru", "Run `make html`.", "Запустите `сделать html`.", changed("`make html`", "`сделать html`")),
    ("literals", "ar", "Use `LinkDefinitions`.", "استخدم `تعريفات`.", changed("`LinkDefinitions`", "`تعريفات`")),
    ("literals", "fr", "It is a `[description of project]`.", "C'est un `[description du projet]`.",
     changed("`[description of project]`", "`[description du projet]`")),  # a Latin script: a change of code
]  # fmt: skip


@pytest.mark.parametrize(("check", "language", "source", "translation", "expected"), CASES)
def test_check_says(check: str, language: str, source: str, translation: str, expected: list[str]) -> None:
    assert says(check, source, translation, language) == expected


def test_the_table_has_a_pass_and_a_failure_in_each_official_language() -> None:
    for language in ("ar", "zh_CN", "en_GB", "fr", "ru", "es"):
        outcomes = {bool(expected) for _, lang, *_, expected in CASES if lang == language}
        assert outcomes == {True, False}, language


@pytest.mark.parametrize(
    ("name", "expected"),
    [("ref", Kind.TARGET), ("std:ref", Kind.TARGET), ("py:func", Kind.TARGET), ("c:macro", Kind.TARGET),
     ("external+python:ref", Kind.TARGET), ("term", Kind.TERM), ("std:term", Kind.TERM), ("code", Kind.VERBATIM),
     ("math", Kind.VERBATIM), ("download", Kind.TARGET), ("abbr", Kind.TEXT), ("sub", Kind.TEXT),
     ("bibref", None), ("mydomain:thing", None), ("", None)],
)  # fmt: skip
def test_the_kind_of_a_role(name: str, expected: Kind | None) -> None:
    assert kind(name) is expected


GLOSSARY_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ru\\n"

msgid "Standardized Precipitation Index (SPI)"
msgstr "Стандартизированный индекс осадков (SPI)"

msgid "drought"
msgstr ""
"""


def _document(folder: Path, *entries: tuple[str, str]) -> Path:
    body = "".join(f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in entries)
    path = folder / "ru" / "LC_MESSAGES" / "chapter.po"
    path.write_text(GLOSSARY_PO.split("\n\n")[0] + "\n" + body, "utf-8")
    return path


@pytest.mark.parametrize(
    ("translation", "expected"),
    [("Используется {term}`Стандартизированный индекс осадков (SPI)`.", []),
     ("Используется {term}`стандартизированный  индекс осадков (spi)`.", []),  # as Sphinx looks names up
     ("Используется {term}`индекс <Стандартизированный индекс осадков (SPI)>`.", []),
     ("Используется {term}`Standardized Precipitation Index (SPI)`.", []),  # the English name is defined too
     ("Используется {term}`Индекс SPI`.",
      ["{term}`Индекс SPI` names no entry of the glossary in this language, which calls it "
       "'Стандартизированный индекс осадков (SPI)'"])],
)  # fmt: skip
def test_a_term_names_an_entry_of_the_translated_glossary(
    tmp_path: Path, translation: str, expected: list[str]
) -> None:
    (tmp_path / "ru" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "ru" / "LC_MESSAGES" / "glossary.po").write_text(GLOSSARY_PO, "utf-8")
    path = _document(tmp_path, ("The {term}`Standardized Precipitation Index (SPI)` is used.", translation))
    assert [f.message for f in check_catalogue(path, ("literals",))] == expected


def test_a_term_whose_entry_no_catalogue_has_is_not_judged(tmp_path: Path) -> None:
    """The glossary's catalogue is not among those checked: nothing says which names are right."""
    (tmp_path / "ru" / "LC_MESSAGES").mkdir(parents=True)
    path = _document(tmp_path, ("See {term}`aridity`.", "См. {term}`засушливость`."))
    assert check_catalogue(path, ("literals",)) == []


def test_an_untranslated_entry_is_named_in_english(tmp_path: Path) -> None:
    (tmp_path / "ru" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "ru" / "LC_MESSAGES" / "glossary.po").write_text(GLOSSARY_PO, "utf-8")
    path = _document(
        tmp_path, ("See {term}`drought`.", "См. {term}`засуха`."), ("A {term}`drought`.", "{term}`drought`.")
    )
    messages = [f.message for f in check_catalogue(path, ("literals",))]
    assert messages == ["{term}`засуха` names no entry of the glossary in this language, which calls it 'drought'"]
