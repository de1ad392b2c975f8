"""The markup checks: links, literals, emphasis, and the content model (``unsafe``), each comparing what MyST
reads in the English message with what it reads in the translation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from tools.checks.markdown import (
    DANGEROUS_URL,
    INVISIBLE_IN_URL,
    Markup,
    constructs,
    outside_sources,
    role_name,
    role_target,
    term_names,
)
from tools.checks.pair import Pair
from tools.checks.registry import MessageCheck, Severity
from tools.checks.term_names import normalized
from tools.language_codes import base_language
from tools.python_format import HTML_TAG
from tools.roles import names_file


def _difference(source: Counter[str], translation: Counter[str]) -> tuple[list[str], list[str]]:
    missing = sorted((source - translation).elements())
    extra = sorted((translation - source).elements())
    return missing, extra


def _has_literals(markup: Markup) -> bool:
    return bool(markup.code or markup.roles or markup.substitutions or markup.footnotes)


class Links(MessageCheck, id="links", severity=Severity.ERROR, documents_only=True):
    """same links as the English, each to the same target or to its declared counterpart in the language"""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation, counterparts = pair.source_markup, pair.translation_markup, pair.counterparts
        if not (source.links or source.autolinks or translation.links or translation.autolinks):
            return
        expected = Counter(counterparts.get(url, url) for url in source.links + source.autolinks)
        accepted_english = Counter(source.links + source.autolinks)
        found = Counter(translation.links + translation.autolinks)
        if sum(found.values()) != sum(expected.values()):
            yield f"{sum(expected.values())} link(s) in the English, {sum(found.values())} in the translation"
        for url in sorted((found - expected).elements()):
            if accepted_english[url] and counterparts.get(url):
                yield f"link to {url} should point to this language's page, {counterparts[url]}"
            elif not accepted_english[url]:
                yield f"link to {url} is not in the English (expected {', '.join(sorted(expected)) or 'none'})"


# Inline code that is words for the reader, not code: a bracketed placeholder, a quoted phrase ('single
# quotes', an example of typography), or words that start with a capital (Project X); a command such as
# make html starts in lower case.
_PROSE = re.compile(
    r"^\[.*\]$|^['\"‘“][^'\"‘’“”]*\s[^'\"‘’“”]*['\"’”]$|^[A-Z][^=(){};$#@\\/\"'`]*\s[^=(){};$#@\\/\"'`]*$", re.DOTALL
)


_MARKDOWN_MARKS = re.compile(r"[~*_#>\[\]]+")
_NOT_MARKDOWN = re.compile(r"[=(){};$@\\/\"'<]")


def translated_code(source: Markup, translation: Markup) -> list[tuple[str, str]]:
    """The code spans that are placeholders in prose (`[description of project]`, `Project X`), which a
    translator wrote in the letters of their script: paired in order with the English ones, they are text for
    the reader. Code, which only Latin letters spell (`LinkDefinitions`), is not among them."""
    if len(source.code) != len(translation.code):
        return []
    pairs = zip(source.code, translation.code, strict=True)
    return [(e, t) for e, t in pairs if e != t and _words_for_the_reader(e, t) and _other_script(e, t)]


def _words_for_the_reader(english: str, translated: str) -> bool:
    """A placeholder in prose, or an example of Markdown whose words the translation wrote in its language
    (`~~strikethrough with *emphasis*~~`): the same delimiters around other words."""
    if _PROSE.match(english.strip()):
        return True
    marks = _MARKDOWN_MARKS.findall(english)
    return bool(marks) and marks == _MARKDOWN_MARKS.findall(translated) and not _NOT_MARKDOWN.search(english)


def _other_script(english: str, translated: str) -> bool:
    def foreign(text: str) -> bool:
        return any(char.isalpha() and ord(char) > 0x24F for char in text)

    return not foreign(english) and foreign(translated)


class Literals(MessageCheck, id="literals", severity=Severity.ERROR, documents_only=True):
    """inline code, MyST roles, substitutions and footnote references copied unchanged, in any order"""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source_markup, pair.translation_markup
        if not any(_has_literals(markup) for markup in (source, translation)):
            return
        translated = translated_code(source, translation)  # placeholders in prose, translated
        missing, extra = _difference(
            source.literals - Counter(f"`{e}`" for e, _ in translated),
            translation.literals - Counter(f"`{t}`" for _, t in translated),
        )
        for item in missing:
            shown = source.literal_forms[item]
            yield f"{shown} is missing: copy code, roles, substitutions and footnote references unchanged"
        for item in extra:
            yield f"{translation.literal_forms[item]} is not in the English"
        yield from _term_names(pair)


def _term_names(pair: Pair) -> Iterator[str]:
    """Each {term} of the translation names an entry of the glossary as this language's catalogues name it: its
    English name or its translation. Said only when every entry the English names is in those catalogues."""
    translated = term_names(pair.translation_markup.roles)
    if not translated or pair.entry_names is None:
        return
    names = pair.entry_names()
    english = [normalized(name) for name in term_names(pair.source_markup.roles)]
    if not english or any(name not in names for name in english):
        return
    allowed = {normalized(name) for english_name in english for name in (english_name, names[english_name]) if name}
    for name in translated:
        if normalized(name) not in allowed:
            expected = ", ".join(repr(names[e] or e) for e in dict.fromkeys(english))
            yield f"{{term}}`{name}` names no entry of the glossary in this language, which calls it {expected}"


class Roles(MessageCheck, id="roles", severity=Severity.WARNING, documents_only=True):
    """roles the role table does not know (an extension's) kept as cross-references are: name and target

    The table (``tools/roles.py``) says which part of each MyST and Sphinx role is a target and which is text; a
    role it does not know is taken to be a cross-reference, its target unchanged and a title
    (``title <target>``) free, and a difference is a warning, never an error."""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source_markup.unknown_roles, pair.translation_markup.unknown_roles
        if not (source or translation):
            return
        missing, extra = _difference(source, translation)
        for item in missing:
            yield f"{item} is missing; a role the role table does not know is taken to keep its name and target"
        for item in extra:
            yield f"{item} is not in the English; a role the role table does not know is taken to keep its target"


# Underscores a reader sees: _…_ that MyST did not read as emphasis (beside a letter, as in 项目_用户_和).
_UNDERSCORED = re.compile(r"_[^_\s][^_\n]*_")
_NO_ITALICS = frozenset({"zh", "ja", "ko", "yue"})
_STRAY = re.compile(r"(?<![\w*])\*+(?=\s|$)|(?:^|\s)\*+(?![\w*])")


class Emphasis(MessageCheck, id="emphasis", severity=Severity.WARNING, documents_only=True):
    """emphasis and strong emphasis kept where the English has them, and balanced"""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation = pair.source_markup, pair.translation_markup
        # Chinese, Japanese and Korean have no italics: a translation that drops *…* follows its typography.
        kinds = [("strong", "strong emphasis (**…**)")]
        if base_language(pair.language) not in _NO_ITALICS:
            kinds.insert(0, ("em", "emphasis (*…*)"))
        for kind, label in kinds:
            if source.emphasis[kind] and translation.emphasis[kind] < source.emphasis[kind]:
                counts = f"the English has {source.emphasis[kind]}, the translation {translation.emphasis[kind]}"
                yield f"{label} dropped: {counts}"
        # A marker left over is a pair that did not match up.
        if "*" in translation.text and _STRAY.search(translation.text) and not _STRAY.search(source.text):
            yield "unbalanced emphasis marker (*): a * or ** without its pair"
        left = _UNDERSCORED.search(translation.text)
        if left and source.emphasis["em"] + source.emphasis["strong"] and not _UNDERSCORED.search(source.text):
            yield (
                f"emphasis marker _ left as text ({left.group(0)[:40]}): MyST reads no _ beside a letter or digit "
                "as emphasis; write *…*"
            )


_LABELS = {
    "link": "link to {}", "image": "image {}", "role": "role {}", "footnote": "footnote reference [^{}]",
    "substitution": "substitution {{{{{}}}}}", "html": "raw HTML {}", "block": "{}: a directive, code block or "
    "other block markup", "code": "inline code", "em": "emphasis", "strong": "strong emphasis", "s": "strikethrough",
}  # fmt: skip


class Unsafe(MessageCheck, id="unsafe", severity=Severity.ERROR, suppressible=False):
    """only the constructs of its English message (links, images, roles, HTML, code, emphasis, blocks), links to
    their declared counterparts; nothing outside the source tree, no javascript:/vbscript:/data: URL

    The content model, as the build's guard applies it: links may point to a declared counterpart instead of
    the English target. An interface string (sphinx.po) is text to the templates, not MyST: only an HTML tag
    the English lacks is refused there. A translator cannot silence it."""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation, raw_source, raw_translation = (
            pair.source_markup, pair.translation_markup, pair.source, pair.translation
        )  # fmt: skip
        if pair.interface:
            yield from _interface_tags(raw_source, raw_translation)
            yield from _dangerous_urls(raw_source, raw_translation)
            return
        allowed = constructs(source)
        allowed |= {
            ("link", local) for kind, url in allowed if kind == "link" for local in pair.allowed_links.get(url, ())
        }
        for kind, value in sorted(constructs(translation) - allowed):
            shown = _LABELS[kind].format(repr(value[:60]) if kind in ("link", "image", "html") else value[:60])
            if kind == "html":
                yield f"{shown} is not in the English; a translation cannot add HTML"
            else:
                yield f"{shown} is not in the English message; a translation holds only what its English has"
        if source.paragraphs == 1 and translation.paragraphs != 1:
            # What the build's content model refuses too: its translated node is one paragraph.
            yield f"its English message is one paragraph; MyST reads the translation as {translation.paragraphs}"
        english = set(source.links + source.autolinks + source.images)
        links = [(url, True) for url in translation.links + translation.autolinks + translation.images]
        # Only a role whose target may be a file (tools/roles.py) names one: a label, a glossary entry's name
        # or an abbreviation's expansion names none, whatever it looks like. MyST's schemes are a link's.
        roles = [role for role in translation.roles if names_file(role_name(role))]
        links += [(target, False) for target in map(role_target, roles) if target is not None]
        for url, link in links:
            if DANGEROUS_URL.match(INVISIBLE_IN_URL.sub("", url)):
                yield f"dangerous URL {url[:60]!r}"
            elif outside_sources(url, pair.folder, english if link else (), myst=link):
                yield f"{url[:60]!r} names a file outside the source tree"
        yield from _dangerous_urls(raw_source, raw_translation)


def _interface_tags(source: str, translation: str) -> Iterator[str]:
    """What the templates' bridge does with an interface string's tags (tools/sphinxext/interface.py): a
    translation of an English message with tags is shown only with the same ones; a tag the English lacks is
    refused."""
    if HTML_TAG.search(source):
        if HTML_TAG.findall(translation) != HTML_TAG.findall(source):
            yield "its tags are not the English's, in the same order: the pages show the English instead"
        return
    for tag in sorted((Counter(HTML_TAG.findall(translation)) - Counter(HTML_TAG.findall(source))).elements()):
        yield f"raw HTML {tag[:60]!r} is not in the English; a translation cannot add HTML"


def _dangerous_urls(source: str, translation: str) -> Iterator[str]:
    if ":" in translation:
        cleaned_source = INVISIBLE_IN_URL.sub("", source).lower()
        cleaned = INVISIBLE_IN_URL.sub("", translation)
        if any(m.group(0).lower() not in cleaned_source for m in DANGEROUS_URL.finditer(cleaned)):
            yield "a javascript:, vbscript: or data: URL is not in the English"
