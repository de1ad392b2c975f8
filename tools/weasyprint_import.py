"""Import WeasyPrint without the library lookup that made its import 0.17 s slower on Linux.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject with cffi, trying several names for each: first
the Windows and generic ones (``libgobject-2.0-0``, ``gobject-2.0``), then the Linux file name
(``libgobject-2.0.so.0``). cffi hands each name the dynamic linker cannot open to
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p``, then ``gcc`` and ``ld`` (about 20 runs in
all: 0.17 s of the 0.58 s import, measured on the build's 2-core machine). The Linux file names are in every
list, and the dynamic linker opens them itself from its own search path, so the first import is tried with
that lookup answering "not found" at once. If a library WeasyPrint needs is found only by the lookup, that
attempt fails, and WeasyPrint is imported again as it imports itself.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys


def import_weasyprint() -> None:
    """Import ``weasyprint`` (and the libraries it opens), once per process."""
    if "weasyprint" not in sys.modules and sys.platform.startswith("linux"):
        lookup = ctypes.util.find_library
        ctypes.util.find_library = _not_found
        try:
            # WeasyPrint prints an installation hint before it fails to open a library: not news here.
            with contextlib.redirect_stdout(io.StringIO()):
                import weasyprint
        except OSError:
            pass  # Python took the modules that failed out of sys.modules: the import below runs them again
        finally:
            ctypes.util.find_library = lookup
    import weasyprint  # noqa: F401


def _not_found(_name: str) -> None:
    return None
