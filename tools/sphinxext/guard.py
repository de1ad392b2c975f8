"""The injection guard: what a translated build reads from ``locale/`` is checked before Sphinx uses it.

myst-parser renders a msgstr as it renders the source, so whoever can edit a catalogue could put markup into
every page of a language. The build must not depend on someone having run ``python -m tools check``. So, in
every translated build, as soon as the configuration is read:

1. Every ``.mo`` file the build would use comes from its validated ``.po``: a ``.mo`` without its ``.po``, or
   in a folder Python's gettext reads before the language's own (``locale/fr_FR/`` for ``fr``), stops the
   build (nobody could have checked it); every ``.po`` is compiled again, in the charset its header declares
   (Sphinx recompiles only when the ``.po`` is newer, and reads every catalogue as UTF-8), before any message
   is looked up.
2. Every catalogue of the language goes through the ``unsafe`` check. Each unsafe entry is reported as
   ``catalogue:line: [unsafe] …`` and the build stops, having written nothing.
   (``SystemExit``, not an exception: Sphinx would print a crash report asking to file a bug against it.)
3. While documents are read, ``tools.sphinxext.content_model`` compares each translated message with its
   English message in the document tree: the same rule as the check, applied to what MyST actually made of
   the msgstr, which catches whatever the text-level check might miss.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from tools.atomic import write_bytes_atomic
from tools.catalogues import CatalogueError, find_catalogues, load
from tools.checks import check_catalogue
from tools.output import shown
from tools.po_writer import canonical_text
from tools.sphinxext.content_model import translated_build

logger = logging.getLogger(__name__)


def _folders(app: Sphinx) -> list[Path]:
    language = app.config.language
    return [Path(app.srcdir, d, language, "LC_MESSAGES").resolve() for d in app.config.locale_dirs if language]


def _compiled(po: Path, language: str, use_fuzzy: bool) -> bytes:
    """What ``po`` compiles to, read in the charset its header declares (Sphinx's own compiler reads every
    catalogue as ``source_encoding``, UTF-8: a Latin-1 catalogue that check accepted would fail the build, and
    one in Shift_JIS would be read otherwise than check read it)."""
    # The canonical text of what the project's reader read: Babel reads it as msgfmt read the original.
    catalogue = read_po(io.StringIO(canonical_text(load(po))), language)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy)
    return out.getvalue()


def _gettext_reads(app: Sphinx) -> list[Path]:
    """Every ``.mo`` under the locale folders that Python's gettext would read for the build's language:
    those of its own folder, and those of the folders it tries first (``fr_FR`` for ``fr``)."""
    found = []
    for locale_dir in (Path(app.srcdir, d).resolve() for d in app.config.locale_dirs):
        for mo in sorted(locale_dir.glob("*/LC_MESSAGES/**/*.mo")) if locale_dir.is_dir() else []:
            domain = Path(*mo.relative_to(locale_dir).parts[2:]).with_suffix("").as_posix()  # <lang>/LC_MESSAGES/…
            if str(mo) in gettext.find(domain, str(locale_dir), [app.config.language], all=True):
                found.append(mo)
    return found


def compiled_catalogues_from_their_sources(app: Sphinx) -> None:
    """Refuse a ``.mo`` without its ``.po`` or in another language's folder; compile every ``.po`` the build
    uses, as its header says to read it."""
    refused = []
    own = set(_folders(app))
    for mo in _gettext_reads(app):
        if not any(folder in mo.parents for folder in own):
            refused.append((mo, f"gettext reads it for {app.config.language} before the language's own folder"))
        elif not mo.with_suffix(".po").is_file():
            refused.append((mo, "compiled catalogue without its .po: the build would use it unchecked"))
    for mo, reason in refused:
        logger.error("%s; delete it", reason, location=f"{shown(mo)}:0")
    if refused:
        logger.error("refusing to build %s: %d .mo file(s) not compiled from a checked .po",
                     app.config.language, len(refused))  # fmt: skip
        raise SystemExit(1)
    for po in find_catalogues(own):
        mo = po.with_suffix(".mo")
        expected = _compiled(po, app.config.language, app.config.gettext_allow_fuzzy_translations)
        if not mo.is_file() or mo.read_bytes() != expected:
            # Written after the .po, so Sphinx finds it up to date and does not compile it its own way.
            write_bytes_atomic(mo, expected, mode=0o644)


def check_catalogues(app: Sphinx) -> None:
    unsafe = []
    for path in find_catalogues(_folders(app)):
        try:
            fuzzy = bool(app.config.gettext_allow_fuzzy_translations)  # then Sphinx uses fuzzy entries too
            unsafe += [f for f in check_catalogue(path, ("unsafe",), fuzzy=fuzzy) if not f.suppressed]
        except CatalogueError as error:
            logger.error("%s", error)
            raise SystemExit(1) from None
    if not unsafe:
        return
    for finding in unsafe:
        logger.error("[unsafe] %s", finding.message, location=f"{shown(finding.path)}:{finding.line}")
    logger.error(
        "refusing to build %s: %d translated message(s) would put markup into the pages that the English "
        "does not have; nothing was written",
        app.config.language,
        len(unsafe),
    )
    raise SystemExit(1)


def guard_catalogues(app: Sphinx, config: Config) -> None:
    if not translated_build(config):
        return
    check_catalogues(app)  # first: a .mo is compiled only from a .po that passed
    compiled_catalogues_from_their_sources(app)
    # Sphinx loaded sphinx.mo (the interface strings) before any extension ran, and what it read then may not
    # be what is there now even when this process wrote nothing: the HTML and PDF builds of a language start
    # together, so the file may have been planted, or half written by the other's Sphinx, and replaced by the
    # other's guard since. Load it again, past the cache of Python's gettext, which keeps every .mo by path.
    for key in [k for k in gettext._translations if Path(k[1]).name == "sphinx.mo"]:
        del gettext._translations[key]
    sphinx_locale.translators.pop(("general", "sphinx"), None)
    app._init_i18n()


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.content_model")
    # Before any other handler: nothing is prepared for a build that will not happen.
    app.connect("config-inited", guard_catalogues, priority=1)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
