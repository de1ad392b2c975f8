"""Sphinx configuration shared by every language of the publication.

The language is chosen per build (``-D language=xx``); everything that differs between languages comes from
the catalogues in ``locale/``, so adding a language needs no change here.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project's Sphinx extensions live in tools/sphinxext; make them importable for plain sphinx-build too.
sys.path.insert(0, str(ROOT))

from tools.myst import MYST_EXTENSIONS  # noqa: E402 - importable only once the path is set

project = "Training for Gender Equality and Beijing +20"
author = "UN Women Community of Practice in Training for Gender Equality"
language = "en"
root_doc = "index"

extensions = [
    "myst_parser",
    "tools.sphinxext.guard",
    "tools.sphinxext.languages",
    "tools.sphinxext.interface",
    "tools.sphinxext.pdf",
    "tools.sphinxext.status",
    "tools.sphinxext.glossary",
    "tools.sphinxext.csp",
    "tools.sphinxext.titles_changed",
    "tools.sphinxext.search_languages",
    "tools.sphinxext.search_snippets",
]

# Markdown only; the generated pages of later tools are Markdown too.
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
templates_path = ["_templates"]
myst_enable_extensions = list(MYST_EXTENSIONS)  # shared with the checker (tools/checks/markup.py)

# -- Internationalisation ------------------------------------------------------------------------------------
locale_dirs = ["../locale/"]
gettext_compact = False  # one catalogue per document
gettext_uuid = False
gettext_location = True
gettext_last_translator = "Community of Practice translators"
gettext_language_team = "Community of Practice translators"
publication_source_language = "en"
publication_pdf_basename = "training-for-gender-equality-beijing20-summary"
# A language below this percentage translated is published as a draft: each page says how far it is, the
# switcher shows the percentage, and the root page sends no browser to it.
publication_threshold = 100

# -- HTML ----------------------------------------------------------------------------------------------------
html_theme = "furo"
html_title = project  # replaced per page by the translated title of the root document
html_static_path = ["_static"]
html_css_files = ["publication.css"]
html_js_files = ["publication.js"]
html_favicon = "_static/favicon.ico"  # drawn by tools/favicon_generate.py; also at the site's root, for /favicon.ico
html_show_sphinx = False  # furo's "Sphinx and @pradyunsg's" credit cannot be translated
html_show_sourcelink = False
html_copy_source = False
html_use_index = False  # a one-document publication has no index worth a page
# The publication has no math, and mathjax_path is left at Sphinx's CDN address on purpose: the site loads no
# code from elsewhere, so tools/sphinxext/csp.py fails the build of a page that would load it (and the
# Content-Security-Policy would block it). A local path instead would leave such a page silently broken.
# Math, if it is ever wanted, means shipping MathJax under docs/_static/ and pointing mathjax_path there.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/languages.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
