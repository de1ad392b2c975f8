"""The PDF is drawn with the publication's fonts only, on every machine.

WeasyPrint finds fonts through fontconfig, which also offers every font installed on the system: a character
the shipped fonts lack would quietly come from one of those (a full Noto Sans CJK SC on one machine, DejaVu on
another), or pass under the name of a shipped family, and two machines would make different PDFs. While a
page is rendered, ``FONTCONFIG_FILE`` names ``pdf_theme/fonts.conf``, a configuration with no font folder:
WeasyPrint creates its fontconfig configuration for each document, after this is set, and adds the
stylesheet's ``@font-face`` files to it. A character outside them is then drawn as ``.notdef``, which
``tools/pdfcheck.py`` reports by name.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

FONTS_CONF = Path(__file__).parent / "pdf_theme" / "fonts.conf"


@contextlib.contextmanager
def only_the_publication_fonts() -> Iterator[None]:
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = before
