"""The injection guard: what a translated build reads from ``locale/`` is checked before Sphinx uses it.

myst-parser renders a msgstr as it renders the source, so whoever can edit a catalogue could put markup into
every page of a language. The build must not depend on someone having run ``python -m tools check``. So, in
every translated build, as soon as the configuration is read:

1. Every ``.mo`` file the build would use comes from its validated ``.po``: a ``.mo`` without its ``.po``
   stops the build (nobody could have checked it), and one that differs from what its ``.po`` compiles to
   (Sphinx recompiles only when the ``.po`` is newer) is compiled again, before any message is looked up.
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
import os
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from tools.catalogs import CatalogError, find_catalogs
from tools.checks import check_catalog
from tools.sphinxext.content_model import translated_build
from tools.stats_report import shown

logger = logging.getLogger(__name__)


def _folders(app: Sphinx) -> list[Path]:
    language = app.config.language
    return [Path(app.srcdir, d, language, "LC_MESSAGES").resolve() for d in app.config.locale_dirs if language]


def _compiled(po: Path, language: str, use_fuzzy: bool, encoding: str) -> bytes:
    """What Sphinx would compile ``po`` to (``sphinx.util.i18n.CatalogInfo.write_mo``)."""
    with po.open(encoding=encoding) as file:
        catalog = read_po(file, language)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy)
    return out.getvalue()


def _replace(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(temporary, 0o644)  # as Sphinx writes it; mkstemp makes it private
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def compiled_catalogues_from_their_sources(app: Sphinx) -> bool:
    """Refuse a ``.mo`` without its ``.po``; recompile one that is not its ``.po``. True if sphinx.mo changed."""
    orphans, interface_changed = [], False
    for folder in _folders(app):
        for mo in sorted(folder.rglob("*.mo")) if folder.is_dir() else []:
            po = mo.with_suffix(".po")
            if not po.is_file():
                orphans.append(mo)
                continue
            try:
                expected = _compiled(po, app.config.language, app.config.gettext_allow_fuzzy_translations,
                                     app.config.source_encoding)  # fmt: skip
            except Exception:  # Sphinx reports the unreadable .po itself; never use its old .mo
                mo.unlink(missing_ok=True)
                interface_changed |= mo.stem == "sphinx"
                continue
            if mo.read_bytes() != expected:
                _replace(mo, expected)
                interface_changed |= mo.stem == "sphinx"
    for mo in orphans:
        logger.error(
            "compiled catalogue without its .po: the build would use it unchecked; delete it or add its .po",
            location=f"{shown(mo)}:0",
        )
    if orphans:
        logger.error("refusing to build %s: %d .mo file(s) without a .po", app.config.language, len(orphans))
        raise SystemExit(1)
    return interface_changed


def check_catalogues(app: Sphinx) -> None:
    unsafe = []
    for path in find_catalogs(_folders(app)):
        try:
            unsafe += [f for f in check_catalog(path, ("unsafe",)) if not f.suppressed]
        except CatalogError as error:
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
    if compiled_catalogues_from_their_sources(app):
        # Sphinx loaded sphinx.mo (the interface strings) before any extension ran: load it again, past the
        # cache of Python's gettext, which keeps every .mo it parsed by path.
        for key in [k for k in gettext._translations if Path(k[1]).name == "sphinx.mo"]:
            del gettext._translations[key]
        sphinx_locale.translators.pop(("general", "sphinx"), None)
        app._init_i18n()


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.content_model")
    # Before any other handler: nothing is prepared for a build that will not happen.
    app.connect("config-inited", guard_catalogues, priority=1)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
