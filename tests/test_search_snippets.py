"""The texts the search page's snippets are cut from, as the build writes them for a site opened from disk."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.sphinxext.search_snippets import main_content, search_texts_script

PAGE = '<html><body><nav>menu</nav><article class="x" role="main" id="furo-main-content">{}</article></body></html>'


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>Formation</p>", "<p>Formation</p>"),
        ("", ""),
        ("<p>a</p>\n<p>b</p>", "<p>a</p>\n<p>b</p>"),
        # A page's own article inside furo's: the content runs to the end of furo's, not to the first end tag.
        ("<article>inner</article>\n<p>Narwhal</p>", "<article>inner</article>\n<p>Narwhal</p>"),
        (
            "<p>a<br>b<img src=x></p><p>&amp; &#233; &eacute;</p>",
            "<p>a<br>b<img src=x></p><p>&amp; &#233; &eacute;</p>",
        ),
        ("<!-- </article> --><p>c</p>", "<!-- </article> --><p>c</p>"),
    ],
)
def test_the_main_content_is_the_articles(content: str, expected: str) -> None:
    assert main_content(PAGE.format(content)) == expected


@pytest.mark.parametrize("before", ["<p>a\u2028b</p>\n", "<p>a\x0cb</p>\r\n", "<p>\r\n\u2029\x0b</p>\n\n"])
def test_line_separators_before_the_main_content_move_nothing(before: str) -> None:
    """A translation may hold any character: the content is cut where it is, whatever came before."""
    assert main_content(before + PAGE.format("<p>x\u2028y</p>")) == "<p>x\u2028y</p>"


def test_a_page_without_main_content_has_none() -> None:
    assert main_content("<html><body><p>no article</p></body></html>") is None


def test_the_main_content_of_another_theme_is_found_as_sphinx_finds_it() -> None:
    """Sphinx's ``htmlToText`` takes the first element with ``role="main"``, whatever its name."""
    page = '<div class="body" role="main">\n<div><p>x</p></div>\n</div><div>footer</div>'
    assert main_content(page) == "\n<div><p>x</p></div>\n"


NAMES = ["index.html", "100%.html", "my page.html", "guide/intro.html", "été/sommaire.html"]


def test_each_page_is_answered_from_the_texts_whatever_its_name(browser: object, tmp_path: Path) -> None:
    """The request Sphinx's search makes for each result (``contentRoot + docName + suffix``), from a page
    opened from disk: answered from the texts, for names with a space, a "%" or a non-ASCII letter."""
    static = tmp_path / "_static"
    static.mkdir()
    texts = {name: f"<p>text of {name}</p>" for name in NAMES}
    (static / "search_texts.js").write_text(search_texts_script(texts), "utf-8")
    page_file = tmp_path / "search.html"
    page_file.write_text(
        '<!doctype html><html data-content_root="./"><head><meta charset="utf-8">'
        '<script src="_static/search_texts.js"></script></head><body></body></html>',
        "utf-8",
    )
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        answers = page.evaluate(
            """async (names) => {
                const root = document.documentElement.dataset.content_root;
                const found = {};
                for (const name of names) {
                    try { found[name] = await (await fetch(root + name)).text(); }
                    catch (error) { found[name] = "refused: " + error; }
                }
                return found;
            }""",
            NAMES,
        )
    finally:
        context.close()
    assert answers == {name: f'<!doctype html><div role="main"><p>text of {name}</p></div>' for name in NAMES}


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "\u2028\u2029 line separators",
        '"; alert(1); var x = "',
        "&lt;img src=x onerror=alert(1)&gt;",
    ],
)
def test_nothing_in_a_page_ends_the_script_or_changes_its_value(text: str) -> None:
    script = search_texts_script({"index.html": text})
    value = re.search(r"var publicationSearchTexts = (\{.*?\n\});\n", script, re.DOTALL)
    assert value and json.loads(value.group(1)) == {"index.html": text}
    assert not re.search(r"[<>\u2028\u2029]", value.group(1))
