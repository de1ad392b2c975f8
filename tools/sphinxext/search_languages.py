"""Search in every language Sphinx knows: Sphinx's own search languages, with one of its defects mended.

Sphinx 9.0 writes ``window.Stemmer = ChineseStemmer;`` into a Chinese site's ``language_data.js``, a class
that does not exist (Chinese search stems the Latin words of a page with the English stemmer), so every
search of a Chinese page stops with "ChineseStemmer is not defined" and finds nothing (sphinx-doc/sphinx
#14229, fixed after 9.0.4 by naming the class after the stemmer's file). Until a release has the fix, the
Chinese search language is registered again under the name of the stemmer it uses. Its word splitter is
jieba, a dependency of the project: without it Sphinx indexes no Chinese word at all. It is imported (0.1 s,
with the ``pkg_resources`` it imports) only by a build whose search language is Chinese.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config


def _register_chinese(app: Sphinx, config: Config) -> None:
    language = config.html_search_language or config.language or ""
    # The language Sphinx's index builder looks up: the whole code, then what precedes its "_".
    if language.partition("_")[0] != "zh":
        return
    from sphinx.search.zh import SearchChinese

    class ChineseSearch(SearchChinese):
        language_name = "English"  # the name Sphinx derives the stemmer's JavaScript class from

    app.add_search_language(ChineseSearch)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _register_chinese)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
