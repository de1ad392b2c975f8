"""Translate the interface strings that escape the catalogues, and let none of them reach a page as markup.

Two kinds of interface text would stay English on a translated page:

- furo writes some ``aria-label`` attributes as plain English in ``page.html``, and the ``<title>`` of each
  of its icons in ``partials/icons.html``; a screen-reader user of the Spanish site would hear them in
  English. Sphinx lets a project replace the template renderer (``template_bridge``): this one renders as
  usual, then swaps each label and title for its translation.
- the search page's messages live in ``_static/translations.js``, which Sphinx copies from its own
  catalogue, where some are missing or wrong. After the build, this file is written anew from Sphinx's
  catalogue with the project's ``sphinx`` catalogue laid over it.

Both read the ``sphinx`` catalogue, where ``docs/_templates/theme-messages.html`` puts these strings.

A catalogue is text, never markup. Sphinx's Jinja environment does not autoescape, so every template (ours,
furo's, Sphinx's) would print ``{{ _("Search") }}`` as the catalogue wrote it, inside an attribute as well as
in text. The template bridge installs gettext callables that return escaped ``Markup``; the few English
messages that carry markup of their own keep it only when the translation has exactly the same tags and
placeholders, and fall back to the English otherwise. Sphinx's HTML writer puts its ``_()`` results into
``title`` attributes unescaped; :class:`EscapingHTMLTranslator` escapes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sphinx
from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.locale import get_translation, get_translator
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from tools.atomic_publish import write_file
from tools.language_codes import underscored
from tools.python_format import HTML_TAG, refusal
from tools.sphinxext import csp
from tools.sphinxext.language_of_parts import direction_attribute

# Where the "Download PDF" link goes in furo's page: before the theme toggle of each row of icons (the one
# beside the content on a wide screen, the phone's header), so that it lines up with them.
DOWNLOAD_PLACES = {
    "content": '<div class="theme-toggle-container theme-toggle-content">',
    "header": '<div class="theme-toggle-container theme-toggle-header">',
}

HARD_CODED_LABELS = (
    "Toggle Light / Dark / Auto color theme",
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
)

# The <title> of each of furo's icons (partials/icons.html), in English whatever the page's language.
ICON_TITLES = (
    "Contents",
    "Menu",
    "Expand",
    "Light mode",
    "Dark mode",
    "Auto light/dark, in light mode",
    "Auto light/dark, in dark mode",
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
# sphinx_highlight.js builds its link from this one as HTML; the others are set as text (innerText).
SEARCH_HTML_MESSAGES = frozenset({"Hide Search Matches"})

_ = get_translation("sphinx")
logger = logging.getLogger(__name__)

# -- Template strings ----------------------------------------------------------------------------------------

_TAG = HTML_TAG


def safe_translation(message: str, translated: str) -> Markup:
    """A catalogue's translation of a template message, as markup that can only say what the English says.

    A message without markup (nearly all of them) is text: it is escaped, so it is safe in an attribute
    too. A message whose English has tags or entities (furo's and Sphinx's footers) keeps its translation
    only when that has the same tags; its text is escaped around them. A translation that adds, drops or
    changes a tag or a ``%(name)s`` placeholder is not used: the English is, as gettext does with an entry
    that msgfmt would reject.
    """
    if translated == message:
        # The template's own text: it is the template author's markup, like the rest of the template.
        return Markup(message) if _TAG.search(message) or "&" in message else escape(message)
    if refusal(message, translated):  # the check "placeholders" reports it at the entry's line
        return safe_translation(message, message)
    if not _TAG.search(message) and "&" not in message:
        return escape(translated)
    if _TAG.findall(translated) != _TAG.findall(message):
        return safe_translation(message, message)
    parts = _TAG.split(translated)
    tags = _TAG.findall(translated)
    # Around the English tags, everything but & is escaped: an entity such as &#169; only ever stands for a
    # character, in element content as in an attribute.
    text = [str(escape(part)).replace("&amp;", "&") for part in parts]
    return Markup("".join(t + (tags[i] if i < len(tags) else "") for i, t in enumerate(text)))


def escaping_callables(translator: Any) -> dict[str, Callable[..., Markup]]:
    """gettext, ngettext, pgettext and npgettext for Jinja, each returning safe ``Markup``."""

    def gettext(message: str) -> Markup:
        return safe_translation(message, translator.gettext(message))

    def ngettext(singular: str, plural: str, n: int) -> Markup:
        return safe_translation(singular if n == 1 else plural, translator.ngettext(singular, plural, n))

    def pgettext(context: str, message: str) -> Markup:
        return safe_translation(message, translator.pgettext(context, message))

    def npgettext(context: str, singular: str, plural: str, n: int) -> Markup:
        english = singular if n == 1 else plural
        return safe_translation(english, translator.npgettext(context, singular, plural, n))

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}


class TranslatedTemplates(BuiltinTemplateLoader):
    """Sphinx's own template loader: catalogue strings escaped, furo's labels translated, a CSP in each page."""

    def init(self, builder: Any, theme: Any = None, dirs: list[str] | None = None) -> None:
        super().init(builder, theme, dirs)
        translator = getattr(builder, "_translator", None)
        if translator is not None:
            self.environment.install_gettext_callables(**escaping_callables(translator), newstyle=False)
        self.builder = builder
        # The site's own inline scripts are the constant ones of the templates; nothing a page says later
        # (a translation, a document) can add a hash to the policy.
        self.script_hashes = csp.template_script_hashes(Path(p) for p in self.pathchain)

    def render(self, template: str, context: dict[str, Any]) -> str:
        html = super().render(template, context)
        start, end = html.find("<html "), html.find("<head")
        if context.get("text_direction") == "rtl" and 0 <= start < end and " dir=" not in html[start:end]:
            # furo writes <html lang=…> itself, with no block to extend: the page's direction goes in here.
            html = html.replace("<html ", '<html dir="rtl" ', 1)
        if context.get("publication_pdf") and getattr(self.builder, "name", None) == "html" and "<head" in html:
            html = self._with_download_link(html, context)
        for label in HARD_CODED_LABELS:
            translated = str(_(label))
            if translated != label:
                html = html.replace(f'aria-label="{label}"', f'aria-label="{escape(translated)}"')
        for title in ICON_TITLES:
            translated = str(_(title))
            if translated != title:
                html = html.replace(f"<title>{title}</title>", f"<title>{escape(translated)}</title>")
        if getattr(self.builder, "format", None) == "html" and "<head" in html:
            hashes = self.script_hashes | csp.extension_script_hashes(context.get("script_files", ()))
            for problem in csp.foreign_code(html, hashes):
                logger.warning("%s; the Content-Security-Policy blocks it", problem, location=context.get("pagename"))
            html = csp.with_policy(html, hashes)
        return html

    def _with_download_link(self, html: str, context: dict[str, Any]) -> str:
        for place, marker in DOWNLOAD_PLACES.items():
            if marker not in html:
                logger.warning("furo's page has no %s; the Download PDF link is left out of it", marker,
                               location=context.get("pagename"))  # fmt: skip
                continue
            link = super().render("download.html", {**context, "publication_download_place": place})
            html = html.replace(marker, link.strip() + "\n" + marker, 1)
        return html


class EscapingHTMLTranslator(HTML5Translator):
    """Sphinx's HTML writer, with the translated ``title`` of its permalinks escaped, and ``dir`` on an English
    passage of a right-to-left page (``tools.sphinxext.language_of_parts``)."""

    def starttag(
        self, node: nodes.Node, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any
    ) -> str:
        direction = direction_attribute(node, self.config)
        if direction is not None:
            attributes.setdefault("dir", direction)
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def add_permalink_ref(self, node: nodes.Element, title: str) -> None:
        super().add_permalink_ref(node, escape(str(title)))

    def depart_title(self, node: nodes.title) -> None:
        # A section title that links back to a table of contents gets its permalink written inline here.
        start = len(self.body)
        super().depart_title(node)
        raw = str(_("Link to this heading"))
        if raw != escape(raw):
            for index in range(start, len(self.body)):
                self.body[index] = self.body[index].replace(f'title="{raw}"', f'title="{escape(raw)}"')


# -- Search messages -----------------------------------------------------------------------------------------

_PLURAL_TOKEN = re.compile(r"\s*(?:(n|\d+|==|!=|<=|>=|&&|\|\||[<>!%+*?:()-]))")
_DEFAULT_PLURAL = "(n != 1)"


def safe_plural_expression(expression: str) -> str:
    """The plural rule if it is a C expression of ``n`` only (what gettext allows), else the English rule.

    It is written into a script: nothing but ``n``, integers and operators may get there.
    """
    position = 0
    stripped = expression.strip()
    while position < len(stripped):
        match = _PLURAL_TOKEN.match(stripped, position)
        if not match:
            return _DEFAULT_PLURAL
        position = match.end()
    return stripped or _DEFAULT_PLURAL


def script_json(value: Any) -> str:
    """JSON that stays a JSON value wherever it lands in a script, even inside an HTML page."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


_CATALOG_LINE = "const publicationSearchCatalog = "


def sphinx_search_catalogue(language: str) -> dict[str, Any]:
    """Sphinx's own search messages for a language, from Sphinx's package (never from the project)."""
    path = Path(sphinx.package_dir, "locale", underscored(language), "LC_MESSAGES", "sphinx.js")
    try:
        text = path.read_text("utf-8").strip()
        catalogue = json.loads(text.removeprefix("Documentation.addTranslations(").removesuffix(");"))
    except (OSError, ValueError):
        catalogue = {}
    if not isinstance(catalogue, dict) or not isinstance(catalogue.get("messages"), dict):
        catalogue = {}
    return {
        "messages": dict(catalogue.get("messages", {})),
        "plural_expr": str(catalogue.get("plural_expr", _DEFAULT_PLURAL)),
        "locale": language,
    }


def read_search_catalogue(path: Path) -> dict[str, Any]:
    """The catalogue of a ``translations.js`` this extension wrote."""
    text = path.read_text("utf-8")
    start = text.find(_CATALOG_LINE)
    if start < 0:
        raise ValueError(f"{path}: not a search catalogue written by {__name__}")
    catalogue, _end = json.JSONDecoder().raw_decode(text, start + len(_CATALOG_LINE))
    return catalogue


def search_script(catalogue: dict[str, Any]) -> str:
    """``translations.js`` without ``new Function``: a Content-Security-Policy without 'unsafe-eval' runs it."""
    plural = safe_plural_expression(catalogue["plural_expr"])
    return (
        "// The search messages of this language (tools/sphinxext/interface.py). Sphinx's own file hands the\n"
        "// plural rule to `new Function`, which the site's Content-Security-Policy does not allow.\n"
        f"{_CATALOG_LINE}{script_json(catalogue)};\n"
        "Object.assign(Documentation.TRANSLATIONS, publicationSearchCatalog.messages);\n"
        "Documentation.LOCALE = publicationSearchCatalog.locale;\n"
        f"Documentation.PLURAL_EXPR = (n) => Number({plural});\n"
    )


_SEARCH_MESSAGES_WRITTEN = "_publication_search_messages_written"


def translate_search_messages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Write ``translations.js`` from Sphinx's messages with the project's translations laid over them.

    Sphinx copies a ``sphinx.js`` it finds in the project's locale folder as it is: a script that a
    catalogue folder could supply. The file is always written anew here, from data only: before the first
    page of the build, after Sphinx has copied its assets. Each page names the file with the checksum of the
    file as it is when the page is written (``?v=``): written after the pages, it would be named by the
    checksum of Sphinx's copy, and a browser would keep an old version.
    """
    if app.builder.name != "html" or getattr(app.builder, _SEARCH_MESSAGES_WRITTEN, False):
        return
    setattr(app.builder, _SEARCH_MESSAGES_WRITTEN, True)
    path = Path(app.outdir, "_static", "translations.js")
    language = app.config.language
    if not language or language == app.config.publication_source_language:
        if path.exists():
            write_file(path, search_script({"messages": {}, "plural_expr": _DEFAULT_PLURAL, "locale": "en"}))
        return
    translator = get_translator("sphinx")
    catalogue = sphinx_search_catalogue(language)
    messages = catalogue["messages"]
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
    for message in SEARCH_HTML_MESSAGES:
        if isinstance(messages.get(message), str):
            messages[message] = str(escape(messages[message]))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, search_script(catalogue))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.setup_extension("tools.sphinxext.language_of_parts")
    app.config.template_bridge = f"{__name__}.TranslatedTemplates"
    for builder in ("html", "dirhtml", "singlehtml", "pdf"):
        app.set_translator(builder, EscapingHTMLTranslator, override=True)
    app.connect("html-page-context", translate_search_messages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
