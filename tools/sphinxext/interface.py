"""Translate the interface strings that escape the catalogues: furo's fixed labels and the search page's.

Two kinds of interface text would stay English on a translated page:

- furo writes some ``aria-label`` attributes as plain English in ``page.html``; a screen-reader user of the
  Spanish site would hear them in English. Sphinx lets a project replace the template renderer
  (``template_bridge``): this one renders as usual, then swaps each label for its translation.
- the search page's messages live in ``_static/translations.js``, which Sphinx copies from its own
  catalogue, where some are missing or wrong. After the build, the project's ``sphinx`` catalogue is laid
  over it.

Both read the ``sphinx`` catalogue, where ``docs/_templates/theme-messages.html`` puts these strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.locale import get_translation, get_translator

HARD_CODED_LABELS = (
    "Toggle Light / Dark / Auto color theme",
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
)

# What Sphinx's search scripts pass to Documentation.gettext / ngettext.
SEARCH_MESSAGES = (
    "Search Results",
    "Searching",
    "Preparing search...",
    ", in ",
    "Hide Search Matches",
    "Your search did not match any documents. Please make sure that all words are spelled correctly and "
    "that you've selected enough categories.",
)
SEARCH_PLURALS = {
    "Search finished, found one page matching the search query.": (
        "Search finished, found ${resultCount} pages matching the search query."
    ),
}

_ = get_translation("sphinx")
_JS_PREFIX = "Documentation.addTranslations("


class TranslatedTemplates(BuiltinTemplateLoader):
    """Sphinx's own template loader, with furo's hard-coded labels translated."""

    def render(self, template: str, context: dict[str, Any]) -> str:
        html = super().render(template, context)
        for label in HARD_CODED_LABELS:
            translated = str(_(label))
            if translated != label:
                html = html.replace(f'aria-label="{label}"', f'aria-label="{escape(translated)}"')
        return html


def _read_js_catalog(path: Path, language: str) -> dict[str, Any]:
    if path.is_file():
        text = path.read_text("utf-8").strip()
        if text.startswith(_JS_PREFIX) and text.endswith(");"):
            return json.loads(text[len(_JS_PREFIX) : -2])
    return {"messages": {}, "plural_expr": "(n != 1)", "locale": language}


def translate_search_messages(app: Sphinx, exception: Exception | None) -> None:
    """Lay the project's translations of the search messages over Sphinx's ``translations.js``."""
    if exception is not None or app.builder.name != "html":
        return
    language = app.config.language
    if not language or language == app.config.publication_source_language:
        return
    translator = get_translator("sphinx")
    path = Path(app.outdir, "_static", "translations.js")
    catalog = _read_js_catalog(path, language)
    messages = catalog.setdefault("messages", {})
    for message in SEARCH_MESSAGES:
        translated = translator.gettext(message)
        if translated != message or not messages.get(message):
            messages[message] = translated
    for singular, plural in SEARCH_PLURALS.items():
        one, many = translator.gettext(singular), translator.gettext(plural)
        if one == singular and many == plural and messages.get(singular):
            continue
        existing = messages.get(singular)
        forms = len(existing) if isinstance(existing, list) and existing else 2
        # The catalogue holds the two English forms as separate messages (Sphinx's template extraction has
        # no plurals): the first serves n = 1, the second every other form of the language.
        messages[singular] = [one, *([many] * (forms - 1))]
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(catalog, ensure_ascii=False, indent=2, sort_keys=True)
    path.write_text(f"{_JS_PREFIX}{body});\n", "utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.config.template_bridge = f"{__name__}.TranslatedTemplates"
    app.connect("build-finished", translate_search_messages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
