"""The positive model of translated content: a translation holds only what its English message holds.

Sphinx's ``Locale`` transform (priority 20) parses each msgstr with MyST and puts the result in place of the
English content. Whatever MyST makes of a msgstr then reaches readers: raw HTML, a link to ``../.git/config``
that Sphinx copies into ``_downloads/``, a ``{math}`` role that makes the page load MathJax from a CDN. So:

- ``RecordEnglish`` (priority 19, before ``Locale``) records, for each translatable node, the constructs of
  its English content: every element's class and its significant attributes (link and download targets,
  image URIs, role domain and type, the text of raw and math nodes). The allow-list comes from the English
  document itself, never from a catalogue.
- While ``Locale`` parses the msgstrs, no directive runs: a directive in a msgstr (``{include}``,
  ``{literalinclude}``, ``{raw}`` with a file) would read files at parse time, before any check could see its
  output, and no English message (a paragraph, a title) can hold one.
- ``CompareTranslated`` (priority 21, before references are resolved and files collected) compares each
  translated node with its record. A construct the English lacks (links may point to their declared
  counterpart, ``locale/links.toml``), or a target outside the source tree whatever the English says, is
  removed from the document, so nothing is written even with ``--keep-going``, and reported at the
  catalogue entry's ``file:line``; the build then exits non-zero.

The checker (``python -m tools check``, check ``unsafe``) applies the same rule to the msgid and msgstr.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform

# The function Locale parses each msgstr with: the model must see exactly what Locale will put in.
from sphinx.transforms.i18n import _publish_msgstr, parse_noqa
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from tools.catalogues import CatalogueError, load
from tools.links import declared_counterparts
from tools.output import shown
from tools.roles import Kind, names_file
from tools.roles import kind as role_kind

logger = logging.getLogger(__name__)

# Attributes that say nothing a reader's browser acts on: identifiers, classes, where the node came from, and
# text the writers escape (a link's title, an image's alt text, a meta's content, an abbreviation's expansion).
_INSIGNIFICANT = frozenset(
    {
        "ids", "names", "dupnames", "backrefs", "classes", "source", "translated", "rawsource", "refexplicit",
        "refdoc", "reftitle", "title", "alt", "content", "refwarn", "xml:space", "translatable", "original_uri",
        "explanation",
    }
)  # fmt: skip
# Nodes whose text is what the browser receives as code, not as escaped text.
_TEXT_MATTERS = (nodes.raw, nodes.math, nodes.math_block)
# A target that names a resource on the web rather than a file; anything else is resolved against the sources.
_WEB = re.compile(r"(?:https?|mailto|ftp):", re.IGNORECASE)
_TARGETS = (("reference", "refuri"), ("pending_xref", "reftarget"), ("download_reference", "reftarget"))
_ENGLISH = "_publication_english"
_REFUSED = "publication_refused"  # env attribute: docname -> number of constructs removed

Construct = tuple[str, tuple[tuple[str, Any], ...]]


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def construct(node: nodes.Element) -> Construct:
    """What a node is to the browser: its class and its significant attributes."""
    attributes = {k: _frozen(v) for k, v in node.attributes.items() if k not in _INSIGNIFICANT and v not in (None, "")}
    if (
        isinstance(node, addnodes.pending_xref)
        and role_kind(f"{node.get('refdomain')}:{node.get('reftype')}") is Kind.TERM
    ):
        # A glossary entry is translated with its document: the translation names it as the translated
        # glossary does. Sphinx resolves the name to an anchor of the page, or warns that no entry has it.
        attributes.pop("reftarget", None)
    if isinstance(node, _TEXT_MATTERS):
        attributes["text"] = node.astext()
    return type(node).__name__, tuple(sorted(attributes.items()))


def constructs(node: nodes.Element) -> list[tuple[nodes.Element, Construct]]:
    """Each element inside ``node`` with its construct; ``node`` itself too when it is an image (its URI)."""
    found = [(node, construct(node))] if isinstance(node, nodes.image) else []
    found += [(e, construct(e)) for e in node.findall(nodes.Element, include_self=False)]
    return found


def with_counterparts(allowed: set[Construct], links: Mapping[str, frozenset[str]]) -> set[Construct]:
    """The English constructs, and each link of them pointing to a declared counterpart instead."""
    extra = set()
    for name, attributes in allowed:
        for kind, key in _TARGETS:
            values = dict(attributes)
            for local in links.get(values.get(key), ()) if name == kind else ():
                extra.add((name, tuple(sorted({**values, key: local}.items()))))
    return allowed | extra


def describe(item: Construct) -> str:
    name, attributes = item
    values = dict(attributes)
    detail = next((values[key] for kind, key in _TARGETS if kind == name and key in values), None)
    detail = detail or values.get("uri") or values.get("text") or values.get("reftype")
    return f"{name} {str(detail)[:60]!r}" if detail else name


def outside_sources(env: BuildEnvironment, docname: str, target: str) -> bool:
    """True when ``target`` names a file outside the source tree, or a scheme that is not the web's."""
    target = re.sub(r"[\x00-\x20\x7f]", "", target)
    if not target or target.startswith("#") or _WEB.match(target):
        return False
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
        return True  # javascript:, data:, file:… : nothing a translation may point to
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return False
    if path.startswith(("/", "\\")) or os.path.isabs(path):
        return True  # Sphinx reads "/x" from the source root; an absolute path is never what the English meant
    srcdir = Path(env.srcdir).resolve()
    _, absolute = env.relfn2path(path, docname)
    return not Path(absolute).resolve().is_relative_to(srcdir)


def _targets(node: nodes.Element) -> Iterable[str]:
    """What a node may name as a file: a cross-reference's target only if its role names files (tools/roles.py),
    not a label (``{ref}`roles <sphinx:rst-roles>```) or a glossary term."""
    role = f"{node.get('refdomain') or ''}:{node.get('reftype') or ''}".lstrip(":")
    label = isinstance(node, addnodes.pending_xref) and not names_file(role)
    for key in ("refuri", "reftarget", "uri"):
        if isinstance(node.get(key), str) and not (label and key == "reftarget"):
            yield node[key]


# -- where a message comes from --------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _entries(path: Path, mtime: float) -> dict[str, int]:
    try:
        return {entry.msgid: entry.linenum for entry in load(path) if not entry.obsolete}
    except CatalogueError:
        return {}


def catalogue_location(app_srcdir: str, config: Any, docname: str, msg: str) -> str | None:
    """``catalogue:line`` of the entry that translates ``msg`` for this document, as Locale finds it."""
    domain = docname_to_domain(docname, config.gettext_compact)
    for folder in config.locale_dirs:
        path = Path(app_srcdir, folder, config.language, "LC_MESSAGES", f"{domain}.po").resolve()
        if path.is_file():
            line = _entries(path, path.stat().st_mtime).get(msg)
            if line:
                return f"{shown(path)}:{line}"
    return None


# -- the transforms ----------------------------------------------------------------------------------------------


def _refuse_directive(name: str, _language: Any, document: nodes.document) -> tuple[None, list[nodes.system_message]]:
    return None, [document.reporter.error(f"a directive ({name}) in a translated message is not run")]


class RecordEnglish(SphinxTransform):
    """Before Locale: record each translatable node's English constructs; stop directives from running."""

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        if not translated_build(self.config):
            return
        english: dict[int, Record] = {}
        for node, msg in extract_messages(self.document):
            if id(node) in english:
                english[id(node)].messages.append(msg)
            else:
                english[id(node)] = Record(node, [msg], {c for _, c in constructs(node)}, node.deepcopy().children)
        setattr(self.document, _ENGLISH, (english, directives.directive))
        # Until CompareTranslated: Locale parses the msgstrs, and a directive would read files as it is parsed.
        directives.directive = _refuse_directive
        self._shapes(english)

    def _shapes(self, english: dict[int, Record]) -> None:
        """Parse each paragraph's msgstr as Locale will, and note those that are not one paragraph: Locale puts
        some of them in as text (an HTML block), drops others silently (a heading, a second paragraph)."""
        merged = self._catalogue()
        for record in english.values():
            if not isinstance(record.node, nodes.paragraph) or len(record.messages) != 1:
                continue
            msgstr = parse_noqa(merged.get(record.messages[0], ""))[0]
            if not msgstr.strip() or msgstr == record.messages[0]:
                continue
            patch = _publish_msgstr(
                msgstr, self.document["source"], record.node.line or 0,
                config=self.config, env=self.env, registry=self.env._registry, settings=self.document.settings,
            )  # fmt: skip
            top = patch.parent.children if patch.parent is not None else [patch]
            if not isinstance(patch, nodes.paragraph) or len(top) != 1:
                record.shape = " and ".join(sorted({type(n).__name__ for n in top})) or "nothing"

    def _catalogue(self) -> dict[str, str]:
        """The messages Locale will look up for this document: the same catalogue, loaded the same way."""
        domain = docname_to_domain(self.env.current_document.docname, self.config.gettext_compact)
        dirs = [Path(self.env.srcdir, d) for d in self.config.locale_dirs]
        catalogue, found = init_locale(dirs, self.config.language, domain)
        merged: dict[str, str] = {}
        chain = []
        while found and catalogue is not None:
            chain.append(getattr(catalogue, "_catalog", None) or {})
            catalogue = getattr(catalogue, "_fallback", None)
        for part in reversed(chain):
            merged |= {k: v for k, v in part.items() if isinstance(k, str) and isinstance(v, str)}
        return merged


@dataclass
class Record:
    """A translatable node and what its English content was."""

    node: nodes.Element
    messages: list[str]
    allowed: set[Construct]
    children: list[nodes.Node]
    shape: str = ""  # what MyST makes of the msgstr, when that is not one paragraph


class CompareTranslated(SphinxTransform):
    """After Locale: remove and report whatever a translation holds that its English message does not."""

    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        recorded = getattr(self.document, _ENGLISH, None)
        if recorded is None:
            return
        english, lookup = recorded
        directives.directive = lookup
        delattr(self.document, _ENGLISH)
        docname = self.env.current_document.docname
        links = declared_counterparts(Path(self.env.srcdir, self.config.locale_dirs[0]))
        refused = 0
        for record in english.values():
            node = record.node
            if record.shape:
                logger.error(
                    "[unsafe] translation refused: its English message is one paragraph, MyST reads the "
                    "translation as %s; the English is kept",
                    record.shape,
                    location=self._where(record),
                )
                self._restore(record)
                refused += 1
                continue
            if not node.get("translated"):
                continue
            allowed = with_counterparts(record.allowed, links)
            removed: list[nodes.Element] = []
            for element, item in constructs(node):
                if any(_inside(element, r) for r in removed):
                    continue
                if item not in allowed:
                    reason = f"{describe(item)} is not in its English message"
                elif any(outside_sources(self.env, docname, t) for t in _targets(element)):
                    reason = f"{describe(item)} names a file outside the source tree"
                else:
                    continue
                logger.error("[unsafe] translated message removed: %s", reason, location=self._where(record))
                removed.append(element)
            for element in removed:
                if element is node:
                    element["uri"] = ""
                elif element.parent is not None:
                    element.parent.remove(element)
            refused += len(removed)
        if refused:
            counts = getattr(self.env, _REFUSED, {})
            counts[docname] = counts.get(docname, 0) + refused
            setattr(self.env, _REFUSED, counts)

    def _restore(self, record: Record) -> None:
        for child in record.children:
            child.parent = record.node
        record.node.children = list(record.children)
        record.node["translated"] = False

    def _where(self, record: Record) -> Any:
        docname = self.env.current_document.docname
        for msg in record.messages:
            location = catalogue_location(self.env.srcdir, self.config, docname, msg)
            if location:
                return location
        return record.node


def _inside(node: nodes.Node, ancestor: nodes.Node) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def translated_build(config: Any) -> bool:
    return bool(config.language) and config.language != config.publication_source_language


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, _REFUSED, {}).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    counts = getattr(env, _REFUSED, {})
    counts.update({d: n for d, n in getattr(other, _REFUSED, {}).items() if d in docnames})
    setattr(env, _REFUSED, counts)


def _fail_build(app: Sphinx, exception: Exception | None) -> None:
    counts = getattr(app.env, _REFUSED, {}) if app.env else {}
    if counts:
        logger.error(
            "%d construct(s) of translated messages were not in their English message and were removed; "
            "fix the catalogue entries above",
            sum(counts.values()),
        )
        app.statuscode = 1


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.publication_languages")
    app.setup_extension("myst_parser")  # the parser of the msgstrs whose output this model judges
    app.add_transform(RecordEnglish)
    app.add_transform(CompareTranslated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _fail_build)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
