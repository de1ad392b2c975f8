"""Translate the few interface strings that furo writes into its templates without gettext.

furo's ``aria-label`` attributes on the sidebar and theme toggles are plain English in ``page.html``; a
screen-reader user of the Spanish site would hear them in English. Sphinx lets a project replace the template
renderer (``template_bridge``); this one renders as usual, then swaps each of those labels for its
translation from the ``sphinx`` catalogue, where ``docs/_templates/theme-messages.html`` puts them.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.locale import get_translation

HARD_CODED_LABELS = (
    "Toggle Light / Dark / Auto color theme",
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
)

_ = get_translation("sphinx")


class TranslatedTemplates(BuiltinTemplateLoader):
    """Sphinx's own template loader, with furo's hard-coded labels translated."""

    def render(self, template: str, context: dict[str, Any]) -> str:
        html = super().render(template, context)
        for label in HARD_CODED_LABELS:
            translated = str(_(label))
            if translated != label:
                html = html.replace(f'aria-label="{label}"', f'aria-label="{escape(translated)}"')
        return html
