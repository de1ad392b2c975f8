"""Python's ``%`` placeholders and the HTML tags of an interface message (``%(percent)s``, ``<a href=…>``):
which a translation may use.

One definition for the template bridge, which shows the English instead of a translation that would not
format or changes the tags (``tools/sphinxext/interface.py``), and for the checks ``placeholders`` and
``unsafe``, which say so to the translator at the entry's line before a build does it silently.
"""

from __future__ import annotations

import re
from collections import Counter

# A tag as a browser reads one: not the inside of <<original entry>>, which is text, nor one a backslash escapes.
# Whatever it does not match is escaped, which is always safe.
HTML_TAG = re.compile(r"(?<![<\\])</?[A-Za-z][^<>]*>(?!>)")
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> Counter[str]:
    return Counter(match.group(0) for match in PLACEHOLDER.finditer(text) if match.group(0) != "%%")


def has_stray_percent(text: str) -> bool:
    return "%" in PLACEHOLDER.sub("", text)


def refusal(message: str, translated: str) -> str | None:
    """Why ``translated`` cannot stand for ``message`` in a page, or None: a placeholder the English has not
    (or in another form), or a ``%`` that is none. A placeholder may be left out (``%(n)s`` of a singular)."""
    if "%(" not in message and "%(" not in translated:
        return None  # not a formatted message: a % is a percent sign
    added = placeholders(translated) - placeholders(message)
    if added:
        english = ", ".join(sorted(placeholders(message))) or "none"
        return f"{', '.join(sorted(added))} is not a placeholder of the English ({english})"
    if has_stray_percent(translated):
        return "a '%' that is no placeholder: write '%%' for a percent sign"
    return None
