"""The texts the search page's snippets are cut from, as the build writes them for a site opened from disk."""

from __future__ import annotations

import json
import re

import pytest

from tools.sphinxext.search_snippets import main_content, search_texts_script

PAGE = '<html><body><nav>menu</nav><article class="x" role="main" id="furo-main-content">{}</article></body></html>'


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>Formation</p>", "<p>Formation</p>"),
        ("", ""),
        ("<p>a</p>\n<p>b</p>", "<p>a</p>\n<p>b</p>"),
    ],
)
def test_the_main_content_is_the_articles(content: str, expected: str) -> None:
    assert main_content(PAGE.format(content)) == expected


def test_a_page_without_main_content_has_none() -> None:
    assert main_content("<html><body><p>no article</p></body></html>") is None


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
