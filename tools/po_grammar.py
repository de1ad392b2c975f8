"""The PO grammar, read as GNU gettext reads it: every message with its comments, flags and previous msgid.

This is the project's one reader of catalogues. What ``msgfmt`` refuses is fatal (``CatalogueError`` at the
line). What ``msgfmt`` reads but other tools misread (``msgstr"…"``, ``#,fuzzy``, two strings on a line, two
flags lines) is read exactly as ``msgfmt`` reads it and recorded as a warning, so that ``check`` can say what
to write instead. Rules of the project's own, which ``msgfmt`` does not have (the limits that keep the build
linear, line breaks gettext does not see), are recorded as errors: statistics still count such a catalogue,
as ``msgfmt --statistics`` does, and the build and ``check`` refuse it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tools.catalogue_error import CatalogueError


@dataclass(frozen=True)
class Problem:
    """Something a catalogue should not have, which ``msgfmt`` still reads."""

    line: int
    message: str
    severity: str  # "error" (the project refuses it) or "warning" (other tools misread it)


@dataclass
class Message:
    """One entry of a catalogue, live or obsolete, with everything a writer must keep."""

    line: int  # of the msgid
    msgid: str
    msgstrs: list[str]  # the msgstr, or msgstr[0], msgstr[1]…
    msgid_plural: str | None = None
    context: str | None = None
    flags: list[str] = field(default_factory=list)  # of the last flags line, which is the one msgfmt reads
    comments: list[str] = field(default_factory=list)  # translator comments, without "# "
    extracted: list[str] = field(default_factory=list)  # "#." comments
    references: list[str] = field(default_factory=list)  # "#:" locations, one per item
    previous: dict[str, str] = field(default_factory=dict)  # "#|" msgctxt, msgid, msgid_plural
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def untranslated(self) -> bool:
        """As msgfmt decides: the first msgstr is empty (as a C string: up to a NUL character)."""
        return not self.msgstrs or not self.msgstrs[0].partition("\0")[0]


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)\s*(.*)$")
_WORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[\s\"#\[]|$)")
_INDEX_PIECE = re.compile(r"\[|\]|[0-9]+")
_ESCAPES = set("\\\"ntrabfv?'")
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"x[0-9A-Fa-f]+")
# gettext splits a flags line at commas and white space; what it does not know (a stray quote) it skips.
_FLAG_SEPARATORS = re.compile(r"[, \t\r\f\v]+")
# White space as gettext's lexer sees it; Python's str.strip() also takes U+001C…U+001F, U+0085 and no-break spaces.
_BLANK = " \t\r\f\v"
_PREVIOUS = re.compile(r"(msgctxt|msgid_plural|msgid)\s*(.*)$")


def parse_strings(text: str) -> tuple[str, bool]:
    """The value of one or more adjacent C-style string literals, and whether there were several (``"a" "b"``,
    which msgfmt joins). Raises ValueError saying what is wrong."""
    out: list[str] = []
    count = 0
    rest = text
    while True:
        value, rest = _parse_string(rest)
        out.append(value)
        count += 1
        rest = rest.strip(_BLANK)
        if not rest:
            return "".join(out), count > 1
        if rest[0] != '"':
            raise ValueError(f"unexpected text after the closing quote: {rest[:20]!r}")


def _parse_string(text: str) -> tuple[str, str]:
    """The value of the string literal at the start of ``text``, and what follows it."""
    # Most strings have no escape: string methods answer that faster than any pattern.
    if text[:1] == '"' and text.find('"', 1) == len(text) - 1 and "\\" not in text:
        return text[1:-1], ""
    if not text.startswith('"'):
        raise ValueError("expected a string in double quotes")
    out: list[str] = []
    i = 1
    while i < len(text):
        char = text[i]
        if char == '"':
            return "".join(out), text[i + 1 :]
        if char == "\\":
            nxt = text[i + 1 : i + 2]
            if nxt in _ESCAPES and nxt:
                out.append(codecs.decode("\\" + nxt, "unicode_escape") if nxt not in "\\\"?'" else nxt)
                i += 2
                continue
            # Matched in place: a slice per escape would copy the rest of the line each time.
            octal = _OCTAL.match(text, i + 1)
            if octal:
                out.append(chr(int(octal.group(), 8)))
                i += 1 + len(octal.group())
                continue
            hexa = _HEX.match(text, i + 1)
            if hexa:
                out.append(chr(int(hexa.group()[1:], 16)))
                i += 1 + len(hexa.group())
                continue
            raise ValueError(f"invalid escape sequence \\{nxt}" if nxt else "backslash at the end of the line")
        out.append(char)
        i += 1
    raise ValueError("string is missing its closing quote")


# A suppression: "ignore-" and a check id.
SUPPRESSION = re.compile(r"ignore-[a-z][a-z0-9-]*$")


def suppressions(comments: Iterable[str], flags: Iterable[str] = ()) -> set[str]:
    """The check ids a translator silenced: translator comment lines made of suppressions only
    (``# ignore-glossary, ignore-wrapping``), and ``ignore-<id>`` flags, as Weblate writes them."""
    found = {flag[len("ignore-") :] for flag in flags if SUPPRESSION.match(flag)}
    for line in comments:
        words = [word for word in re.split(r"[,\s]+", line) if word]
        if words and all(SUPPRESSION.match(word) for word in words):
            found.update(word[len("ignore-") :] for word in words)
    return found


def flags_of(text: str) -> list[str]:
    """The flags of a ``#,`` line's text, as gettext splits them."""
    return [flag for flag in _FLAG_SEPARATORS.split(text) if flag and flag != '"']


# Limits that keep every command, and the build, linear in the size of a catalogue: the largest real ones
# (496 files of the Python documentation's French translation) have 367 KB, messages of 3,200 characters and
# 170 markup characters. WeasyPrint's layout time grows with the square of the inline elements of a paragraph.
MAX_MESSAGE_CHARS = 64 * 1024
MAX_MARKUP_CHARS = 500
_MARKUP_CHARS = "*_`[]<>{}"


@dataclass
class _Entry:
    line: int
    ctx: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    plural: bool = False
    strings: int = 0
    state: str = "start"  # start, msgctxt, msgid, msgid_plural, msgstr
    value: list[str] | None = None
    flags_line: int | None = None
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    previous_key: str | None = None
    translations: list[str] = field(default_factory=list)

    @property
    def begun(self) -> bool:
        return bool(self.state != "start" or self.flags_line or self.comments or self.extracted or self.references
                    or self.previous)  # fmt: skip


@dataclass
class Parsed:
    header: str | None = None
    header_message: Message | None = None
    messages: list[Message] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    plurals: list[int] = field(default_factory=list)  # msgstr[N] count of each translated, non-fuzzy plural entry


class _Grammar:
    """The entry grammar over ``(line number, line)`` pairs."""

    def __init__(
        self, path: Path, parsed: Parsed, obsolete: bool, seen: dict[tuple[str | None, str], int], joins: list[int]
    ) -> None:
        self.path, self.parsed, self.obsolete, self.seen, self.joins = path, parsed, obsolete, seen, joins
        self.entry = _Entry(line=1)
        self.first = True
        self.awaiting: tuple[int, str, str | None] | None = None  # a keyword whose string has not come yet

    def _expect_nothing_pending(self) -> None:
        if self.awaiting is not None:
            line, keyword, index = self.awaiting
            shown = keyword if index is None else f"{keyword}[{index}]"
            raise self.fatal(line, f"{shown}: expected a string in double quotes")

    def fatal(self, line: int, message: str) -> CatalogueError:
        joined = [j for j in self.joins if 0 <= line - j <= 2]
        if joined:
            # The error is the backslash's doing: say so, at its line.
            line = joined[-1]
            message += f" (line {line} ends with a backslash, which joins the next line to it; remove it)"
        return CatalogueError(self.path, line, f"obsolete entry: {message}" if self.obsolete else message)

    def warn(self, line: int, message: str) -> None:
        self.parsed.problems.append(Problem(line, message, "warning"))

    def finish(self, at: int) -> None:
        entry = self.entry
        if entry.state == "start":
            # Blank lines mean nothing to gettext: comments above one belong to the message below it.
            if not entry.begun:
                entry.line = at
            return
        if entry.state in ("msgctxt", "msgid", "msgid_plural"):
            raise self.fatal(entry.line, "entry has no msgstr")
        entry.translations.append("".join(entry.value or []))
        for text in (entry.ctx or "", entry.msgid or "", entry.msgid_plural or "", *entry.translations):
            if "\x04" in text:
                # Compiled catalogues separate a context from its msgid with it.
                raise self.fatal(entry.line, "character U+0004 (EOT), the context separator of compiled catalogues")

        self._check_limits(entry)
        self._check_newlines(entry)
        fuzzy = "fuzzy" in entry.flags
        if not self.obsolete and entry.plural and entry.translations[0] and not fuzzy:
            self.parsed.plurals.append(len(entry.translations))
        key = (entry.ctx, entry.msgid or "")
        if key in self.seen:
            raise self.fatal(entry.line, f"duplicate message definition (first at line {self.seen[key]})")
        self.seen[key] = entry.line
        message = Message(
            line=entry.line,
            msgid=entry.msgid or "",
            msgstrs=entry.translations,
            msgid_plural=entry.msgid_plural,
            context=entry.ctx,
            flags=entry.flags,
            comments=entry.comments,
            extracted=entry.extracted,
            references=entry.references,
            previous=entry.previous,
            obsolete=self.obsolete,
        )
        if self.first and not self.obsolete and entry.msgid == "" and entry.ctx is None:
            self.parsed.header = entry.translations[0]
            self.parsed.header_message = message
        else:
            self.parsed.messages.append(message)
        self.first = False
        self.entry = _Entry(line=at)

    def _check_newlines(self, entry: _Entry) -> None:
        """gettext refuses a translation that starts or ends with a line break when its source does not."""
        msgid = entry.msgid or ""
        if not msgid or "fuzzy" in entry.flags or self.obsolete or not entry.translations[0]:
            return  # the header, and what msgfmt does not compile (fuzzy, obsolete, untranslated)
        for index, text in enumerate(entry.translations):
            shown = f"msgstr[{index}]" if entry.plural else "msgstr"
            for where, test in (("begin", str.startswith), ("end", str.endswith)):
                if text and test(msgid, "\n") != test(text, "\n"):
                    raise self.fatal(entry.line, f"msgid and {shown} do not both {where} with a line break (\\n)")

    def _check_limits(self, entry: _Entry) -> None:
        """Refuse messages so long or so full of markup that parsing or laying them out would take minutes."""
        for name, text in (("msgid", entry.msgid), ("msgid_plural", entry.msgid_plural), ("msgctxt", entry.ctx)):
            self._check_size(entry.line, name, text or "")
        for index, text in enumerate(entry.translations):
            self._check_size(entry.line, f"msgstr[{index}]" if entry.plural else "msgstr", text)

    def _check_size(self, line: int, name: str, text: str) -> None:
        if len(text) > MAX_MESSAGE_CHARS:
            message = f"{name} of {len(text):,} characters exceeds the limit of {MAX_MESSAGE_CHARS:,}"
            self.parsed.problems.append(Problem(line, message, "error"))
        elif len(text) > MAX_MARKUP_CHARS:
            markup = sum(text.count(char) for char in _MARKUP_CHARS)
            if markup > MAX_MARKUP_CHARS:
                message = (f"{name} has {markup:,} markup characters ({' '.join(_MARKUP_CHARS)}), which exceeds "
                           f"the limit of {MAX_MARKUP_CHARS}")  # fmt: skip
                self.parsed.problems.append(Problem(line, message, "error"))

    def comment(self, number: int, line: str) -> None:
        self._expect_nothing_pending()
        kind = line[1:2]
        if kind in (",", ":", ".", "|") and len(line) > 2 and line[2] not in _BLANK:
            self.warn(number, f"write a space after {line[:2]!r} ({line[:2]} {line[2:12]}…): msgfmt reads it, "
                      "other tools do not")  # fmt: skip
        entry = self.entry
        if entry.state == "msgstr":
            self.finish(number)
            entry = self.entry
        elif entry.state != "start":
            raise self.fatal(number, f"comment inside an entry (after {entry.state})")
        text = line[2:].strip(_BLANK) if kind in (",", ":", ".", "|") else line[1:]
        if kind == ",":
            if entry.flags_line is not None:
                self.warn(number, f"a second flags line (the first is line {entry.flags_line}); msgfmt reads only "
                          "this one: merge them into one")  # fmt: skip
            entry.flags_line = number
            entry.flags = flags_of(text)
        elif kind == ":":
            entry.references.extend(text.split())  # file names have no spaces, or gettext isolates them
        elif kind == ".":
            entry.extracted.append(text)
        elif kind == "|":
            self._previous(number, text)
        elif kind == "~":
            rest = line[2:].lstrip(_BLANK)
            if rest[:1] == "#" and rest[1:2] != "~":
                self.comment(number, rest)  # "#~ #, fuzzy": gettext reads the comment, for the message below
            elif entry.state == "start":
                self.entry = _Entry(line=number)  # the comments above belong to the obsolete entry
        else:
            entry.comments.append(text[1:] if text[:1] == " " else text)

    def _previous(self, number: int, text: str) -> None:
        entry = self.entry
        match = _PREVIOUS.match(text)
        try:
            if match:
                entry.previous_key = match.group(1)
                entry.previous[match.group(1)] = parse_strings(match.group(2))[0]
            elif text[:1] == '"' and entry.previous_key:
                entry.previous[entry.previous_key] += parse_strings(text)[0]
            else:
                raise ValueError("expected msgctxt, msgid or msgid_plural")
        except ValueError as exc:
            raise self.fatal(number, f"previous msgid (#|): {exc}") from None

    def tokens(self, number: int, line: str) -> None:
        """A line of keywords and strings. gettext reads tokens, not lines: ``msgid "a" msgstr "b"`` is an entry,
        and so is a keyword whose string is on the next line; a ``#`` starts a comment anywhere."""
        # The common lines, without the tokenizer: a string alone, a keyword and its string.
        if line[0] == '"' and line.find('"', 1) == len(line) - 1 and "\\" not in line:
            self.string(number, line[1:-1])
            return
        match = _KEYWORD.match(line)
        if match and match.group(3)[:1] == '"':
            literal = match.group(3)
            if literal.find('"', 1) == len(literal) - 1 and "\\" not in literal and line[len(match.group(1))] in _BLANK:
                self.keyword(number, match.group(1), match.group(2))
                self.string(number, literal[1:-1])
                return
        at, count, after_keyword = 0, 0, None
        while at < len(line):
            rest = line[at:]
            stripped = rest.lstrip(_BLANK)
            if not stripped:
                break
            at += len(rest) - len(stripped)
            count += 1
            prefix = f"{after_keyword}: " if after_keyword else ""
            if stripped[0] == '"':
                try:
                    value, after = _parse_string(stripped)
                except ValueError as exc:
                    raise self.fatal(number, f"{prefix}{exc}") from None
                self.string(number, value)
                at += len(stripped) - len(after)
                after_keyword = None
            elif stripped.startswith("#~") and count > 1:
                if self.obsolete:
                    at += 2  # more of the same obsolete entry
                    count -= 1
                    continue
                if stripped[2:].strip(_BLANK):
                    raise self.fatal(number, "inconsistent use of #~: an obsolete part in a live entry")
                break  # gettext reads a bare "#~" after a token as nothing
            elif stripped[0] == "#":
                self.comment(number, stripped)
                break
            elif self.awaiting and self.awaiting[1] == "msgstr" and (piece := _INDEX_PIECE.match(stripped)):
                # "msgstr [ 1 ]": gettext reads the brackets and the number as tokens, even across lines.
                self._index_piece(number, piece.group())
                at += piece.end()
                after_keyword = "msgstr"
            else:
                match = _WORD.match(stripped)
                if match is None:
                    if after_keyword:
                        raise self.fatal(number, f"{prefix}expected a string in double quotes")
                    if count > 1:
                        raise self.fatal(number, f"unexpected text after the closing quote: {stripped[:20]!r}")
                    word = re.split(r"[ \t\r\f\v]", stripped, maxsplit=1)[0][:30]
                    raise self.fatal(number, f"unexpected {word!r}: expected msgctxt, msgid, msgstr or a string")
                keyword = match.group(0)
                if stripped[len(keyword) : len(keyword) + 1] == '"':
                    self.warn(number, f"missing space between {keyword} and its string: msgfmt reads it, other tools "
                              "do not")  # fmt: skip
                self.keyword(number, match.group(1), match.group(2))
                at += len(keyword)
                after_keyword = keyword
        if count > 2 or (count == 2 and after_keyword is None and line[0] == '"'):
            self.warn(number, "several strings or keywords on one line: msgfmt reads them, other tools do not; "
                      "write one entry part per line")  # fmt: skip

    def _index_piece(self, number: int, piece: str) -> None:
        assert self.awaiting is not None
        line, keyword, index = self.awaiting
        state = index or ""
        if piece == "[" and state == "":
            state = "["
        elif piece.isdigit() and state == "[":
            state = "[" + piece
        elif piece == "]" and state[:1] == "[" and state[1:].isdigit():
            state = state[1:]
        else:
            raise self.fatal(number, f"msgstr{state}: unexpected {piece!r}")
        self.awaiting = (line, keyword, state)

    def string(self, number: int, value: str) -> None:
        if "\0" in value:
            # gettext's strings are C strings: each literal ends at its first NUL.
            value = value.partition("\0")[0]
            message = "character U+0000 (NUL): gettext ends the string there; remove it"
            self.parsed.problems.append(Problem(number, message, "error"))
        if self.awaiting is not None and (self.awaiting[2] or "0")[:1] == "[":
            raise self.fatal(number, f"msgstr{self.awaiting[2]}: expected a number and ]")
        if self.awaiting is not None:
            # A keyword takes effect with its first string: "msgstr" may yet get its "[N]" on the next line.
            line, keyword, index = self.awaiting
            self.awaiting = None
            self.apply_keyword(line, keyword, index)
        if self.entry.state == "start":
            raise self.fatal(number, "string outside any msgid or msgstr")
        if self.entry.value is not None:
            self.entry.value.append(value)

    def keyword(self, number: int, keyword: str, index: str | None) -> None:
        self._expect_nothing_pending()
        self.awaiting = (number, keyword, index)

    def apply_keyword(self, number: int, keyword: str, index: str | None) -> None:
        entry = self.entry
        if keyword in ("msgctxt", "msgid") and entry.state == "msgstr":
            self.finish(number)
            entry = self.entry
        state = entry.state
        if keyword == "msgctxt":
            if state != "start":
                raise self.fatal(number, f"msgctxt after {state}")
            entry.line, entry.state, entry.value = number, "msgctxt", []
        elif keyword == "msgid":
            if state in ("msgid", "msgid_plural"):
                # Where msgfmt says it: at the entry that lacks its msgstr.
                raise self.fatal(entry.line, f"entry has no msgstr (a msgid follows at line {number})")
            if state != "start" and state != "msgctxt":
                raise self.fatal(number, f"msgid after {state}")
            if state == "msgctxt":
                entry.ctx = "".join(entry.value or [])
            entry.line = number
            entry.state, entry.value = "msgid", []
        elif keyword == "msgid_plural":
            if state != "msgid":
                raise self.fatal(number, "msgid_plural without a msgid before it")
            entry.msgid = "".join(entry.value or [])
            entry.plural, entry.state, entry.value = True, "msgid_plural", []
        else:  # msgstr or msgstr[N]
            shown = keyword if index is None else f"msgstr[{index}]"
            if state == "msgid":
                entry.msgid = "".join(entry.value or [])
            elif state == "msgid_plural":
                entry.msgid_plural = "".join(entry.value or [])
            elif state != "msgstr":
                raise self.fatal(number, f"{shown} without a msgid before it")
            if state == "msgstr" and index is None:
                raise self.fatal(number, f"a second msgstr in the entry of line {entry.line}: an entry starts with "
                                 "msgid (blank lines do not end one)")  # fmt: skip
            if entry.plural and index is None:
                raise self.fatal(number, "plural entry needs msgstr[0], msgstr[1]…, not msgstr")
            if not entry.plural and index is not None:
                raise self.fatal(number, f"{shown} in an entry that has no msgid_plural")
            if index is not None and int(index) != entry.strings:
                raise self.fatal(number, f"expected msgstr[{entry.strings}], found {shown}")
            if state == "msgstr":
                entry.translations.append("".join(entry.value or []))
            entry.strings += 1
            entry.state, entry.value = "msgstr", []

    def run(self, numbered: Iterable[tuple[int, str]], count: int) -> None:
        for number, raw in numbered:
            if raw == SEPARATOR:
                self.finish(number)
                continue
            line = raw.strip(_BLANK)
            if not line:
                if self.entry.state == "start" and not self.entry.begun:
                    self.entry.line = number + 1
            elif line[0] == "#":
                self.comment(number, line)
            else:
                self.tokens(number, line)
        self._expect_nothing_pending()
        self.finish(count + 1)


# Between two runs of obsolete lines, the live lines in between: they end an obsolete entry, as blank lines do not.
SEPARATOR = "\n"  # no line holds one


def _joined(lines: list[str], complete: bool = True) -> tuple[list[tuple[int, str]], list[int]]:
    """The lines as gettext's lexer sees them: a backslash at the very end of a line joins the next one to it
    (inside a string, a comment or anywhere); each joined line keeps the number of its first line."""
    out: list[tuple[int, str]] = []
    joins: list[int] = []
    pending: str | None = None
    start = 0
    for number, line in enumerate(lines, start=1):
        if pending is not None:
            line = pending + line
        else:
            start = number
        # A backslash that ends the file, with no line break after it, is a character (and a syntax error).
        if line.endswith("\\") and (complete or number < len(lines)):
            pending = line[:-1]
            joins.append(number)
            continue
        pending = None
        out.append((start, line))
    if pending is not None:
        out.append((start, pending))
    return out, joins


def parse(path: Path, lines: list[str], complete: bool = True) -> Parsed:
    """Every message of a catalogue's lines, live then obsolete. Raises CatalogueError where msgfmt would stop.
    ``complete``: the text ended with a line break."""
    parsed = Parsed()
    numbered, joins = _joined(lines, complete)
    for line in joins:
        parsed.problems.append(Problem(line, "the line ends with a backslash, which joins the next line to it for "
                                       "gettext (and for no other tool): remove it", "warning"))  # fmt: skip
    seen: dict[tuple[str | None, str], int] = {}
    _Grammar(path, parsed, False, seen, joins).run(numbered, len(lines))
    if any(line.lstrip(_BLANK).startswith("#~") for _, line in numbered):
        # Obsolete entries are not compiled, but msgfmt reads them (a duplicate of a live message is an error)
        # and a broken one breaks editors: they are entries of their own, where every live line is a separator.
        _Grammar(path, parsed, True, seen, joins).run(_obsolete_lines(numbered), len(lines))
    return parsed


def _obsolete_lines(numbered: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The obsolete lines without their ``#~``, the comments just above them, and a separator for each run of
    live lines between them."""
    separated = True
    pending: list[tuple[int, str]] = []
    for number, line in numbered:
        stripped = line.lstrip(_BLANK)
        if not stripped:
            continue  # blank lines mean nothing to gettext, between obsolete lines too
        if stripped.startswith("#~"):
            yield from pending
            pending = []
            # The previous msgid of an obsolete entry is "#~| msgid …".
            body = stripped[2:]
            while body.lstrip(_BLANK).startswith("#~") and not body.lstrip(_BLANK).startswith("#~|"):
                body = body.lstrip(_BLANK)[2:]  # "#~ #~ msgid": gettext reads the marker once
            yield number, "#" + body if stripped.startswith("#~|") else body
            separated = False
        elif stripped.startswith("#"):
            if not separated:
                yield number, SEPARATOR
                separated = True
            pending.append((number, stripped))
        else:
            pending = []
            if not separated:
                yield number, SEPARATOR
                separated = True
