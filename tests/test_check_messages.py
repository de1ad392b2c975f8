"""Each message check's exact messages, as a table in the manner of translate-toolkit's
``fails(check, source, target, message=)``: (check, language, English, translation, the messages expected),
with cases in several languages and scripts. An empty list is a translation the check must pass."""

from __future__ import annotations

import pytest

from tools.glossary import load_glossary
from tools.links import counterparts

from helpers import ROOT, says

GLOSSARY = load_glossary(ROOT / "locale")

CASES = [
    (
        "links",
        "fr",
        "See [the site](http://gtcop.unwomen.org/?lang=en).",
        "Voir [le site](http://gtcop.unwomen.org/?lang=en).",
        [
            "link to http://gtcop.unwomen.org/?lang=en should point to this language's page, http://gtcop.unwomen.org/?lang=fr"
        ],
    ),
    (
        "links",
        "es",
        "See [a](http://a.org/).",
        "Véase [a](http://b.org/).",
        ["link to http://b.org/ is not in the English (expected http://a.org/)"],
    ),
    ("links", "fr", "See [a](http://a.org/).", "Voir a.", ["1 link(s) in the English, 0 in the translation"]),
    (
        "links",
        "ru",
        "See [a](http://a.org/).",
        "См. [a](http://a.org/) и [b](http://b.org/).",
        [
            "1 link(s) in the English, 2 in the translation",
            "link to http://b.org/ is not in the English (expected http://a.org/)",
        ],
    ),
    ("literals", "fr", "Run `make` now.", "Lancez `make` maintenant.", []),
    (
        "literals",
        "es",
        "Run `make` now.",
        "Ejecute make ahora.",
        ["`make` is missing: copy code, roles, substitutions and footnote references unchanged"],
    ),
    (
        "literals",
        "fr",
        "See {ref}`intro`.",
        "Voir {ref}`introduction`.",
        [
            "{ref}`intro` is missing: copy code, roles, substitutions and footnote references unchanged",
            "{ref}`introduction` is not in the English",
        ],
    ),
    ("literals", "zh_CN", "Run `make`.", "运行 `make` 和 `rm`。", ["`rm` is not in the English"]),
    # A role's title is the translator's; its name and target are not.
    ("literals", "fr", "See {ref}`the terms <terms>`.", "Voir {ref}`les termes <terms>`.", []),
    ("literals", "es", "Follows {doc}`the first <../2014>`.", "Sigue {doc}`el primero <../2014>`.", []),
    (
        "literals",
        "fr",
        "See {ref}`the terms <terms>`.",
        "Voir {ref}`les termes <termes>`.",
        [
            "{ref}`… <terms>` is missing: copy code, roles, substitutions and footnote references unchanged",
            "{ref}`… <termes>` is not in the English",
        ],
    ),
    ("literals", "ru", "See {term}`moderator <Moderator>`.", "См. {term}`модератор <Moderator>`.", []),
    (
        "emphasis",
        "fr",
        "A *key* point.",
        "Un point clé.",
        ["emphasis (*…*) dropped: the English has 1, the translation 0"],
    ),
    (
        "emphasis",
        "es",
        "A **key** point.",
        "Un punto clave.",
        ["strong emphasis (**…**) dropped: the English has 1, the translation 0"],
    ),
    ("emphasis", "fr", "A point.", "Un point *.", ["unbalanced emphasis marker (*): a * or ** without its pair"]),
    (
        "unsafe",
        "fr",
        "Summary",
        "Résumé <script>x</script>",
        [
            "raw HTML '</script>' is not in the English; a translation cannot add HTML",
            "raw HTML '<script>' is not in the English; a translation cannot add HTML",
        ],
    ),
    (
        "unsafe",
        "es",
        "Summary",
        "[Resumen](javascript:alert(1))",
        ["a javascript:, vbscript: or data: URL is not in the English"],
    ),
    (
        "unsafe",
        "fr",
        "Summary",
        "![x](../../etc/passwd)",
        [
            "image '../../etc/passwd' is not in the English message; a translation holds only what its English has",
            "'../../etc/passwd' names a file outside the source tree",
        ],
    ),
    (
        "unsafe",
        "ar",
        "Summary",
        "ملخص\n\n# عنوان",
        [
            "heading: a directive, code block or other block markup is not in the English message; "
            "a translation holds only what its English has"
        ],
    ),
    ("punctuation", "fr", "Why?", "Pourquoi?", ["French puts a (no-break) space before '?': …Pourquoi?"]),
    ("punctuation", "fr", "Why?", "Pourquoi\u202f?", []),
    (
        "punctuation",
        "fr",
        "It says «yes».",
        "Il dit «oui».",
        [
            "French puts a (no-break) space before '»': …Il dit «oui»",
            "French puts a (no-break) space after '«': «oui».…",
        ],
    ),
    ("punctuation", "es", "Why?", "Por qué?", ["Spanish opens questions and exclamations: a '?' has no '¿' before it"]),
    ("punctuation", "es", "Why?", "¿Por qué?", []),
    ("punctuation", "de", "It ends.", "Es endet", ["the English ends with '.', the translation with 'no punctuation'"]),
    ("punctuation", "ru", "It ends...", "Это конец…", []),
    ("numbers", "fr", "13-31 October 2014", "du 13 au 31 octobre 2014", []),
    ("numbers", "es", "1,000 people", "1.000 personas", []),
    ("numbers", "fr", "Beijing +20", "Beijing +2", ["the number 20 of the English is not in the translation"]),
    (
        "unchanged",
        "fr",
        "Training for gender equality",
        "Training for gender equality",
        ["the translation is the English text: translate it, or flag the entry ignore-unchanged if it is the same"],
    ),
    ("unchanged", "es", "`make`", "`make`", []),
    ("unchanged", "fr", "CoP", "CoP", []),
    ("whitespace", "fr", "Summary", "Résumé ", ["trailing whitespace differs from the English"]),
    ("whitespace", "fr", " Summary", "Résumé", ["leading whitespace differs from the English"]),
    ("whitespace", "es", "Two words", "Dos  palabras", ["doubled space"]),
    ("whitespace", "fr", "One\nTwo", "Un deux", ["0 line break(s) where the English has 1"]),
    ("whitespace", "ru", "Summary", "Резюме\u200b", ["invisible character U+200B (zero-width space)"]),
    (
        "glossary",
        "fr",
        "On gender equality.",
        "Sur l’égalité des genres.",
        ["the glossary renders 'gender equality' as 'égalité des sexes', not found in the translation"],
    ),
    ("glossary", "es", "On gender equality.", "Sobre la igualdad de género.", []),
    (
        "glossary",
        "fr",
        "The CoP met.",
        "La communauté s’est réunie.",
        ["'CoP' is kept as it is in every language: it is missing from the translation"],
    ),
    ("links", "fr", "See [a](http://a.org/).", "Voir [a](http://a.org/).", []),
    ("emphasis", "es", "A *key* point.", "Un punto *clave*.", []),
    ("unsafe", "fr", "See [a](http://a.org/).", "Voir [a](http://a.org/).", []),
    ("whitespace", "ar", "Summary", "ملخص", []),
    ("literals", "zh_CN", "Run `make`.", "运行 `make`。", []),
    ("numbers", "ru", "In 2014, 20 years on", "В 2014 году, через 20 лет", []),
]


@pytest.mark.parametrize(("check", "language", "source", "translation", "expected"), CASES)
def test_check_says(check: str, language: str, source: str, translation: str, expected: list[str]) -> None:
    assert says(check, source, translation, language, counterparts(ROOT / "locale", language), GLOSSARY) == expected


def test_the_table_covers_every_message_check_with_a_failure_and_a_pass() -> None:
    for check in ("links", "literals", "emphasis", "unsafe", "punctuation", "numbers", "unchanged", "whitespace",
                  "glossary"):  # fmt: skip
        outcomes = {bool(expected) for c, *_, expected in CASES if c == check}
        assert outcomes == {True, False}, check


OUTSIDE = "'../../index.md' names a file outside the source tree"


@pytest.mark.parametrize(
    ("folder", "source", "translation", "links", "unsafe"),
    [
        # Read from the document's folder, as Sphinx reads it: dialogues/2015/annex.md may link to ../../index.md.
        ("dialogues/2015", "Back to [the list](../../index.md).", "Retour à [la liste](../../index.md).", [], []),
        ("dialogues", "See {doc}`the first <../index>`.", "Voir {doc}`le premier <../index>`.", [], []),
        (
            "dialogues",
            "Back to [the list](../index.md).",
            "Retour à [la liste](../../index.md).",
            ["link to ../../index.md is not in the English (expected ../index.md)"],
            [
                "link to '../../index.md' is not in the English message; a translation holds only what its English has",
                OUTSIDE,
            ],
        ),
        ("", "Back to [the list](../../index.md).", "Retour à [la liste](../../index.md).", [], [OUTSIDE]),
    ],
)
def test_links_of_a_nested_document_start_from_its_folder(
    folder: str, source: str, translation: str, links: list[str], unsafe: list[str]
) -> None:
    assert says("links", source, translation, "fr", folder=folder) == links
    assert says("unsafe", source, translation, "fr", folder=folder) == unsafe


# Interface strings (sphinx.po) are text to the templates, not MyST: only tags the English lacks are refused,
# the MyST checks do not read them. Each from Sphinx's own catalogues, where the MyST reading was wrong.
INTERFACE_CASES = [
    ("unsafe", "es", "external %s:%s reference target not found: %s", "%s externo: destino no encontrado: %s", []),
    ("unsafe", "es", "<<original entry>>", "<<entrada original>>", []),  # text to a browser, escaped
    ("literals", "fr", "The config value `{name}' has type `{t}'.", "Le paramètre « {name} » a pour type « {t} ».", []),
    ("unsafe", "fr", "Search", "Recherche <img src=x onerror=alert(1)>",
     ["raw HTML '<img src=x onerror=alert(1)>' is not in the English; a translation cannot add HTML"]),
    ("unsafe", "fr", "Search", "Recherche \\<img src=x>", []),  # escaped, as the templates escape all text
    ("punctuation", "zh_CN", "no changes in version %s.", "%s 版本中没有做出修改。", []),  # no MyST comment
    # An English message with tags is shown translated only with the same tags, as the templates' bridge wants.
    ("unsafe", "fr", "Made with <a href=\"%(u)s\">Sphinx</a>", "Fait avec <a href=\"%(u)s\">Sphinx</a>", []),
    ("unsafe", "fr", "Made with <a href=\"%(u)s\">Sphinx</a>", "Fait avec <a href=\"%(u)s\"><b>Sphinx</b></a>",
     ["its tags are not the English's, in the same order: the pages show the English instead"]),
    ("whitespace", "zh_CN", "updating environment: ", "正在更新环境：", []),  # the full-width colon's own space
    ("whitespace", "fr", "updating environment: ", "mise à jour de l'environnement :",
     ["trailing whitespace differs from the English"]),
    # A line break of the template's source or of wrapped help text is no structure; a blank line is.
    ("whitespace", "fr", "Please activate JavaScript to enable the search\n    functionality.",
     "Veuillez activer JavaScript pour que la recherche fonctionne.", []),
    ("whitespace", "fr", "Usage.\n\nOptions.", "Utilisation. Options.", ["0 blank line(s) where the English has 1"]),
]  # fmt: skip


@pytest.mark.parametrize(("check", "language", "source", "translation", "expected"), INTERFACE_CASES)
def test_an_interface_string_is_text(check: str, language: str, source: str, translation: str, expected: list) -> None:
    assert says(check, source, translation, language, interface=True) == expected
