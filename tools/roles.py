"""What each MyST/Sphinx role holds: which part is a target that a translation keeps, which part is text for the
translator. One table, read by the checks (``literals``, ``roles``, ``unsafe``) and by the build's content
model (``tools/sphinxext/content_model.py``).

- ``VERBATIM``: the whole content is copied unchanged: code, maths, a file name, a command.
- ``TARGET``: the content is a target (a label, a document, a file, an object), copied unchanged; written
  ``title <target>``, its title is text. Sphinx's cross-references and the roles of its domains.
- ``TERM``: ``{term}`` names an entry of the glossary, which is translated with the document: the
  translation names the entry as the translated glossary does (``{term}`Стандартизированный индекс``).
- ``TEXT``: the content is text for the translator: an abbreviation and its expansion, a label of an
  interface, a subscript.

A role the table does not know (one of an extension) is taken to be a ``TARGET``, and the ``roles`` check
warns about it rather than failing the run.

Of the targets, only those of ``{doc}``, ``{download}`` and ``{any}`` (and of unknown roles) name files; the
others are labels (``{ref}`roles <sphinx:rst-roles>``` names an inventory's label, not a path), which no rule
on files applies to.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Kind(StrEnum):
    VERBATIM = "verbatim"
    TARGET = "target"
    TERM = "term"
    TEXT = "text"


_TABLE: dict[Kind, tuple[str, ...]] = {
    Kind.VERBATIM: (
        "code", "math", "literal", "samp", "file", "command", "program", "regexp", "mimetype", "makevar",
        "mailheader", "manpage", "newsgroup", "raw",
    ),
    Kind.TARGET: (
        "ref", "doc", "download", "numref", "any", "keyword", "option", "envvar", "token", "confval", "eq",
        "pep", "rfc", "cite", "footcite", "sub-ref", "external",
        # The Python domain's roles, which Sphinx also knows without their domain.
        "mod", "func", "data", "const", "class", "meth", "attr", "type", "exc", "obj",
    ),
    Kind.TERM: ("term",),
    Kind.TEXT: (
        "abbr", "dfn", "guilabel", "menuselection", "kbd", "sub", "subscript", "sup", "superscript", "emphasis",
        "strong", "title-reference", "t",
    ),
}  # fmt: skip
ROLES: dict[str, Kind] = {name: kind for kind, names in _TABLE.items() for name in names}
# Domains whose roles are all cross-references to their objects: {py:func}, {c:macro}, {std:ref}…
_TARGET_DOMAINS = frozenset({"py", "c", "cpp", "js", "rst", "std", "math"})
_NAME = re.compile(r"(?:(?P<domain>[\w-]+):)?(?P<name>[\w+-]+)")


def kind(name: str) -> Kind | None:
    """What the role ``name`` (``ref``, ``py:func``, ``std:term``, ``external+inv:ref``) holds; None if the
    table does not know it."""
    if name.startswith("external"):  # intersphinx's {external:…} and {external+inventory:…}
        return Kind.TARGET
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    domain, bare = match.group("domain"), match.group("name")
    if domain is None or domain == "std":
        return ROLES.get(bare)
    if domain in _TARGET_DOMAINS:
        return Kind.TERM if bare == "term" else Kind.TARGET
    return None


# The cross-references whose target is a file of the sources.
_FILES = frozenset({"doc", "download", "any"})


def known(name: str) -> bool:
    return kind(name) is not None


def names_file(name: str) -> bool:
    """Whether the target of the role ``name`` may name a file: that of a ``{doc}``, a ``{download}``, an
    ``{any}`` or a role the table does not know; not a label, a term, code or text."""
    found = kind(name)
    if found is None:
        return True
    bare = name.rpartition(":")[2]
    return found is Kind.TARGET and bare in _FILES
