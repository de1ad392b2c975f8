"""The text checks' exact messages (numbers, unchanged, whitespace, punctuation, glossary, spelling), as tables
of (check, language, English, translation, the messages expected) in several languages and scripts, and the
dictionary lookup behind spelling, against a fixture dictionary in tmp_path rather than the installed ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.checks import REGISTRY, Pair, Severity
from tools.checks.registry import CatalogueCheck, MessageCheck, ProjectCheck, Scope
from tools.checks.terms import dictionary_names, find_dictionary, load_wordlist
from tools.glossary import Term

from helpers import says

TERMS = [
    Term("gender equality", {"es": "igualdad de género", "fr": "égalité des genres", "ru": "гендерное равенство"}),
    Term("CoP", {"es": "=", "fr": "=", "de": "="}),
]

NUMBERS = [
    ("numbers", "fr", "In 2015, 20 years.", "En 2015, 20 ans.", []),
    ("numbers", "fr", "1,000 people", "1.000 personnes", []),  # separators aside
    ("numbers", "de", "1,000 people", "1000 Menschen", []),
    ("numbers", "es", "Beijing +20", "Beijing +2", ["the number 20 of the English is not in the translation"]),
    (
        "numbers",
        "ru",
        "100 of 3 and 20, 20 again",
        "20 из",
        [  # shortest first, then in order; a number the English has twice, once for each missing
            "the number 3 of the English is not in the translation",
            "the number 20 of the English is not in the translation",
            "the number 100 of the English is not in the translation",
        ],
    ),
    (
        "numbers",
        "zh_CN",
        "Days 12 and 9 and 31",
        "第 9 天",
        [
            "the number 12 of the English is not in the translation",
            "the number 31 of the English is not in the translation",
        ],
    ),
    ("numbers", "ar", "No numbers.", "لا أرقام 7.", []),  # an extra number is no finding
]

UNCHANGED = [
    (
        "unchanged",
        "fr",
        "Key points",
        "Key points",
        ["the translation is the English text: translate it, or flag the entry ignore-unchanged if it is the same"],
    ),
    ("unchanged", "es", "Key points", "Puntos clave", []),
    ("unchanged", "de", "`make`", "`make`", []),
    ("unchanged", "ru", "https://example.org/", "https://example.org/", []),
    ("unchanged", "zh_CN", " 2015 ", " 2015 ", []),
    ("unchanged", "pt_BR", "BPfA", "BPfA", []),
    (
        "unchanged",
        "sr@latin",
        "Beijing",
        "Beijing",
        [  # one capital only: a word, not a name by this rule
            "the translation is the English text: translate it, or flag the entry ignore-unchanged if it is the same"
        ],
    ),
]

WHITESPACE = [
    ("whitespace", "fr", " A b. ", " Un b. ", []),
    ("whitespace", "fr", " A b.", "Un b.", ["leading whitespace differs from the English"]),
    ("whitespace", "es", "A b.", "\tUn b.", ["leading whitespace differs from the English"]),
    ("whitespace", "es", "A b. ", "Un b.", ["trailing whitespace differs from the English"]),
    ("whitespace", "de", "A b.", "Ein b.\t", ["trailing whitespace differs from the English"]),
    ("whitespace", "de", "A b.", "Ein  b.", ["doubled space"]),
    ("whitespace", "de", "X marks.", "X  markiert.", ["doubled space"]),
    ("whitespace", "de", "A b.\n", "Ein b.  \n", ["trailing whitespace differs from the English", "doubled space"]),
    ("whitespace", "ru", "A  b.", "А  б.", []),  # the English has it too
    ("whitespace", "ru", "  A b.  ", "  А б.  ", []),  # at the ends it is leading or trailing whitespace
    ("whitespace", "zh_CN", "A\nb.", "甲\n乙。", []),
    ("whitespace", "zh_CN", "A\nb.", "甲乙。", ["0 line break(s) where the English has 1"]),
    ("whitespace", "ar", "A b.", "أ\nب\nج.", ["2 line break(s) where the English has 0"]),
    (
        "whitespace",
        "pt_BR",
        "A b.",
        "Um\u200b b\u00ad.\u2067",
        [
            "invisible character U+00AD (soft hyphen)",
            "invisible character U+200B (zero-width space)",
            "invisible character U+2067 (bidirectional control)",
        ],
    ),
    ("whitespace", "ar", "A\u200f b.", "أ\u200f ب.", []),  # the English has it too
    ("whitespace", "sr@latin", "A b.", "A\u00a0b\u2003.", []),  # visible spaces, not invisible characters
]

PUNCTUATION = [
    ("punctuation", "de", "A point.", "Ein Punkt.", []),
    ("punctuation", "de", "A point", "Ein Punkt.", []),  # nothing expected
    (
        "punctuation",
        "de",
        "A point.",
        "Ein Punkt",
        ["the English ends with '.', the translation with 'no punctuation'"],
    ),
    ("punctuation", "ru", "Why?", "Почему.", ["the English ends with '?', the translation with '.'"]),
    ("punctuation", "ru", "Wait.", "Подождите…", []),  # an ellipsis may end what a full stop ended
    ("punctuation", "ru", "Wait…", "Подождите.", ["the English ends with '…', the translation with '.'"]),
    ("punctuation", "zh_CN", "Wait...", "等等…", []),  # three dots are an ellipsis
    ("punctuation", "zh_CN", "Wait…", "等等...", []),
    ("punctuation", "zh_CN", "Wait...", "等等.", ["the English ends with '…', the translation with '.'"]),
    ("punctuation", "pt_BR", "It is (the CoP).", "É (a CoP).", []),  # closers after the final punctuation
    (
        "punctuation",
        "pt_BR",
        "“Key points:”",
        "“Pontos-chave”",
        ["the English ends with ':', the translation with 'no punctuation'"],
    ),
    ("punctuation", "pt_BR", "**Key points:** ", "**Pontos-chave:**", []),
    ("punctuation", "ar", "Really!", "حقا؟", ["the English ends with '!', the translation with '?'"]),  # ؟ asks
    ("punctuation", "sr@latin", "Yes.", "Da!", ["the English ends with '.', the translation with '!'"]),
    ("punctuation", "sr@latin", "", "", []),
    ("punctuation", "de", "Go.", "", ["the English ends with '.', the translation with 'no punctuation'"]),
    # French spacing
    ("punctuation", "fr", "Why? Because: it is; so!", "Pourquoi\u202f? Parce que\u00a0: c’est ; donc !", []),
    (
        "punctuation",
        "fr",
        "Why?",
        "Pourquoi?",
        ["French puts a (no-break) space before '?': …Pourquoi?"],
    ),
    (
        "punctuation",
        "fr",
        "The points: a; b!",
        "Les points importants du dialogue: a; b!",
        [
            "French puts a (no-break) space before ':': …nts du dialogue:",
            "French puts a (no-break) space before ';': … du dialogue: a;",
            "French puts a (no-break) space before '!': … dialogue: a; b!",
        ],
    ),
    ("punctuation", "fr", "Really?!", "Vraiment ?!", []),  # a "?!" pair is spaced once
    ("punctuation", "fr", "Really!?", "Vraiment !?", []),
    ("punctuation", "fr", "The signs ¿? and ¡!", "Les signes ¿? et ¡!", []),
    (
        "punctuation",
        "fr",
        "Really?! Why?",
        "Vraiment ?! Pourquoi?",
        ["French puts a (no-break) space before '?': …ent ?! Pourquoi?"],
    ),
    (
        "punctuation",
        "fr",
        "See https://a.org/ here: yes.",
        "Voir https://a.org/ ici: oui.",
        ["French puts a (no-break) space before ':': …Voir   ici:"],  # the excerpt with the URL blanked
    ),
    ("punctuation", "fr", "A (?) b.", "Un (?) b.", []),
    ("punctuation", "fr", "A (!) b.", "Un (!) b.", []),
    ("punctuation", "fr", "At 10:30.", "À 10:30.", []),  # a time
    ("punctuation", "fr", "See https://a.org/x?y=1.", "Voir https://a.org/x?y=1.", []),  # a URL
    ("punctuation", "fr", "Use page?lang=fr.", "Utilisez page?lang=fr.", []),  # a query string
    ("punctuation", "fr", "The word “key”.", "Le mot « clé ».", []),
    ("punctuation", "fr", "The word “key”.", "Le mot «\u00a0clé\u00a0».", []),
    ("punctuation", "fr", "The word “key”.", "Le mot «\u202fclé\u202f».", []),
    (
        "punctuation",
        "fr",
        "The word “key”.",
        "Le mot «clé».",
        [
            "French puts a (no-break) space before '»': …Le mot «clé»",
            "French puts a (no-break) space after '«': «clé».…",
        ],
    ),
    (
        "punctuation",
        "fr",
        "The word “key point of the dialogue”.",
        "Le mot «point essentiel du dialogue ».",
        ["French puts a (no-break) space after '«': «point essentie…"],
    ),
    # Quebec and Swiss French put no space before ? ! ; but one before the colon, as France does.
    ("punctuation", "fr_CA", "Why?", "Pourquoi?", []),
    (
        "punctuation",
        "fr_CA",
        "Why: this.",
        "Pourquoi: ceci.",
        ["French puts a (no-break) space before ':': …Pourquoi:"],
    ),
    ("punctuation", "es", "Why? Because: so.", "¿Por qué? Porque: así.", []),  # French rules for French only
    ("punctuation", "it", "Why? Because: so.", "Perché? Perché: così.", []),
    ("punctuation", "de", "Why? Now!", "Warum? Jetzt!", []),
    # Spanish pairs
    ("punctuation", "es", "Why? Now!", "¿Por qué? ¡Ya!", []),
    (
        "punctuation",
        "es",
        "Why?",
        "Por qué?",
        ["Spanish opens questions and exclamations: a '?' has no '¿' before it"],
    ),
    (
        "punctuation",
        "es_419",
        "Now!",
        "Ya!",
        ["Spanish opens questions and exclamations: a '!' has no '¡' before it"],
    ),
    (
        "punctuation",
        "es",
        "Why? Why? Now! Now!",
        "¿Por qué? Por qué? ¡Ya! Ya!",
        [
            "Spanish opens questions and exclamations: a '?' has no '¿' before it",
            "Spanish opens questions and exclamations: a '!' has no '¡' before it",
        ],
    ),
    ("punctuation", "fr", "Why?", "Por qué?", ["French puts a (no-break) space before '?': …Por qué?"]),
]

GLOSSARY = [
    ("glossary", "es", "We need gender equality.", "Necesitamos igualdad de género.", []),
    ("glossary", "es", "Gender equalities.", "Igualdades de género.", []),
    (
        "glossary",
        "es",
        "We need gender equality.",
        "Necesitamos equidad de género.",
        ["the glossary renders 'gender equality' as 'igualdad de género', not found in the translation"],
    ),
    (
        "glossary",
        "fr",
        "Gender equality and the CoP.",
        "L’égalité et la Communauté.",
        [
            "the glossary renders 'gender equality' as 'égalité des genres', not found in the translation",
            "'CoP' is kept as it is in every language: it is missing from the translation",
        ],
    ),
    ("glossary", "fr", "The CoP met.", "La CoP s’est réunie.", []),
    (
        "glossary",
        "de",
        "The CoP met.",
        "Die cop traf sich.",
        ["'CoP' is kept as it is in every language: it is missing from the translation"],
    ),
    ("glossary", "de", "We need gender equality.", "Wir brauchen Gleichheit.", []),  # no German equivalent
    ("glossary", "ru", "We need equality.", "Нам нужно равенство.", []),  # the term is not in the English
    ("glossary", "ru", "Gender equality.", "Гендерное равенство.", []),
]

CASES = NUMBERS + UNCHANGED + WHITESPACE + PUNCTUATION + GLOSSARY


@pytest.mark.parametrize(("check", "language", "source", "translation", "expected"), CASES)
def test_check_says(check: str, language: str, source: str, translation: str, expected: list[str]) -> None:
    assert says(check, source, translation, language, {}, TERMS) == expected


def test_an_excerpt_holding_a_line_break_is_shown_on_one_line() -> None:
    assert says("punctuation", "A\nb:", "Un\r\nb:", "fr") == ["French puts a (no-break) space before ':': …Un⏎b:"]


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("fr", ["fr", "fr_FR", "fr"]),
        ("fr_CA", ["fr_CA", "fr_FR", "fr"]),
        ("es", ["es", "es_ES", "es"]),
        ("es_419", ["es_419", "es_ES", "es"]),
        ("pt", ["pt", "pt_PT", "pt"]),
        ("pt_BR", ["pt_BR", "pt_PT", "pt"]),
        ("pt-BR", ["pt_BR", "pt_PT", "pt"]),
        ("de", ["de", "de_DE", "de"]),
        ("de_AT", ["de_AT", "de_DE", "de"]),
        ("it", ["it", "it_IT", "it"]),
        ("ru", ["ru", "ru_RU", "ru"]),
        ("ar", ["ar", "ar_AR", "ar"]),
        ("zh_CN", ["zh_CN", "zh_ZH", "zh"]),
        ("sr@latin", ["sr@latin", "sr_SR", "sr"]),
    ],
)
def test_dictionary_names_tried(language: str, names: list[str]) -> None:
    assert dictionary_names(language) == names


AFF = "SET UTF-8\n"
DIC = "5\nbonjour\nmonde\nl'école\nété\nrésumé\n"


def dictionary(folder: Path, name: str = "xx_XX", *, aff: bool = True, dic: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if aff:
        (folder / f"{name}.aff").write_text(AFF, "utf-8")
    if dic:
        (folder / f"{name}.dic").write_text(DIC, "utf-8")
    return folder / name


def test_find_dictionary_looks_in_hunspell_path_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = dictionary(tmp_path / "a"), dictionary(tmp_path / "b")
    monkeypatch.setenv("HUNSPELL_PATH", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert find_dictionary("xx") == first
    monkeypatch.setenv("HUNSPELL_PATH", f"{tmp_path / 'b'}:{tmp_path / 'a'}")
    assert find_dictionary("xx") == second
    assert find_dictionary("xx_XX") == second
    assert find_dictionary("yy") is None


def test_find_dictionary_tries_the_names_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "dicts"
    regional, plain, exact = dictionary(folder, "xx_XX"), dictionary(folder, "xx"), dictionary(folder, "xx_YY")
    monkeypatch.setenv("HUNSPELL_PATH", str(folder))
    assert find_dictionary("xx_YY") == exact
    assert find_dictionary("xx_ZZ") == regional
    assert find_dictionary("xx") == plain


def test_find_dictionary_needs_both_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dictionary(tmp_path / "no-aff", aff=False)
    dictionary(tmp_path / "no-dic", dic=False)
    complete = dictionary(tmp_path / "both")
    monkeypatch.setenv("HUNSPELL_PATH", f"{tmp_path / 'no-aff'}:{tmp_path / 'no-dic'}")
    assert find_dictionary("xx") is None
    monkeypatch.setenv("HUNSPELL_PATH", f"{tmp_path / 'no-aff'}:{tmp_path / 'no-dic'}:{tmp_path / 'both'}")
    assert find_dictionary("xx") == complete


def test_find_dictionary_skips_empty_entries_of_hunspell_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = dictionary(tmp_path)  # an empty entry would be the current folder
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HUNSPELL_PATH", f":{tmp_path / 'elsewhere'}:")
    assert find_dictionary("xx") is None
    monkeypatch.setenv("HUNSPELL_PATH", f"::{tmp_path}")
    assert find_dictionary("xx") == here


def test_find_dictionary_without_hunspell_path_looks_in_the_system_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUNSPELL_PATH", raising=False)
    assert find_dictionary("xx") is None


def test_load_wordlist(tmp_path: Path) -> None:
    assert load_wordlist(tmp_path) == frozenset()
    (tmp_path / "wordlist.txt").write_text("# names\nBeijing\n\n  Mlambo-Ngcuka \n   \nCoP\n#CoPs\nGénero\n", "utf-8")
    assert load_wordlist(tmp_path) == {"Beijing", "Mlambo-Ngcuka", "CoP", "Género"}
    (tmp_path / "wordlist.txt").unlink()
    (tmp_path / "wordlist.txt").mkdir()  # not a file
    assert load_wordlist(tmp_path) == frozenset()


SPELLING = [
    ("Hello world.", "Bonjour monde.", []),
    (
        "Hello world.",
        "Bonjour mondes.",
        ["unknown word 'mondes': a spelling mistake, or a name to add to locale/wordlist.txt"],
    ),
    (
        "Hello, Beijing.",
        "Bonjour Beijing, bonjour Pékin, Pékin.",
        [  # once each; a name in the word list is no finding
            "unknown word 'Pékin': a spelling mistake, or a name to add to locale/wordlist.txt",
        ],
    ),
    ("The school.", "l'école, l’école, été.", []),  # a typographic apostrophe looked up as a straight one
    ("A b.", "Bonjour a b c.", []),  # single letters are not looked up
    ("A b.", "Bonjour zz.", ["unknown word 'zz': a spelling mistake, or a name to add to locale/wordlist.txt"]),
    ("Run `xyzzy`.", "Bonjour `xyzzy`.", []),  # code
    ("See https://xyzzy.org/plugh.", "Bonjour https://xyzzy.org/plugh.", []),  # a URL
    ("{page} of %(total)s %s ${count}", "{page} monde %(total)s %d ${count} %(n)d", []),  # placeholders
    ("The CoP and gender equality.", "Bonjour CoP, bonjour Égalité Des Genres.", []),  # glossary equivalents
    (
        "Day 2.",
        "Bonjour 2monde monde_été3été étéx.",
        [
            "unknown word 'étéx': a spelling mistake, or a name to add to locale/wordlist.txt",
        ],
    ),
]


@pytest.mark.parametrize(("source", "translation", "expected"), SPELLING)
def test_spelling_says(
    source: str, translation: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionary(tmp_path)
    monkeypatch.setenv("HUNSPELL_PATH", str(tmp_path))
    terms = [Term("CoP", {"xx": "="}), Term("gender equality", {"xx": "égalité des genres"})]
    assert says("spelling", source, translation, "xx", {}, terms, frozenset({"Beijing"})) == expected


def test_spelling_without_a_dictionary_says_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUNSPELL_PATH", str(tmp_path))
    assert says("spelling", "Hello.", "Xyzzy plugh.", "xx") == []


@pytest.fixture
def declared() -> Iterator[list[str]]:
    """The ids a test declares, taken out of the registry afterwards."""
    ids: list[str] = []
    yield ids
    for id in ids:
        REGISTRY.pop(id, None)


def test_a_check_declared_with_only_an_id_gets_the_defaults(declared: list[str]) -> None:
    declared.append("testdefaults")

    class Defaults(MessageCheck, id="testdefaults"):
        """one line"""

    check = REGISTRY["testdefaults"]
    assert type(check) is Defaults and check.id == "testdefaults" and check.scope is Scope.MESSAGE
    assert check.severity is Severity.ERROR and check.suppressible is True and check.project_only is False


def test_a_check_declared_with_its_settings_keeps_them(declared: list[str]) -> None:
    declared.append("testsettings")

    class Settings(CatalogueCheck, id="testsettings", severity=Severity.WARNING, suppressible=False, project_only=True):
        """one line"""

    check = REGISTRY["testsettings"]
    assert type(check) is Settings and check.scope is Scope.CATALOGUE
    assert check.severity is Severity.WARNING and check.suppressible is False and check.project_only is True


def test_a_scope_without_an_id_is_not_a_check() -> None:
    before = dict(REGISTRY)

    class Scoped(ProjectCheck):
        pass

    assert before == REGISTRY and not hasattr(Scoped, "id") and Scoped.scope is Scope.PROJECT


def test_a_second_declaration_raises_and_leaves_the_first(declared: list[str]) -> None:
    declared.append("testtwice")

    class First(MessageCheck, id="testtwice"):
        pass

    with pytest.raises(ValueError) as raised:

        class Second(MessageCheck, id="testtwice", severity=Severity.WARNING):
            pass

    assert str(raised.value) == "the check 'testtwice' is declared twice"
    assert type(REGISTRY["testtwice"]) is First and REGISTRY["testtwice"].severity is Severity.ERROR


def test_an_unknown_class_keyword_is_an_error(declared: list[str]) -> None:
    declared.append("testkeyword")
    with pytest.raises(TypeError):

        class Keyword(MessageCheck, id="testkeyword", colour="red"):
            pass

    assert "testkeyword" not in REGISTRY


def test_pair_links_allowed() -> None:
    pair = Pair("a", "b", "fr", {"http://a.org/": "http://a.org/fr/"})
    assert pair.allowed_links == {"http://a.org/": frozenset({"http://a.org/fr/"})}
    every = {"http://a.org/": frozenset({"http://a.org/fr/", "http://a.org/es/"})}
    assert Pair("a", "b", "fr", {"http://a.org/": "x"}, declared=every).allowed_links == every
    assert Pair("a", "b", "fr", {"http://a.org/": "x"}, declared={}).allowed_links == {}
    assert pair.terms == [] and pair.words == frozenset() and pair.declared is None


def test_messages_put_each_finding_on_one_line(declared: list[str]) -> None:
    declared.append("testlines")

    class Lines(MessageCheck, id="testlines"):
        def check(self, pair: Pair) -> Iterator[str]:
            yield "one\r\ntwo\rthree\nfour"

    assert says("testlines", "a", "b", "fr") == ["one⏎twothree⏎four"]
