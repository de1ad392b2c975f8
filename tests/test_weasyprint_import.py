"""WeasyPrint's import without the library lookup (``tools.weasyprint_import``): no program run, the same
libraries opened, and WeasyPrint's own lookup when a library is found only by it. Each case runs in a fresh
interpreter, since a process imports WeasyPrint once."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tools.weasyprint_import import import_weasyprint  # noqa: F401 - fails here if the module does not import

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lookup is skipped on Linux only")

# Prints what was run while WeasyPrint was imported, the files of the libraries it opened and a rendered PDF's
# first bytes.
PROBE = """
import json, subprocess, sys
started = []
popen_init = subprocess.Popen.__init__
def counting(self, args, *rest, **options):
    started.append(args[0] if isinstance(args, (list, tuple)) else args)
    popen_init(self, args, *rest, **options)
subprocess.Popen.__init__ = counting
{prelude}
from tools.weasyprint_import import import_weasyprint
import_weasyprint()
from weasyprint import HTML
from weasyprint.text import ffi
names = ("gobject", "pango", "harfbuzz", "fontconfig", "pangoft2")
opened = {{name: getattr(ffi, name) is not None for name in names}}
started_then = list(started)
pdf = HTML(string="<p>Égalité</p>").write_pdf()
print(json.dumps({{"started": started_then, "opened": opened, "pdf": pdf.startswith(b"%PDF-")}}))
"""

# As though this system's Pango had another file name: the dynamic linker cannot open libpango-1.0.so.0
# directly, but the lookup of "pango-1.0" finds it.
ANOTHER_PANGO_NAME = """
import cffi.api
load = cffi.api._load_backend_lib
def refusing(backend, name, flags):
    if name == "libpango-1.0.so.0":
        raise OSError("no such file under this name")
    return load(backend, name, flags)
cffi.api._load_backend_lib = refusing
"""


def probe(prelude: str = "") -> tuple[dict, str]:
    """What PROBE printed, and anything else on standard output."""
    code = textwrap.dedent(PROBE.format(prelude=prelude))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *before, last = done.stdout.strip().splitlines()
    return json.loads(last), "\n".join(before)


def test_the_import_runs_no_program_and_opens_every_library() -> None:
    found, printed = probe()
    assert found == {"started": [], "opened": dict.fromkeys(found["opened"], True), "pdf": True}
    assert printed == ""


def test_a_library_only_the_lookup_finds_is_found_by_weasyprint_s_own_import() -> None:
    found, printed = probe(ANOTHER_PANGO_NAME)
    assert found["opened"]["pango"] and found["pdf"], found
    assert {"/sbin/ldconfig", "ldconfig"} & set(found["started"]), found  # WeasyPrint's own lookup ran
    assert printed == ""  # not the installation hint WeasyPrint printed on the first attempt
