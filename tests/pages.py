"""Reading built pages the way a reader sees them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from official import normalise

BLOCKS = "p, h1, h2, h3, h4, h5, h6"


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def article_blocks(path: Path) -> list[str]:
    """Text of each paragraph and heading of the page's main content, in order."""
    article = soup(path).select_one("article[role=main]")
    assert article is not None, f"{path}: no main article"
    blocks = []
    for element in article.select(BLOCKS):
        copy = BeautifulSoup(str(element), "html.parser")
        for anchor in copy.select("a.headerlink"):
            anchor.decompose()
        blocks.append(copy.get_text("").strip())
    return blocks


def article_text(path: Path) -> str:
    return normalise(" ".join(article_blocks(path)))


def visible_strings(path: Path) -> set[str]:
    """Every text a reader can see or hear on the page, outside scripts, styles and icon definitions."""
    page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    for hidden in page.select("script, style, svg, head"):
        hidden.decompose()
    strings = {text.strip() for text in page.stripped_strings}
    for element in page.select("[aria-label], [placeholder], [title], img[alt]"):
        for attribute in ("aria-label", "placeholder", "title", "alt"):
            if element.get(attribute):
                strings.add(element[attribute].strip())
    return {s for s in strings if s}
