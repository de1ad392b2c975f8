"""Language-aware page context: switcher, ``hreflang`` alternates and the translated site title.

Each language is built by its own Sphinx run into ``<site>/<lang>/``; this extension tells every page where
its counterparts in the other languages are, so the switcher and the alternates need no post-processing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from tools.atomic_publish import write_file
from tools.languages import MANIFEST, discover_languages, language_tag, native_name, percent_text, text_direction
from tools.sphinxext.interface import safe_translation
from tools.sphinxext.pdf_documents import pdf_documents, whole_filename
from tools.sphinxext.publication_languages import drafts, progress

_ = get_translation("sphinx")
# In docs/_templates/theme-messages.html too, so that extraction puts it into every sphinx.po.
DRAFT_NOTICE = "This translation is incomplete: %(percent)s of it is translated, and the rest is shown in English."


def _languages(app: Sphinx) -> list[str]:
    source = app.config.publication_source_language
    langs: list[str] = []
    for locale_dir in app.config.locale_dirs:
        for lang in discover_languages(Path(app.srcdir, locale_dir), source):
            if lang not in langs:
                langs.append(lang)
    return langs or [source]


def _root_title(app: Sphinx) -> str:
    title = app.env.titles.get(app.config.root_doc)
    return title.astext() if title is not None else app.config.project


def _site_root(pagename: str) -> str:
    """Relative path from a page to the folder that holds every language's folder."""
    return "../" * (pagename.count("/") + 1)


def on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if app.builder.format != "html":
        return
    # The site title is the root document's title, which the catalogues translate; ``project`` is not.
    # Themes print ``docstitle`` as HTML (Sphinx's html_title may hold markup): give them the text, escaped,
    # since astext() has decoded any entity a translation wrote (&lt;img …&gt; would become a tag).
    context["docstitle"] = escape(_root_title(app))
    current = app.config.language or app.config.publication_source_language
    context["language"] = language_tag(current)  # the page's lang (Sphinx's own only swaps _ for -)
    context["text_direction"] = text_direction(current)
    below = drafts(app.env)  # once a page: it reads every catalogue's size and date
    context["publication_draft"] = _draft_notice(current, below)
    if app.builder.name != "html":
        return  # the PDF has no switcher and no alternates
    root = _site_root(pagename)
    target = app.builder.get_target_uri(pagename)
    baseurl = app.config.html_baseurl.rstrip("/")
    switcher = []
    alternates = []
    for lang in _languages(app):
        relative = f"{root}{lang}/{target}"
        percent = below.get(lang)
        switcher.append({
            "code": language_tag(lang), "name": native_name(lang), "url": relative, "current": lang == current,
            "direction": text_direction(lang),
            "draft": None if percent is None else percent_text(percent, lang, floor=True),
        })  # fmt: skip
        href = f"{baseurl}/{lang}/{target}" if baseurl else relative
        alternates.append(f'<link rel="alternate" hreflang="{escape(language_tag(lang))}" href="{escape(href)}">')
    default = f"{baseurl}/" if baseurl else f"{root}index.html"
    alternates.append(f'<link rel="alternate" hreflang="x-default" href="{escape(default)}">')
    context["publication_languages"] = switcher
    context["metatags"] = Markup(context.get("metatags", "") + "\n" + "\n".join(alternates))


def _draft_notice(language: str, below: dict[str, float]) -> Markup | None:
    """The sentence a draft's pages open with, in the language where its ``sphinx`` catalogue has it: text,
    escaped, its one placeholder filled; a translation that brings placeholders of its own is not used."""
    if language not in below:
        return None
    percent = percent_text(below[language], language, floor=True)
    return safe_translation(DRAFT_NOTICE, str(_(DRAFT_NOTICE))) % {"percent": percent}


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Leave a small manifest that the site assembly reads instead of parsing HTML."""
    if exception is not None or app.builder.name != "html":
        return
    lang = app.config.language or app.config.publication_source_language
    percent = progress(app.env).get(lang, 100.0)  # the source language is whole
    manifest = {
        "language": lang,
        "tag": language_tag(lang),
        "direction": text_direction(lang),
        "draft": lang in drafts(app.env),
        "percent": round(percent, 1),
        "percent_shown": percent_text(percent, lang, floor=True),
        "name": native_name(lang),
        "title": _root_title(app),
        "root": app.builder.get_target_uri(app.config.root_doc),
        "pdf": whole_filename(app.config),
        "pdfs": [pdf.filename for pdf in pdf_documents(app.env)],
        "pdf_label": str(_("Download PDF")),
    }
    write_file(Path(app.outdir, MANIFEST), json.dumps(manifest, ensure_ascii=False, indent=2))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.connect("html-page-context", on_page_context)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
