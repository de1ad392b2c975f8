"""The names of a glossary's entries in one language, from that language's catalogues.

Sphinx extracts each term of a ``{glossary}`` as a message of its own, and a translation's glossary defines
the translated name beside the English one; a ``{term}`` of a translation must name one of the two, or Sphinx
links it nowhere ("term not in glossary"). The catalogues of a language are the ``.po`` files under its
``LC_MESSAGES`` folder, read once per process and again only when one of them changes.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from tools.catalogues import CatalogueError, find_catalogues, read_catalogue

_LONGEST_NAME = 200  # a glossary term is a few words; longer messages are paragraphs, never a term
_SPACES = re.compile(r"\s+")


def normalized(name: str) -> str:
    """A term's name as Sphinx looks it up: lower case, each run of spaces one space."""
    return _SPACES.sub(" ", name).strip().casefold()


def entry_names(messages: Path) -> dict[str, str]:
    """For every short one-line message of the catalogues under ``messages`` (a language's ``LC_MESSAGES``),
    its normalized msgid and its translation ("" when it has none, or only a fuzzy one)."""
    paths = find_catalogues([messages])
    signature = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        signature.append((str(path), info.st_mtime_ns, info.st_size))
    return _entry_names(tuple(signature))


@lru_cache(maxsize=8)
def _entry_names(signature: tuple[tuple[str, int, int], ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for name, _mtime, _size in signature:
        try:
            catalogue = read_catalogue(Path(name))
        except CatalogueError:
            continue  # reported where it is checked
        for entry in catalogue.entries:
            if entry.msgid and len(entry.msgid) <= _LONGEST_NAME and "\n" not in entry.msgid:
                usable = not (entry.fuzzy or entry.untranslated) and entry.msgid_plural is None
                translation = entry.msgstrs[0].strip() if usable else ""
                key = normalized(entry.msgid)
                if not names.get(key):  # the first translation of a message written in several catalogues
                    names[key] = translation
    return names
