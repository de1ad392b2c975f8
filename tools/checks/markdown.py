"""What a message's Markdown contains, as MyST itself parses it.

The msgid and the msgstr are parsed by markdown-it-py configured as myst-parser configures it, so a link, a
role or a code span is recognised exactly when the build will recognise it: no regular expression guesses at
Markdown here. The checks compare what this module finds in the two; the build's content model uses it too.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from tools.myst import MYST_EXTENSIONS
from tools.roles import Kind, kind, known

# Characters without which a text holds no Markdown construct worth parsing (a cheap test, exact enough:
# every construct below starts with one of them).
_MARKUP_CHARS = re.compile(r"[\[`*_<{&\\~\t\r]|^\s*(?:[#>|:+%(=-]|\d+[.)])|\n")
# A scheme starts a URL or follows what cannot end one: "metadata:" and French "big data :" are words.
DANGEROUS_URL = re.compile(r"(?<![a-z0-9+.-])(?:(?:java|vb)script|data)\s*:", re.IGNORECASE)
INVISIBLE_IN_URL = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    # The build's own MyST extensions, from the constant docs/conf.py uses: a construct is recognised here
    # exactly when the build recognises it (an extension on one side only would let a message mean one thing
    # to the checker and another to readers).
    config = MdParserConfig(enable_extensions=set(MYST_EXTENSIONS))
    md = create_md_parser(config, RendererHTML)
    md.disable("wordcount", ignoreInvalid=True)  # myst's word count of the whole document: not needed here
    return md


@dataclass
class Markup:
    """The constructs of one message, in the order they appear."""

    text: str = ""  # what a reader reads: the text tokens joined, markup removed
    links: list[str] = field(default_factory=list)
    autolinks: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    substitutions: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    emphasis: Counter[str] = field(default_factory=Counter)
    html: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # fences, directives, code blocks, headings, tables…
    paragraphs: int = 0  # top-level paragraphs, as MyST reads the message

    @property
    def literals(self) -> Counter[str]:
        """What must be copied unchanged: code spans, roles, substitutions, footnote references, each under the
        key ``literal_forms`` shows it by. Of a role, what the role table (``tools/roles.py``) says stays: all of
        ``{code}`…```; the name and target of ``{ref}`title <target>```, whose title is text (``{ref}`target```
        with or without one); only the name of a role whose content is text (``{abbr}``, ``{term}``). A role the
        table does not know is left to the ``roles`` check."""
        return Counter(key for key, _shown in self._literals())

    @property
    def literal_forms(self) -> dict[str, str]:
        """Each key of ``literals`` as this message writes it: ``{ref}`… <terms>``` for a titled reference."""
        return dict(self._literals())

    def _literals(self) -> list[tuple[str, str]]:
        roles = [(key, shown) for role in self.roles if known(role_name(role)) for key, shown in [_role_literal(role)]]
        return (
            [(f"`{c}`", f"`{c}`") for c in self.code]
            + roles
            + [(f"{{{{{s}}}}}",) * 2 for s in self.substitutions]
            + [(f"[^{f}]",) * 2 for f in self.footnotes]
        )

    @property
    def unknown_roles(self) -> Counter[str]:
        """The roles the role table does not know, as though each were a cross-reference: name and target."""
        return Counter(_titled(role) for role in self.roles if not known(role_name(role)))


_DOCUMENT_SUFFIXES = (".md", ".rst", ".ipynb")


def _same_file(href: str) -> str:
    """A relative link to a document as the document it names: ``./x.md#a`` and ``x.md#a`` are one target to
    MyST, which resolves both to the document. A link to another file keeps its path as written, as MyST keeps
    it in the download it makes."""
    if not href or href.startswith(("#", "/")) or _SCHEME.match(href):
        return href
    cut = min((i for i in (href.find("#"), href.find("?")) if i >= 0), default=len(href))
    if not href[:cut].endswith(_DOCUMENT_SUFFIXES):
        return href
    path = posixpath.normpath(href[:cut])
    return ("" if path == "." else path) + href[cut:]


def _walk_inline(tokens: list[Token], found: Markup, text: list[str]) -> None:
    in_autolink = False
    for token in tokens:
        kind = token.type
        if kind == "text":
            if not in_autolink:
                text.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            text.append("\n")
        elif kind == "link_open":
            href = _same_file(str(token.attrs.get("href", "")))
            if token.info == "auto":  # markdown-it's mark of an autolink, <…> or linkified
                found.autolinks.append(href)
                in_autolink = True
            else:
                found.links.append(href)
        elif kind == "link_close":
            in_autolink = False
        elif kind == "image":
            found.images.append(str(token.attrs.get("src", "")))
            _walk_inline(token.children or [], found, text)
        elif kind == "code_inline":
            found.code.append(token.content)
            text.append(token.content)
        elif kind == "myst_role":
            found.roles.append(f"{{{token.meta.get('name', '')}}}`{token.content}`")
        elif kind == "substitution_inline":
            found.substitutions.append(token.content.strip())
        elif kind == "footnote_ref":
            found.footnotes.append(str(token.meta.get("label", "")))
        elif kind in ("em_open", "strong_open", "s_open"):
            found.emphasis[kind[:-5]] += 1
        elif kind == "html_inline":
            found.html.append(token.content)


# A one-line message that starts with none of these is a paragraph: its inline parse is all there is.
# Deliberately wide (a "(" or a "1." may start a plain sentence): a false start only costs a block parse, and a
# missed one would hide a list, a rule, a comment or a target (``(x)=``) that MyST makes of the message.
_BLOCK_START = re.compile(r"[ \t]*(?:[#>|\[%(=+*_~:-]|\d+[.)]|```)|\t| {4}")
# Block tokens of MyST that are not an *_open: each makes the message something other than one paragraph.
_LONE_BLOCKS = frozenset({"hr", "myst_line_comment", "myst_block_break", "myst_target", "front_matter"})


def _analyse(message: str) -> Markup:
    """Parse one message as MyST would."""
    found = Markup()
    if not _MARKUP_CHARS.search(message):
        found.text = message
        found.paragraphs = 1 if message.strip() else 0
        return found
    message = message.replace("\r\n", "\n").replace("\r", "\n")  # as markdown-it reads line ends
    text: list[str] = []
    if "\n" not in message and not _BLOCK_START.match(message):
        _walk_inline(parser().parseInline(message)[0].children or [], found, text)
        found.text = "".join(text).strip()
        found.paragraphs = 1 if message.strip() else 0
        return found
    for token in parser().parse(message):
        if token.type == "paragraph_open" and token.level == 0:
            found.paragraphs += 1
        if token.type in _LONE_BLOCKS:
            found.blocks.append(token.type)
        elif token.type == "inline":
            _walk_inline(token.children or [], found, text)
        elif token.type == "html_block":
            found.html.append(token.content.strip())
        elif token.type in ("fence", "code_block", "math_block", "colon_fence"):
            found.blocks.append(f"{token.type} {token.info}".strip())
        elif token.type.endswith("_open") and token.type not in ("paragraph_open",):
            # Block structure: headings, lists, quotes, tables… A message is one paragraph of the source.
            found.blocks.append(token.type[:-5])
        elif token.type == "paragraph_close":
            text.append("\n\n")
    found.text = "".join(text).strip()
    return found


# A role's target, when it has one: {download}`text <target>`, {doc}`target`.
_ROLE = re.compile(r"\{(?P<name>[^}]*)\}`(?P<content>.*)`$", re.DOTALL)
_ROLE_TARGET = re.compile(r"<([^<>]*)>\s*$")
_WEB = re.compile(r"(?:https?|mailto|ftp):", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_MYST_PATH = re.compile(r"(?:project|path):", re.IGNORECASE)


def role_name(role: str) -> str:
    match = _ROLE.match(role)
    return match.group("name") if match else ""


def role_kind(role: str) -> Kind | None:
    """The kind of a role written ``{name}`content```, as the role table says; None if it does not know it."""
    return kind(role_name(role))


def term_names(roles: list[str]) -> list[str]:
    """The glossary entries the ``{term}`` roles among ``roles`` name: the target of ``{term}`text <name>```,
    else the whole content."""
    named = []
    for role in roles:
        match = _ROLE.match(role)
        if match is not None and role_kind(role) is Kind.TERM:
            named.append(role_target(role) or match.group("content"))
    return named


def _role_literal(role: str) -> tuple[str, str]:
    """A known role as the literals check compares it, and as it shows it."""
    if role_kind(role) in (Kind.TEXT, Kind.TERM):
        shown = f"{{{role_name(role)}}}`…`"
        return shown, shown
    return _role(role), _titled(role)


def _titled(role: str) -> str:
    """A role as the literals check compares it: ``{ref}`… <target>``` when its title is the translator's."""
    match, target = _ROLE.match(role), role_target(role)
    return role if match is None or target is None else f"{{{match.group('name')}}}`… <{target}>`"


def role_target(role: str) -> str | None:
    """The target of a role written ``{name}`text <target>```, if it is written so."""
    match = _ROLE.match(role)
    target = _ROLE_TARGET.search(match.group("content")) if match else None
    return target.group(1).strip() if target else None


def _role(role: str) -> str:
    """What the build keeps of a role: all of it if it is verbatim; its name and target, or else its whole
    content, if it is a cross-reference (or unknown); only its name if its content is text."""
    match = _ROLE.match(role)
    if match is None:  # not written {name}`content`: what MyST made of it is kept whole
        return f"{{{role}}}``"
    found, name, target = role_kind(role), match.group("name"), role_target(role)
    if found in (Kind.TEXT, Kind.TERM):
        return f"{{{name}}}"
    if found is Kind.VERBATIM or target is None:
        return role
    return f"{{{name}}}`{target}`"


def constructs(found: Markup) -> set[tuple[str, str]]:
    """What a message holds that the build turns into document nodes, as the build's content model sees it:
    each link, image, role and footnote with its target; raw HTML with its text; code and emphasis."""
    items = {("link", url) for url in found.links + found.autolinks}
    items |= {("image", src) for src in found.images}
    items |= {("role", _role(role)) for role in found.roles}
    items |= {("footnote", label) for label in found.footnotes}
    items |= {("substitution", name) for name in found.substitutions}
    items |= {("html", html) for html in found.html}
    items |= {("block", block) for block in found.blocks}
    items |= {("code", "")} if found.code else set()
    items |= {(kind, "") for kind, count in found.emphasis.items() if count}
    return items


def outside_sources(target: str, folder: str = "", english: Collection[str] = (), myst: bool = True) -> bool:
    """A target that names a file outside the source tree (``../`` past its top, from the document's ``folder``;
    an absolute path) or a scheme not the web's.

    A link's target (``myst``) is read as MyST reads it: ``inv:`` names an entry of an inventory, never a file;
    ``project:`` and ``path:`` name a path of the project, ``/`` its top. A scheme the English message writes
    the same target with (one of the project's ``myst_url_schemes``, such as ``wiki:``) is that scheme's URL.
    A role's target has none of these: a scheme there is outside."""
    target = INVISIBLE_IN_URL.sub("", target)
    if _WEB.match(target) or (myst and target[:4].lower() == "inv:"):  # an empty target or an anchor: not outside
        return False
    link, myst = myst, _MYST_PATH.match(target) if myst else None
    if myst is None and _SCHEME.match(target):
        return not link or target[:5].lower() == "file:" or target not in english
    path = unquote((target[myst.end() :] if myst else target).split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    if myst and path.startswith("/"):
        path, folder = path.lstrip("/"), ""
    return path.startswith("/") or posixpath.normpath(posixpath.join(folder, path)).split("/")[0] == ".."


# Cached: the result is shared, do not change it. (Wrapped here rather than decorated, so that a mutation
# tool, which leaves decorated functions alone, reaches the parser's body.)
analyse = lru_cache(maxsize=8192)(_analyse)
