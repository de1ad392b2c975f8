"""Finding, strictly validating and loading gettext catalogues.

polib and Babel read some broken files without complaint (a ``msgstr`` whose opening quote is missing is read
with characters dropped), so every catalogue is checked line by line against the PO grammar before any tool
trusts its content. Errors name the file and line, as compilers do, so an editor can jump to them.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel.messages.pofile import PoFileError, read_po

from tools.plural_forms import PluralFormsError, check_header

# The project's canonical line width (polib's default), for reading and for writing catalogues.
WRAP_WIDTH = 78


class CatalogError(Exception):
    """A catalogue that cannot be trusted, with the line a translator should look at.

    A plain exception class: Python sets ``__traceback__`` on whatever it raises, and worker processes send
    errors back pickled, which both need (a frozen dataclass refuses the first and breaks the second)."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def __repr__(self) -> str:
        return f"CatalogError({self.path!r}, {self.line!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CatalogError):
            return NotImplemented
        return (self.path, self.line, self.message) == (other.path, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)\s*(.*)$")
_ESCAPES = set("\\\"ntrabfv?'")
# Characters Python's splitlines() breaks lines at and gettext does not: line numbers would drift after them.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"x[0-9A-Fa-f]+")
_CHARSET = re.compile(r"charset=([^ \t\n]*)")
_PLURAL_FORMS_FIELD = re.compile(r"^Plural-Forms:(.*)$", re.MULTILINE)
_LANGUAGE = re.compile(r"^Language:\s*(\S*)\s*$", re.MULTILINE)


def _parse_string(text: str) -> str:
    """Return the value of one C-style string literal; raise ValueError saying what is wrong."""
    # Most strings have no escape: string methods answer that faster than any pattern.
    if text[:1] == '"' and text.find('"', 1) == len(text) - 1 and "\\" not in text:
        return text[1:-1]
    if not text.startswith('"'):
        raise ValueError("expected a string in double quotes")
    out: list[str] = []
    i = 1
    while i < len(text):
        char = text[i]
        if char == '"':
            if text[i + 1 :].strip():
                raise ValueError(f"unexpected text after the closing quote: {text[i + 1 :].strip()[:20]!r}")
            return "".join(out)
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


# Limits that keep every command, and the build, linear in the size of a catalogue: the largest real ones
# (496 files of the Python documentation's French translation) have 367 KB, messages of 3,200 characters and
# 170 markup characters. WeasyPrint's layout time grows with the square of the inline elements of a paragraph.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_MESSAGE_CHARS = 64 * 1024
MAX_MARKUP_CHARS = 500
_MARKUP_CHARS = "*_`[]<>{}"


@dataclass
class _Entry:
    line: int
    ctx: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    fuzzy: bool = False
    plural: bool = False
    strings: int = 0
    state: str = "start"  # start, msgctxt, msgid, msgid_plural, msgstr
    value: list[str] | None = None
    flags_line: int | None = None
    translations: list[str] = field(default_factory=list)


# The charsets gettext calls portable (its po-charset.c), as Python names them. Others may be codecs, but are not
# text encodings (rot13, hex, base64) or not ones gettext reads catalogues in (UTF-16, EBCDIC).
# fmt: off
_PORTABLE_CHARSETS = frozenset(
    codecs.lookup(name).name
    for name in [
        "ascii", "utf-8", "iso-8859-1", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
        "iso-8859-7", "iso-8859-8", "iso-8859-9", "iso-8859-13", "iso-8859-14", "iso-8859-15", "koi8-r", "koi8-u",
        "koi8-t", "cp850", "cp866", "cp874", "cp932", "cp949", "cp950", "cp1250", "cp1251", "cp1252", "cp1253",
        "cp1254", "cp1255", "cp1256", "cp1257", "gb2312", "euc-jp", "euc-kr", "big5", "big5-hkscs", "gbk",
        "gb18030", "shift_jis", "johab", "tis-620",
    ]
)
# fmt: on
_BOMS = (
    (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _header_strings(text: str) -> list[tuple[int, str]]:
    """The strings of the header entry's msgstr with their line numbers; empty if the file does not begin
    with a header entry. ``text`` is the file read as Latin-1, which every portable charset extends."""
    strings: list[tuple[int, str]] = []
    state = "start"
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        try:
            if state == "start":
                if not line or line[0] == "#":
                    continue
                if not line.startswith("msgid") or _parse_string(line[5:].strip()):
                    return []
                state = "msgid"
            elif state == "msgid" and line[:1] == '"':
                if _parse_string(line):
                    return []
            elif state == "msgid" and line.startswith("msgstr"):
                strings.append((number, _parse_string(line[6:].strip())))
                state = "msgstr"
            elif state == "msgstr" and line[:1] == '"':
                strings.append((number, _parse_string(line)))
            else:
                return strings if state == "msgstr" else []
        except ValueError:
            return strings if state == "msgstr" else []
    return strings


def _declared_charset(text: str) -> tuple[str, int] | None:
    """The charset of the header's Content-Type field and its line; comments and messages do not count."""
    strings = _header_strings(text)
    header = "".join(value for _, value in strings)
    offset = 0
    for line in header.split("\n"):
        if line.startswith("Content-Type:"):
            match = _CHARSET.search(line)
            if match:
                at = offset + match.start()
                for number, value in strings:
                    if at < len(value):
                        return match.group(1), number
                    at -= len(value)
                return match.group(1), strings[-1][0]
        offset += len(line) + 1
    return None


def _decode(path: Path, data: bytes) -> str:
    """Decode with the charset the header's Content-Type declares; a file that declares none is rejected."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            # msgfmt reads the mark as text and stops with a syntax error on line 1: say what it is.
            advice = "save the file as UTF-8 without BOM" if name == "UTF-8" else "save the file as UTF-8"
            raise CatalogError(path, 1, f"the file starts with a {name} byte order mark (BOM), which msgfmt refuses; "
                               f"{advice}")  # fmt: skip
    declared = _declared_charset(data.decode("latin-1"))
    if declared is None:
        # No readable header: report the first grammar error, if the text is UTF-8 enough to find one.
        with contextlib.suppress(UnicodeDecodeError):
            validate_text(path, data.decode("utf-8"))
        raise CatalogError(path, 1, "the header declares no charset (add 'Content-Type: text/plain; charset=UTF-8')")
    name, line = declared
    if name.upper() == "CHARSET":
        raise CatalogError(path, line, "the header charset is the template placeholder CHARSET; set it to UTF-8")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = None
    if codec not in _PORTABLE_CHARSETS:
        shown = name if name.isprintable() and len(name) <= 40 else f"{name[:40]!r}"
        raise CatalogError(path, line, f"charset {shown} is not a text encoding gettext reads catalogues in; "
                           "use UTF-8")  # fmt: skip
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[: exc.start].count(b"\n") + 1
        raise CatalogError(path, bad, f"byte 0x{data[exc.start]:02x} is not valid {name}") from None


def validate_text(path: Path, text: str) -> str:
    """Check ``text`` against the PO grammar and the plural forms; return the header's msgstr. Raises CatalogError."""
    other = _OTHER_LINE_BREAKS.search(text)
    if other:
        line = text.count("\n", 0, other.start()) + 1
        raise CatalogError(path, line, f"character U+{ord(other.group()):04X} (a line or page break for some tools, "
                           "not for gettext): remove it or write it as an escape")  # fmt: skip
    lines = text.splitlines()
    plurals: list[int] = []
    header = _check_entries(path, enumerate(lines, start=1), len(lines), plurals=plurals)
    if header is None:
        raise CatalogError(path, 1, 'no header entry (msgid "") at the top of the file')
    try:
        check_header(header, (min(plurals), max(plurals)) if plurals else None)
    except PluralFormsError as error:
        line = next((n for n, raw in enumerate(lines, 1) if "plural" in raw and raw.lstrip()[:1] == '"'), 1)
        raise CatalogError(path, line, f"malformed Plural-Forms: {error}") from None
    plural_forms = _PLURAL_FORMS_FIELD.search(header)
    if plural_forms and not ("nplurals=" in plural_forms.group(1) and "plural=" in plural_forms.group(1)):
        line = next((n for n, raw in enumerate(lines, 1) if '"Plural-Forms:' in raw), 1)
        raise CatalogError(path, line, "malformed Plural-Forms: expected 'nplurals=N; plural=EXPRESSION;'")
    if "#~" in text:
        # Obsolete entries are not compiled, but a broken one still breaks editors and parsers: check them as
        # entries of their own, where every live line is a separator.
        try:
            _check_entries(path, _obsolete_lines(lines), len(lines), duplicates=False)
        except CatalogError as error:
            raise CatalogError(path, error.line, f"obsolete entry: {error.message}") from None
    return header


def _obsolete_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """The obsolete lines without their ``#~``, and one blank line for each run of live lines between them."""
    separated = True
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip()
        if stripped.startswith("#~"):
            # The previous msgid of an obsolete entry is a comment.
            yield number, "#" if stripped.startswith("#~|") else stripped[2:]
            separated = False
        elif not separated:
            yield number, ""
            separated = True


def _check_newlines(path: Path, entry: _Entry) -> None:
    """gettext refuses a translation that starts or ends with a line break when its source does not."""
    msgid = entry.msgid or ""
    if not msgid:
        return  # the header
    for index, text in enumerate(entry.translations):
        shown = f"msgstr[{index}]" if entry.plural else "msgstr"
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if text and test(msgid, "\n") != test(text, "\n"):
                raise CatalogError(path, entry.line, f"msgid and {shown} do not both {where} with a line break (\\n)")


def _check_limits(path: Path, entry: _Entry) -> None:
    """Refuse messages so long or so full of markup that parsing or laying them out would take minutes."""
    for name, text in (("msgid", entry.msgid), ("msgid_plural", entry.msgid_plural), ("msgctxt", entry.ctx)):
        _check_size(path, entry.line, name, text or "")
    for index, text in enumerate(entry.translations):
        _check_size(path, entry.line, f"msgstr[{index}]" if entry.plural else "msgstr", text)


def _check_size(path: Path, line: int, name: str, text: str) -> None:
    if len(text) > MAX_MESSAGE_CHARS:
        raise CatalogError(path, line, f"{name} of {len(text):,} characters exceeds the limit of {MAX_MESSAGE_CHARS:,}")
    if len(text) > MAX_MARKUP_CHARS:
        markup = sum(text.count(char) for char in _MARKUP_CHARS)
        if markup > MAX_MARKUP_CHARS:
            raise CatalogError(
                path, line, f"{name} has {markup:,} markup characters ({' '.join(_MARKUP_CHARS)}), which exceeds "
                f"the limit of {MAX_MARKUP_CHARS}"
            )  # fmt: skip


def _check_entries(
    path: Path,
    numbered: Iterable[tuple[int, str]],
    count: int,
    duplicates: bool = True,
    plurals: list[int] | None = None,
) -> str | None:
    """Run the entry grammar over ``(line number, line)`` pairs; return the header's msgstr, if any.

    ``plurals`` receives the number of msgstr[N] of each translated, non-fuzzy plural entry (what msgfmt
    compares with nplurals)."""
    seen: dict[tuple[str | None, str], int] = {}
    entry = _Entry(line=1)
    header: str | None = None
    first = True

    def finish(at: int) -> None:
        nonlocal entry, header, first
        if entry.state == "start" and entry.flags_line is None:
            entry.line = at  # nothing begun: most blank lines
            return
        if entry.state in ("msgctxt", "msgid", "msgid_plural"):
            raise CatalogError(path, entry.line, "entry has no msgstr")
        if entry.state == "msgstr":
            entry.translations.append("".join(entry.value or []))
            _check_limits(path, entry)
            _check_newlines(path, entry)
            if plurals is not None and entry.plural and entry.translations[0] and not entry.fuzzy:
                plurals.append(len(entry.translations))
            key = (entry.ctx, entry.msgid or "")
            if duplicates and key in seen:
                raise CatalogError(path, entry.line, f"duplicate message definition (first at line {seen[key]})")
            seen[key] = entry.line
            if first and entry.msgid == "" and entry.ctx is None:
                header = "".join(entry.value or [])
            first = False
        entry = _Entry(line=at)

    for number, raw in numbered:
        line = raw.strip()
        if not line:
            finish(number + 1)
            continue
        if line[0] == "#":
            if line[-1] == "\\":
                # For gettext, a backslash at the end of a line joins it to the next: the entry below vanishes.
                raise CatalogError(path, number, "comment ends with a backslash, which joins it to the next line")
            if line[1:2] in (",", ":", ".", "|") and len(line) > 2 and not line[2].isspace():
                # msgfmt reads it; polib, with which update and check --fix write catalogues, cannot.
                raise CatalogError(path, number, f"write a space after {line[:2]!r} ({line[:2]} {line[2:12]}…)")
            if entry.state == "msgstr":
                finish(number)
            elif entry.state != "start":
                raise CatalogError(path, number, f"comment inside an entry (after {entry.state})")
            if line.startswith("#,"):
                if entry.flags_line is not None:
                    # msgfmt reads only the last flags line, Babel and polib all of them: say which is meant.
                    raise CatalogError(
                        path, number, f"a second flags line (the first is line {entry.flags_line}); merge them into one"
                    )
                entry.flags_line = number
                entry.fuzzy = "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            continue
        if line[0] == '"':
            if entry.state == "start":
                raise CatalogError(path, number, "string outside any msgid or msgstr")
            if line.find('"', 1) == len(line) - 1 and "\\" not in line:
                value = line[1:-1]  # the common case, without a call
            else:
                try:
                    value = _parse_string(line)
                except ValueError as exc:
                    raise CatalogError(path, number, str(exc)) from None
            if entry.value is not None:
                entry.value.append(value)
            continue
        match = _KEYWORD.match(line)
        if match is None:
            word = line.split()[0][:30]
            raise CatalogError(path, number, f"unexpected {word!r}: expected msgctxt, msgid, msgstr or a string")
        keyword, index, literal = match.group(1), match.group(2), match.group(3)
        if literal[:1] == '"' and not line[len(keyword)].isspace():
            # gettext reads it, but Babel and polib misread it: one space is the norm for a reason.
            raise CatalogError(path, number, f"missing space between {keyword} and its string")
        if keyword in ("msgctxt", "msgid") and entry.state == "msgstr":
            finish(number)
        if literal[:1] == '"' and literal.find('"', 1) == len(literal) - 1 and "\\" not in literal:
            value = literal[1:-1]
        else:
            try:
                value = _parse_string(literal)
            except ValueError as exc:
                raise CatalogError(path, number, f"{keyword}: {exc}") from None
        state = entry.state
        if keyword == "msgctxt":
            if state != "start":
                raise CatalogError(path, number, f"msgctxt after {state}")
            entry.line, entry.state, entry.value = number, "msgctxt", [value]
            entry.ctx = value
        elif keyword == "msgid":
            if state not in ("start", "msgctxt"):
                raise CatalogError(path, number, f"msgid after {state}: the previous entry has no msgstr")
            if state == "msgctxt":
                entry.ctx = "".join(entry.value or [])
            else:
                entry.line = number
            entry.state, entry.value = "msgid", [value]
        elif keyword == "msgid_plural":
            if state != "msgid":
                raise CatalogError(path, number, "msgid_plural without a msgid before it")
            entry.msgid = "".join(entry.value or [])
            entry.plural, entry.state, entry.value = True, "msgid_plural", [value]
        else:  # msgstr or msgstr[N]
            if state == "msgid":
                entry.msgid = "".join(entry.value or [])
            elif state == "msgid_plural":
                entry.msgid_plural = "".join(entry.value or [])
            elif state not in ("msgid_plural", "msgstr"):
                raise CatalogError(path, number, f"{keyword} without a msgid before it")
            if state == "msgstr" and index is None:
                raise CatalogError(path, number, "a second msgstr in the same entry")
            if entry.plural and index is None:
                raise CatalogError(path, number, "plural entry needs msgstr[0], msgstr[1]…, not msgstr")
            if not entry.plural and index is not None:
                raise CatalogError(path, number, f"{keyword} in an entry that has no msgid_plural")
            if index is not None and int(index) != entry.strings:
                raise CatalogError(path, number, f"expected msgstr[{entry.strings}], found {keyword}")
            if state == "msgstr":
                entry.translations.append("".join(entry.value or []))
            entry.strings += 1
            entry.state, entry.value = "msgstr", [value]
    finish(count + 1)
    return header


def expected_language(path: Path) -> str | None:
    """The language a catalogue's folder says it is in: ``<lang>/LC_MESSAGES/x.po``."""
    parent = path.parent
    if parent.name == "LC_MESSAGES":
        return parent.parent.name
    return None


# What catalogues in use write (fr, pt_BR, pt-BR, zh_Hans_CN, sr@latin, es_419, de_DE.UTF-8): looser than the
# codes the project's folders must have, since any project's catalogues are read, but never markup or a quote.
_HEADER_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*(?:\.[A-Za-z0-9-]{1,20})?(?:@[A-Za-z0-9]{1,16})?")


def _same_language(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


def header_language(header: str) -> str | None:
    """The ``Language`` field of a header's msgstr, if it has one."""
    match = _LANGUAGE.search(header)
    return match.group(1) if match and match.group(1) else None


def validate(path: Path) -> str:
    """Return the header of ``path``; raise CatalogError unless it is well formed and fits its folder."""
    return read_valid(path)[1]


def read_valid(path: Path) -> tuple[str, str]:
    """The decoded text and the header of a valid catalogue. Raises CatalogError."""
    text = _decode(path, read_catalogue_bytes(Path(path)))
    header = validate_text(path, text)
    language = header_language(header)
    folder = expected_language(Path(path))
    if language and not _HEADER_LANGUAGE.fullmatch(language):
        # Reports, job summaries and annotations print it: a code is all it may be.
        line = next((n for n, raw in enumerate(text.splitlines(), 1) if '"Language:' in raw), 1)
        message = f"header Language: {language[:40]!r} is not a language code (such as fr or pt_BR)"
        raise CatalogError(path, line, message)
    if folder and language and not _same_language(language, folder):
        line = next((n for n, raw in enumerate(text.splitlines(), 1) if '"Language:' in raw), 1)
        raise CatalogError(path, line, f"header says Language: {language} but the file is in the folder of {folder!r}")
    return text, header


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _locale_folder(path: Path) -> Path:
    """The folder a catalogue belongs to: ``locale/`` for ``locale/<lang>/LC_MESSAGES/x.po``, else its own."""
    parent = path.absolute().parent
    return parent.parent.parent if parent.name == "LC_MESSAGES" else parent


def read_catalogue_bytes(path: Path) -> bytes:
    """The bytes of a catalogue file; raises CatalogError for anything that is not a regular file within the
    limits, before opening it (a FIFO would block the reader forever, a device never ends)."""
    try:
        if os.path.islink(path):
            target = Path(os.path.realpath(path))
            home = Path(os.path.realpath(_locale_folder(path)))
            if not target.is_relative_to(home):
                raise CatalogError(path, 1, f"symbolic link to {target}, outside {home}: a catalogue is read only "
                                   "from inside its locale folder")  # fmt: skip
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode) and not path.name.endswith(".po"):
            with os.scandir(path):  # a folder listed because it could not be searched: say why
                pass
        if not stat.S_ISREG(info.st_mode):
            raise CatalogError(path, 1, f"{_kind(info.st_mode)}, not a catalogue file")
        if info.st_size > MAX_FILE_BYTES:
            raise CatalogError(path, 1, f"file of {info.st_size:,} bytes exceeds the limit of {MAX_FILE_BYTES:,}")
        # Non-blocking, and checked again once open: the name may have been replaced by a FIFO meanwhile.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                raise CatalogError(path, 1, f"{_kind(info.st_mode)}, not a catalogue file")
            with os.fdopen(os.dup(descriptor), "rb") as file:
                data = file.read(min(info.st_size, MAX_FILE_BYTES) + 1)
                if len(data) > info.st_size:  # it grew since: read on, up to the limit
                    data += file.read(MAX_FILE_BYTES + 1 - len(data))
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise CatalogError(path, 1, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise CatalogError(path, 1, f"file exceeds the limit of {MAX_FILE_BYTES:,} bytes")
    return data


def find_catalogs(paths: Iterable[Path]) -> list[Path]:
    """Every ``.po`` file named, or found below a named folder, sorted for stable output.

    Whatever is named ``*.po`` is listed, folders, pipes and links included, so that validation refuses it
    with a message rather than skipping it; so is a folder that cannot be searched. What vanishes during the
    search is left out. Links to folders are not followed (a named folder is searched even through one)."""
    found: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.update(_search(path))
        else:
            found.add(path)
    return sorted(found)


def _search(root: Path) -> Iterator[Path]:
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_folder = entry.is_dir(follow_symlinks=False)
                    except OSError:
                        continue  # vanished
                    if entry.name.endswith(".po"):
                        yield Path(entry.path)
                    if is_folder:
                        pending.append(Path(entry.path))
        except FileNotFoundError:
            continue
        except OSError:
            yield folder


def validate_all(paths: Iterable[Path]) -> Iterator[CatalogError]:
    """The first problem of each invalid catalogue among ``paths``."""
    for path in paths:
        try:
            validate(path)
        except CatalogError as exc:
            yield exc


@dataclass(frozen=True)
class Entry:
    """One live message of a catalogue, as the statistics and the checks need it."""

    msgid: str
    msgid_plural: str | None
    msgstrs: tuple[str, ...]  # the msgstr, or msgstr[0], msgstr[1]…
    context: str | None
    flags: frozenset[str]
    line: int  # of the msgid

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def untranslated(self) -> bool:
        """As msgfmt decides: the first msgstr is empty."""
        return not self.msgstrs or not self.msgstrs[0]


@dataclass(frozen=True)
class Catalogue:
    path: Path
    header: str
    entries: list[Entry]
    obsolete: int

    @property
    def metadata(self) -> dict[str, str]:
        fields = (line.partition(":") for line in self.header.splitlines() if ":" in line)
        return {name.strip(): value.strip() for name, _, value in fields}


# References, comments and blank lines are most of a catalogue's lines and of the parser's work, and neither
# counting nor checking needs them.
_SKIPPED = {"#:", "#.", "#|", "# ", "#"}


def read_catalogue(path: Path) -> Catalogue:
    """A validated catalogue, parsed by Babel. Raises CatalogError."""
    text, header = read_valid(path)
    kept = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and line[:2] not in _SKIPPED]
    numbers = [n for n, _ in kept]
    try:
        # Babel prints its complaints unless told to raise them; validation should leave it none to make.
        catalog = read_po([line for _, line in kept], abort_invalid=True)
    except PoFileError as error:
        raise CatalogError(path, numbers[min(error.lineno, len(numbers) - 1)], f"unreadable entry: {error}") from None
    except Exception as error:  # whatever Babel trips on is bad input to report, not a crash
        raise CatalogError(path, 1, f"Babel cannot read this catalogue: {type(error).__name__}: {error}") from None
    entries = []
    for message in catalog._messages.values():  # iterating the catalogue would yield the header first
        plural = isinstance(message.id, tuple)
        strings = tuple(message.string) if isinstance(message.string, tuple) else (message.string or "",)
        entries.append(
            Entry(
                msgid=message.id[0] if plural else message.id,
                msgid_plural=message.id[1] if plural else None,
                msgstrs=tuple(s or "" for s in strings),
                context=message.context,
                flags=frozenset(message.flags),
                line=numbers[message.lineno - 1],
            )
        )
    return Catalogue(Path(path), header, entries, len(catalog.obsolete))


def load(path: Path) -> polib.POFile:
    """A validated catalogue, parsed by polib; each entry's ``linenum`` is the line of its ``msgid``."""
    text, _header = read_valid(path)
    catalog = polib.pofile(text, wrapwidth=WRAP_WIDTH)
    lines = text.splitlines()
    for entry in catalog:
        # polib counts from the entry's first comment; editors and findings want the msgid line.
        index = max(entry.linenum - 1, 0)
        while index < len(lines) and not lines[index].lstrip().startswith(("msgid ", "#~ msgid ")):
            index += 1
        entry.linenum = index + 1
    return catalog
