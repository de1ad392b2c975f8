"""What ``tools.checks.markdown`` reads in a message, pinned as MyST reads it: tables of (message, the fields of
its ``Markup`` that are not empty), the constructs the content model sees, role targets, targets outside the
sources; and the markup checks' exact messages on what those readings distinguish."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from typing import Any

import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from tools.checks import markdown
from tools.checks.markdown import Markup, analyse, constructs, outside_sources, role_target

from helpers import says


def _fields(found: Markup) -> dict[str, Any]:
    """The fields of ``found`` that hold something, emphasis as a plain dict."""
    shown = {f.name: getattr(found, f.name) for f in fields(found)}
    shown["emphasis"] = {kind: count for kind, count in found.emphasis.items() if count}
    return {name: value for name, value in shown.items() if value}


# (message, the Markup fields MyST yields). Fields not named are empty.
ANALYSES = [
    # No Markdown at all: the text as it is, untouched (not even stripped).
    ("Hello world", {"text": "Hello world", "paragraphs": 1}),
    (" Hello ", {"text": " Hello ", "paragraphs": 1}),
    ("", {}),
    ("   ", {"text": "   "}),
    ("    indented", {"text": "    indented", "paragraphs": 1}),
    # Inline constructs, on one line (the inline parse only).
    (
        "See [a](http://a.org/) and <http://b.org/> now.",
        {"text": "See a and  now.", "links": ["http://a.org/"], "autolinks": ["http://b.org/"], "paragraphs": 1},
    ),
    ('[a](http://a.org/ "title")', {"text": "a", "links": ["http://a.org/"], "paragraphs": 1}),
    ("<a@b.org> then x", {"text": "then x", "autolinks": ["mailto:a@b.org"], "paragraphs": 1}),
    (
        "![alt *x*](img.png) tail",
        {"text": "alt x tail", "images": ["img.png"], "emphasis": {"em": 1}, "paragraphs": 1},
    ),
    ("![](x.png)", {"images": ["x.png"], "paragraphs": 1}),
    ("Run `make` now.", {"text": "Run make now.", "code": ["make"], "paragraphs": 1}),
    ("`` a`b ``", {"text": "a`b", "code": ["a`b"], "paragraphs": 1}),
    ("A {ref}`intro` role.", {"text": "A  role.", "roles": ["{ref}`intro`"], "paragraphs": 1}),
    ("{download}`the file <a.zip>`", {"roles": ["{download}`the file <a.zip>`"], "paragraphs": 1}),
    ("{}`x`", {"text": "{}x", "code": ["x"], "paragraphs": 1}),
    # Substitutions are not among the build's extensions: {{ name }} is text.
    ("A {{ name }} sub.", {"text": "A {{ name }} sub.", "paragraphs": 1}),
    ("Note[^1] here.", {"text": "Note here.", "footnotes": ["1"], "paragraphs": 1}),
    ("*a* **b** _c_ __d__", {"text": "a b c d", "emphasis": {"em": 2, "strong": 2}, "paragraphs": 1}),
    ("~~c~~", {"text": "~~c~~", "paragraphs": 1}),  # strikethrough is not enabled
    ("a <b>x</b> c", {"text": "a x c", "html": ["<b>", "</b>"], "paragraphs": 1}),
    ("x <!-- c --> y", {"text": "x  y", "html": ["<!-- c -->"], "paragraphs": 1}),
    ("<div>x</div>", {"text": "x", "html": ["<div>", "</div>"], "paragraphs": 1}),
    ("  *a*  ", {"text": "a", "emphasis": {"em": 1}, "paragraphs": 1}),
    ("a &amp; b", {"text": "a & b", "paragraphs": 1}),
    ("a \\* b", {"text": "a * b", "paragraphs": 1}),
    # Line breaks: the whole parse.
    ("line one\nline two", {"text": "line one\nline two", "paragraphs": 1}),
    ("hard  \nbreak", {"text": "hard\nbreak", "paragraphs": 1}),
    ("a\\\nb", {"text": "a\nb", "paragraphs": 1}),
    ("x\r\ny", {"text": "x\ny", "paragraphs": 1}),
    ("x\ry", {"text": "x\ny", "paragraphs": 1}),
    ("x\r\n\r\ny", {"text": "x\n\ny", "paragraphs": 2}),
    ("a\r\rb", {"text": "a\n\nb", "paragraphs": 2}),  # lone CRs are line ends too: two paragraphs
    ("  \t", {}),  # whitespace, a tab not at the start: read inline, and no paragraph
    ("a\n\nb", {"text": "a\n\nb", "paragraphs": 2}),
    ("a\nb\n\n> c", {"text": "a\nb\n\nc", "blocks": ["blockquote"], "paragraphs": 1}),
    ("\tcode", {"blocks": ["code_block"]}),
    ("a\n\n    code", {"text": "a", "blocks": ["code_block"], "paragraphs": 1}),
    # Blocks, on one line or several.
    ("# Title", {"text": "Title", "blocks": ["heading"]}),
    ("Title\n=====", {"text": "Title", "blocks": ["heading"]}),
    ("- item", {"text": "item", "blocks": ["bullet_list", "list_item"]}),
    ("- a\n- b", {"text": "a\n\nb", "blocks": ["bullet_list", "list_item", "list_item"]}),
    ("1. a", {"text": "a", "blocks": ["ordered_list", "list_item"]}),
    ("> quote", {"text": "quote", "blocks": ["blockquote"]}),
    ("> a\n>\n> b", {"text": "a\n\nb", "blocks": ["blockquote"]}),
    ("```py\ncode\n```", {"blocks": ["fence py"]}),
    ("```\ncode\n```", {"blocks": ["fence"]}),
    ("---", {"blocks": ["hr"]}),
    ("% comment", {"blocks": ["myst_line_comment"]}),
    ("(target)=", {"blocks": ["myst_target"]}),
    ("(x)=\n# T", {"text": "T", "blocks": ["myst_target", "heading"]}),
    ("+++", {"blocks": ["myst_block_break"]}),
    ("---\na: b\n---\ntext", {"text": "text", "blocks": ["front_matter"], "paragraphs": 1}),
    ("<div>\nx\n</div>", {"html": ["<div>\nx\n</div>"]}),
    ("a\n\n<div>\n*x*\n</div>", {"text": "a", "html": ["<div>\n*x*\n</div>"], "paragraphs": 1}),
    (
        "| a | b |\n|---|---|\n| 1 | 2 |",
        {"text": "ab12", "blocks": ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]},
    ),
    ("[ref]: http://x.org", {}),
    (
        "[^n]\n\n[^n]: *x*",
        {"text": "x", "footnotes": ["n"], "emphasis": {"em": 1}, "blocks": ["footnote_reference"], "paragraphs": 1},
    ),
    # Not among the build's extensions: math and colon fences are paragraphs of text.
    ("$$\nx\n$$", {"text": "$$\nx\n$$", "paragraphs": 1}),
    (":::{note}\nx\n:::", {"text": ":::{note}\nx\n:::", "paragraphs": 1}),
]


@pytest.mark.parametrize(("message", "expected"), ANALYSES)
def test_analyse_reads_as_myst(message: str, expected: dict[str, Any]) -> None:
    assert _fields(analyse(message)) == expected


# The build enables only some of MyST's extensions; the reader handles the tokens of the others too, for the day
# the build enables one (the parser is the build's: here it is given more extensions).
EXTENDED = [
    ("A {{ name }} sub.", {"text": "A  sub.", "substitutions": ["name"], "paragraphs": 1}),
    ("A {{name}} x", {"text": "A  x", "substitutions": ["name"], "paragraphs": 1}),
    ("~~c~~ d", {"text": "c d", "emphasis": {"s": 1}, "paragraphs": 1}),
    ("$$\nx\n$$", {"blocks": ["math_block"]}),
    (":::{note}\nx\n:::", {"blocks": ["colon_fence {note}"]}),
    (":::\nx\n:::", {"blocks": ["colon_fence"]}),
]


@pytest.fixture
def extended_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # Not linkify: it needs linkify-it-py, which the project does not install.
    extensions = {"attrs_block", "substitution", "strikethrough", "dollarmath", "colon_fence"}
    md = create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)
    md.disable("wordcount", ignoreInvalid=True)
    monkeypatch.setattr(markdown, "parser", lambda: md)


@pytest.mark.parametrize(("message", "expected"), EXTENDED)
@pytest.mark.usefixtures("extended_parser")
def test_analyse_reads_other_extensions(message: str, expected: dict[str, Any]) -> None:
    assert _fields(markdown._analyse(message)) == expected  # uncached: the cache holds the build's readings


def test_literals_are_what_must_be_copied() -> None:
    found = Markup(code=["a"], roles=["{ref}`x`"], substitutions=["s"], footnotes=["1"])
    assert found.literals == Counter(["`a`", "{ref}`x`", "{{s}}", "[^1]"])


ROLE_TARGETS = [
    ("{download}`the file <a.zip>`", "a.zip"),
    ("{download}`the file < a.zip >`", "a.zip"),
    ("{doc}`text <a/b>  `", "a/b"),
    ("{doc}`<a>`", "a"),
    ("{doc}`target`", None),
    ("{doc}`a <b> c`", None),
    ("{doc}`a <b<c>`", "c"),
    ("{doc}`a\n<b>`", "b"),
    ("not a role <a>", None),
    ("{doc}`a <b>` tail", None),
    ("`a <b>`", None),
]


@pytest.mark.parametrize(("role", "expected"), ROLE_TARGETS)
def test_role_target(role: str, expected: str | None) -> None:
    assert role_target(role) == expected


CONSTRUCTS = [
    (Markup(), set()),
    (Markup(links=["a"], autolinks=["b"]), {("link", "a"), ("link", "b")}),
    (Markup(images=["i.png"]), {("image", "i.png")}),
    (
        Markup(roles=["{download}`the file <a.zip>`", "{ref}`intro`", "{}`x`", "odd"]),
        {("role", "{download}`a.zip`"), ("role", "{ref}`intro`"), ("role", "{}`x`"), ("role", "{odd}``")},
    ),
    (Markup(footnotes=["1"]), {("footnote", "1")}),
    (Markup(substitutions=["s"]), {("substitution", "s")}),
    (Markup(html=["<b>"]), {("html", "<b>")}),
    (Markup(blocks=["heading", "fence py"]), {("block", "heading"), ("block", "fence py")}),
    (Markup(code=["a", "b"]), {("code", "")}),
    (Markup(emphasis=Counter({"em": 2, "strong": 0, "s": 1})), {("em", ""), ("s", "")}),
]


@pytest.mark.parametrize(("found", "expected"), CONSTRUCTS)
def test_constructs(found: Markup, expected: set[tuple[str, str]]) -> None:
    assert constructs(found) == expected


OUTSIDE = [
    ("", False),
    ("#anchor", False),
    ("#../x", False),
    ("http://x.org/../../y", False),
    ("HTTPS://x.org", False),
    ("mailto:a@b.org", False),
    ("ftp://x.org", False),
    ("file:///etc/passwd", True),
    ("javascript:alert(1)", True),
    ("c:/windows", True),
    ("/etc/passwd", True),
    ("../x.md", True),
    ("..", True),
    ("a/../../x", True),
    ("a/../x", False),
    ("./x.md", False),
    ("x.md", False),
    ("x.md#../../y", False),
    ("a#/../../b", False),
    ("a?/../../b", False),
    ("x?/../../y?z", False),
    ("x#/../../y#z", False),
    ("%2e%2e/x", True),
    ("%2Fetc", True),
    ("..\\x", True),
    ("\\etc", True),
    ("\u200b/etc", True),
    (" ../x", True),
    ("\u200b#x", False),
    ("\x00", False),
    ("\u200bhttp://x.org/../..", False),
    ("\u200bfile:x", True),
    ("...", False),
    ("..x/y", False),
]


@pytest.mark.parametrize(("target", "expected"), OUTSIDE)
def test_outside_sources(target: str, expected: bool) -> None:
    assert outside_sources(target) is expected


# (check, English, translation, the exact messages), as tests/test_check_messages.py; no counterparts declared.
CHECKS = [
    ("links", "See <http://a.org/>.", "Voir <http://a.org/>.", []),
    ("links", "See <http://a.org/>.", "Voir [a](http://a.org/).", []),
    ("links", "See <http://a.org/>.", "Voir.", ["1 link(s) in the English, 0 in the translation"]),
    (
        "links",
        "See <http://a.org/>.",
        "Voir <http://a.org/> <http://b.org/>.",
        [
            "1 link(s) in the English, 2 in the translation",
            "link to http://b.org/ is not in the English (expected http://a.org/)",
        ],
    ),
    (
        "links",
        "No link.",
        "Voir [b](http://b.org/).",
        [
            "0 link(s) in the English, 1 in the translation",
            "link to http://b.org/ is not in the English (expected none)",
        ],
    ),
    (
        "links",
        "[a](http://a.org/) [c](http://c.org/)",
        "[a](http://a.org/) [b](http://b.org/)",
        ["link to http://b.org/ is not in the English (expected http://a.org/, http://c.org/)"],
    ),
    (
        "links",
        "[a](http://a.org/)",
        "[a](http://a.org/) [a](http://a.org/)",
        [
            "1 link(s) in the English, 2 in the translation",
        ],
    ),
    ("emphasis", "A *key* point.", "Un *point* *clé*.", []),
    (
        "emphasis",
        "A *key* *point*.",
        "Un *point* clé.",
        ["emphasis (*…*) dropped: the English has 2, the translation 1"],
    ),
    ("emphasis", "A point.", "Un **point**.", []),
    ("emphasis", "A point *.", "Un point *.", []),
    ("emphasis", "A point.", "Un point ** fort.", ["unbalanced emphasis marker (*): a * or ** without its pair"]),
    ("emphasis", "A point.", "* Un point", []),  # a list item: no * left in the text
    ("emphasis", "A point.", "Un 2*3 point", []),
]


@pytest.mark.parametrize(("check", "source", "translation", "expected"), CHECKS)
def test_markup_check_says(check: str, source: str, translation: str, expected: list[str]) -> None:
    assert says(check, source, translation, "fr") == expected


LONG = "q" * 80
# (English, translation, this language's counterparts, every language's counterparts, the exact messages).
UNSAFE = [
    ("See [a](http://a.org/).", "Voir [a](http://a.org/fr).", {"http://a.org/": "http://a.org/fr"}, None, []),
    (
        "See [a](http://a.org/).",
        "Voir [a](http://a.org/es).",
        {"http://a.org/": "http://a.org/fr"},
        None,
        ["link to 'http://a.org/es' is not in the English message; a translation holds only what its English has"],
    ),
    (
        "See [a](http://a.org/).",
        "Voir [a](http://a.org/es).",
        {"http://a.org/": "http://a.org/fr"},
        {"http://a.org/": frozenset({"http://a.org/fr", "http://a.org/es"})},
        [],
    ),
    (
        "See <http://a.org/>.",
        "Voir ![i](http://a.org/fr).",
        {"http://a.org/": "http://a.org/fr"},
        None,
        ["image 'http://a.org/fr' is not in the English message; a translation holds only what its English has"],
    ),
    (
        "Plain.",
        f"Voir [a](http://{LONG}).",
        {},
        None,
        [f"link to 'http://{LONG[:53]}' is not in the English message; a translation holds only what its English has"],
    ),
    (
        "Plain.",
        f"Voir ![i]({LONG}.png).",
        {},
        None,
        [f"image '{LONG[:60]}' is not in the English message; a translation holds only what its English has"],
    ),
    (
        "Plain.",
        "Un <b>gras</b>.",
        {},
        None,
        [
            "raw HTML '</b>' is not in the English; a translation cannot add HTML",
            "raw HTML '<b>' is not in the English; a translation cannot add HTML",
        ],
    ),
    (
        "Plain.",
        f"Un <span title='{LONG}'>x</span>.",
        {},
        None,
        [
            "raw HTML '</span>' is not in the English; a translation cannot add HTML",
            f'raw HTML "<span title=\'{LONG[:47]}" is not in the English; a translation cannot add HTML',
        ],
    ),
    ("Un <b>gras</b>.", "Un <b>gras</b>.", {}, None, []),
    (
        "Plain.",
        f"Un {{ref}}`{LONG}`.",
        {},
        None,
        [f"role {{ref}}`{LONG[:54]} is not in the English message; a translation holds only what its English has"],
    ),
    (
        "See {download}`the file <a.zip>`.",
        "Voir {download}`le fichier <a.zip>`.",
        {},
        None,
        [],
    ),
    (
        "See {download}`the file <a.zip>`.",
        "Voir {download}`le fichier <b.zip>`.",
        {},
        None,
        ["role {download}`b.zip` is not in the English message; a translation holds only what its English has"],
    ),
    (
        "Plain.",
        "Un `code` et *em* et **fort**.",
        {},
        None,
        [
            "inline code is not in the English message; a translation holds only what its English has",
            "emphasis is not in the English message; a translation holds only what its English has",
            "strong emphasis is not in the English message; a translation holds only what its English has",
        ],
    ),
    (
        "Plain.",
        "Note[^1].",
        {},
        None,
        ["footnote reference [^1] is not in the English message; a translation holds only what its English has"],
    ),
    (
        "Plain.",
        "# Titre",
        {},
        None,
        [
            "heading: a directive, code block or other block markup is not in the English message; a translation"
            " holds only what its English has",
            "its English message is one paragraph; MyST reads the translation as 0",
        ],
    ),
    ("# Title", "# Titre", {}, None, []),
    ("Plain.", "Un\n\nDeux", {}, None, ["its English message is one paragraph; MyST reads the translation as 2"]),
    ("One\n\nTwo", "Un", {}, None, []),
    ("One\n\nTwo", "Un\n\nDeux\n\nTrois", {}, None, []),
    ("Plain.", "", {}, None, ["its English message is one paragraph; MyST reads the translation as 0"]),
    ("See [a](../x.md).", "Voir [a](../x.md).", {}, None, ["'../x.md' names a file outside the source tree"]),
    (
        "See ![a](/etc/p.png).",
        "Voir ![a](/etc/p.png).",
        {},
        None,
        ["'/etc/p.png' names a file outside the source tree"],
    ),
    ("See <http://a.org/>.", "Voir <http://a.org/>.", {}, None, []),
    (
        "See {download}`f <../a.zip>`.",
        "Voir {download}`f <../a.zip>`.",
        {},
        None,
        ["'../a.zip' names a file outside the source tree"],
    ),
    ("See {doc}`../a`.", "Voir {doc}`../a`.", {}, None, []),  # no <target>: the role's text is not a path here
    (
        "See {download}`f <java\u200bscript:x>`.",
        "Voir {download}`f <java\u200bscript:x>`.",
        {},
        None,
        ["dangerous URL 'java\\u200bscript:x'"],
    ),
    (
        f"See {{download}}`f <java\u200bscript:{LONG}>`.",
        f"Voir {{download}}`f <java\u200bscript:{LONG}>`.",
        {},
        None,
        [f"dangerous URL 'java\\u200bscript:{LONG[:48]}'"],
    ),
    (
        "See [a](../q).",
        f"Voir [a](../{LONG}).",
        {},
        None,
        [
            f"link to '../{LONG[:57]}' is not in the English message; a translation holds only what its English has",
            f"'../{LONG[:57]}' names a file outside the source tree",
        ],
    ),
    ("See [a](javascript:alert(1)).", "Voir [a](javascript:alert(1)).", {}, None, []),
    (
        "See [a](http://a.org/).",
        "Voir [a](javascript:alert(1)).",
        {},
        None,
        ["a javascript:, vbscript: or data: URL is not in the English"],
    ),
    ("Plain.", "javascript:alert(1)", {}, None, ["a javascript:, vbscript: or data: URL is not in the English"]),
    ("Plain.", "(JavaScript:x)", {}, None, ["a javascript:, vbscript: or data: URL is not in the English"]),
    ("Plain.", "(java\u200bscript:x)", {}, None, ["a javascript:, vbscript: or data: URL is not in the English"]),
    ("Plain.", "(data :x)", {}, None, ["a javascript:, vbscript: or data: URL is not in the English"]),
    ("Run (javascript:x).", "Lancez (JavaScript:x).", {}, None, []),
    ("Run (java\u200bscript:x).", "Lancez (javascript:x).", {}, None, []),
    ("Plain: metadata:", "Simple : metadata: (vbscript)", {}, None, []),
]


@pytest.mark.parametrize(("source", "translation", "local", "declared", "expected"), UNSAFE)
def test_unsafe_says(
    source: str,
    translation: str,
    local: dict[str, str],
    declared: dict[str, frozenset[str]] | None,
    expected: list[str],
) -> None:
    assert says("unsafe", source, translation, "fr", local, declared=declared) == expected


@pytest.mark.parametrize(
    ("target", "english", "expected"),
    [("inv:sphinx#usage/index", (), False), ("inv:python:py:func#os.path.join", (), False),
     ("project:configuration.md", (), False), ("project:/apidocs/index.rst", (), False),
     ("project:#syntax/md-figures", (), False), ("project:../../etc/passwd", (), True),
     ("PROJECT:../x", (), True), ("path:../.git/config", (), True), ("path:report.pdf", (), False),
     ("wiki:Uniform_Resource_Identifier", ("wiki:Uniform_Resource_Identifier",), False),
     ("wiki:Uniform_Resource_Identifier", (), True), ("wiki:Other", ("wiki:Uniform_Resource_Identifier",), True),
     ("file:///etc/passwd", ("file:///etc/passwd",), True)],
)  # fmt: skip
def test_myst_schemes_are_read_as_myst_reads_them(target: str, english: tuple[str, ...], expected: bool) -> None:
    """inv: names an inventory's entry; project: and path: a path of the project; a scheme of the project's
    myst_url_schemes is a URL when the English message writes the same target. A role's target has no scheme."""
    assert outside_sources(target, "", english) is expected
    assert outside_sources(target, "", english, myst=False) is (":" in target)


@pytest.mark.parametrize(
    ("href", "read"),
    [("./typography.md#headings", "typography.md#headings"), ("a/../b.md", "b.md"), ("./../x.md", "../x.md"),
     ("../x.md", "../x.md"), ("x.md?a=./b", "x.md?a=./b"), ("https://a.org/./x", "https://a.org/./x"),
     ("#a/./b", "#a/./b"), ("/abs/./x.md", "/abs/./x.md"),
     # A link to another file is a download, whose path MyST keeps as written.
     ("./f.zip", "./f.zip"), ("a/../f.pdf", "a/../f.pdf"), ("./", "./")],
)  # fmt: skip
def test_a_relative_link_is_read_as_the_file_it_names(href: str, read: str) -> None:
    assert analyse(f"[x]({href})").links == [read]
