"""Finding, decoding and loading gettext catalogues, with the project's rules on top of the one reader.

Every command reads catalogues through ``read_catalogue`` (``tools.po_grammar`` does the parsing, as GNU
gettext parses): ``stats`` counts what msgfmt counts, ``check`` and the build refuse what the build may not use
(``require_usable``), and the writers get polib objects from ``load``. Errors name the file and line, as
compilers do, so an editor can jump to them.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from tools.catalogue_error import CatalogueError
from tools.language_codes import same_language
from tools.plural_forms import PluralFormsError, check_header
from tools.po_grammar import Message, Parsed, Problem, parse, parse_strings

# Characters Python's splitlines() breaks lines at and gettext does not: line numbers would drift after them.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CHARSET = re.compile(r"charset=([^ \t\n]*)")
_PLURAL_FORMS_FIELD = re.compile(r"^Plural-Forms:(.*)$", re.MULTILINE)
_LANGUAGE = re.compile(r"^Language:\s*(\S*)\s*$", re.MULTILINE)


# Far above the largest real catalogues (367 KB): a limit that keeps a hostile file from filling the memory.
MAX_FILE_BYTES = 10 * 1024 * 1024

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
# The names gettext gives them (standard_charsets), compared without case as it compares them. Under another
# name of one of them (UTF8, latin-1), msgfmt warns and reads the messages unconverted, bytes it would refuse
# included; the reader decodes such a file when it can, and otherwise reads it unconverted too.
_PORTABLE_NAMES = frozenset([
    "ASCII", "ANSI_X3.4-1968", "US-ASCII",
    *(f"ISO{sep}8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15) for sep in "-_"),
    "KOI8-R", "KOI8-U", "KOI8-T", "CP850", "CP866", "CP874", "CP932", "CP949", "CP950", "CP1250", "CP1251",
    "CP1252", "CP1253", "CP1254", "CP1255", "CP1256", "CP1257", "GB2312", "EUC-JP", "EUC-KR", "BIG5",
    "BIG5-HKSCS", "GBK", "GB18030", "SHIFT_JIS", "JOHAB", "TIS-620", "UTF-8",
])
# fmt: on
_BOMS = (
    (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _string(literal: str) -> str:
    return parse_strings(literal)[0].partition("\0")[0]  # a C string, as gettext reads each literal


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
                if not line.startswith("msgid") or _string(line[5:].strip()):
                    return []
                state = "msgid"
            elif state == "msgid" and line[:1] == '"':
                if _string(line):
                    return []
            elif state == "msgid" and line.startswith("msgstr"):
                strings.append((number, _string(line[6:].strip())))
                state = "msgstr"
            elif state == "msgstr" and line[:1] == '"':
                strings.append((number, _string(line)))
            else:
                return strings if state == "msgstr" else []
        except ValueError:
            return strings if state == "msgstr" else []
    return strings


def _declared_charset(text: str) -> tuple[str, int] | None:
    """The charset of the header and its line: the first ``charset=`` anywhere in the header's msgstr, where
    gettext looks for it (normally in its Content-Type field); comments and messages do not count."""
    strings = _header_strings(text)
    header = "".join(value for _, value in strings)
    match = _CHARSET.search(header)
    if match is None:
        return None
    at = match.start()
    for number, value in strings:
        if at < len(value):
            return match.group(1), number
        at -= len(value)
    return match.group(1), strings[-1][0]


def _decode(path: Path, data: bytes, problems: list[Problem]) -> str:
    """Decode with the charset the header's Content-Type declares. Without one, msgfmt takes the bytes as they
    are: they are read as UTF-8 here, and the missing charset is an error of the project's."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            # msgfmt reads the mark as text and stops with a syntax error on line 1: say what it is.
            advice = "save the file as UTF-8 without BOM" if name == "UTF-8" else "save the file as UTF-8"
            raise CatalogueError(path, 1, f"the file starts with a {name} byte order mark (BOM), which msgfmt refuses; "
                               f"{advice}")  # fmt: skip
    declared = _declared_charset(data.decode("latin-1"))
    if declared is None or declared[0].upper() == "CHARSET":
        if declared is None:
            message = "the header declares no charset (add 'Content-Type: text/plain; charset=UTF-8')"
        else:
            message = "the header charset is the template placeholder CHARSET; set it to UTF-8"
        problems.append(Problem(declared[1] if declared else 1, message, "error"))
        return _unconverted(data)
    name, line = declared
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = None
    if codec not in _PORTABLE_CHARSETS:
        shown = name if name.isprintable() and len(name) <= 40 else f"{name[:40]!r}"
        problems.append(Problem(line, f"charset {shown} is not a text encoding gettext reads catalogues in; "
                                "use UTF-8", "error"))  # fmt: skip
        return _unconverted(data)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        if name.upper() not in _PORTABLE_NAMES:
            problems.append(Problem(line, f"charset {name} is not a name gettext knows, so it reads the messages "
                                    "unconverted, and they are not valid in it; use UTF-8", "error"))  # fmt: skip
            return _unconverted(data)
        header_lines = {number for number, _ in _header_strings(data.decode("latin-1"))}
        return _decode_lines(path, data, codec, name, problems, header_lines)


def _unconverted(data: bytes) -> str:
    """A catalogue whose charset msgfmt cannot use: it then checks and converts no byte, and counts. So does this
    reading (as UTF-8, a bad byte replaced: the grammar's characters are ASCII), which only statistics use."""
    return data.decode("utf-8", errors="replace")


def _decode_lines(
    path: Path, data: bytes, codec: str, name: str, problems: list[Problem], header_lines: set[int]
) -> str:
    """Line by line: msgfmt checks the bytes of messages once the header has said their charset, so a bad byte in
    a comment or in the header itself is no error of its (the project refuses it: a writer would have to change
    the text); in a message, it stops at its line."""
    lines = []
    # Keyword lines that start entries, obsolete ones too: msgfmt knows the charset from the keyword that ends
    # the header entry on, the first of the entry after it.
    keywords = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        stripped = raw.lstrip(b" \t\r\f\v")
        # "#~" marks an obsolete entry's tokens, and a "#" after it starts a comment as anywhere else.
        obsolete = stripped.startswith(b"#~")
        body = stripped[2:].lstrip(b" \t\r\f\v") if obsolete else stripped
        comment = body.startswith(b"#")
        keywords += body.startswith((b"msgid", b"msgctxt"))
        try:
            lines.append(raw.decode(codec))
        except UnicodeDecodeError as exc:
            message = f"byte 0x{raw[exc.start]:02x} is not valid {name}"
            known = keywords >= 2  # before, msgfmt decodes nothing: it does not know the charset yet
            where = "a comment" if comment else "the header" if number in header_lines else "what precedes the header"
            # The character after "#" says which kind of comment it is: msgfmt decodes that one, and stops at
            # a bad byte there, though not in the rest of the comment.
            kind = comment and exc.start == len(raw) - len(body) + 1 and known
            if (not comment and number not in header_lines and known) or kind:
                raise CatalogueError(path, number, message) from None
            problems.append(Problem(number, f"{message} (in {where})", "error"))
            lines.append(raw.decode(codec, errors="replace"))
    return "\n".join(lines)


def parse_text(path: Path, text: str, problems: list[Problem] | None = None) -> Parsed:
    """Read ``text`` as msgfmt does; raise CatalogueError where msgfmt stops. The problems msgfmt lets pass
    (``msgfmt -c``'s plural forms, the project's limits, warnings) are added to those the decoding found."""
    early = list(problems or [])
    other = _OTHER_LINE_BREAKS.search(text)
    if other:
        line = text.count("\n", 0, other.start()) + 1
        early.append(Problem(line, f"character U+{ord(other.group()):04X} (a line or page break for some tools, "
                             "not for gettext): remove it or write it as an escape", "error"))  # fmt: skip
    # Split as gettext does, at line feeds only, or every line number after a lone CR would drift.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and not lines[-1]:
        lines.pop()
    parsed = parse(path, lines, text.endswith("\n"))
    parsed.problems[:0] = early
    header = parsed.header
    if header is None:
        # Said first: it is why there is no charset either.
        parsed.problems.insert(0, Problem(1, 'no header entry (msgid "") at the top of the file', "error"))
        parsed.problems.sort(key=lambda problem: problem.line)
        return parsed
    plurals = parsed.plurals
    try:
        check_header(header, (min(plurals), max(plurals)) if plurals else None)
    except PluralFormsError as error:
        line = next((n for n, raw in enumerate(lines, 1) if "plural" in raw and raw.lstrip()[:1] == '"'), 1)
        parsed.problems.append(Problem(line, f"malformed Plural-Forms: {error}", "error"))
    plural_forms = _PLURAL_FORMS_FIELD.search(header)
    if plural_forms and not ("nplurals=" in plural_forms.group(1) and "plural=" in plural_forms.group(1)):
        line = next((n for n, raw in enumerate(lines, 1) if '"Plural-Forms:' in raw), 1)
        parsed.problems.append(Problem(line, "malformed Plural-Forms: expected 'nplurals=N; plural=EXPRESSION;'",
                                       "error"))  # fmt: skip
    language = header_language(header)
    if language and _usable_language(path, language) is None:
        line = next((n for n, raw in enumerate(lines, 1) if '"Language:' in raw), 1)
        if not _HEADER_LANGUAGE.fullmatch(language):
            # Reports, job summaries and annotations print it: a code is all it may be.
            message = f"header Language: {language[:40]!r} is not a language code (such as fr or pt_BR)"
        else:
            message = f"header says Language: {language} but the file is in the folder of {expected_language(path)!r}"
        parsed.problems.append(Problem(line, message, "error"))
    parsed.problems.sort(key=lambda problem: problem.line)
    return parsed


def require_usable(catalogue: Catalogue) -> None:
    """Raise CatalogueError unless the build may use ``catalogue`` (no error, warnings allowed)."""
    for problem in catalogue.problems:
        if problem.severity == "error":
            raise CatalogueError(catalogue.path, problem.line, problem.message)


def messages_folder(path: Path) -> Path | None:
    """The ``LC_MESSAGES`` folder a catalogue is in, at any depth: a document in a folder has its catalogue in
    the same folder under it (``<lang>/LC_MESSAGES/dialogues/2015.po`` for ``docs/dialogues/2015.md``)."""
    return next((parent for parent in Path(path).parents if parent.name == "LC_MESSAGES"), None)


def expected_language(path: Path) -> str | None:
    """The language a catalogue's folder says it is in: ``<lang>/LC_MESSAGES/x.po``, or deeper for a domain
    in a folder (``<lang>/LC_MESSAGES/syntax/x.po``)."""
    folder = messages_folder(path)
    return (folder.parent.name or None) if folder is not None else None


def document_domain(path: Path) -> str | None:
    """The document a catalogue translates, ``dialogues/2015`` for ``<lang>/LC_MESSAGES/dialogues/2015.po``."""
    folder = messages_folder(path)
    return Path(path).relative_to(folder).with_suffix("").as_posix() if folder is not None else None


def document_folder(path: Path) -> str:
    """The folder, in the source tree, of the document a catalogue translates (``dialogues`` for
    ``<lang>/LC_MESSAGES/dialogues/2015.po``): relative links in its messages start there."""
    folder = messages_folder(path)
    relative = Path(path).parent.relative_to(folder).as_posix() if folder is not None else "."
    return "" if relative == "." else relative


# What catalogues in use write (fr, pt_BR, pt-BR, zh_Hans_CN, sr@latin, es_419, de_DE.UTF-8): looser than the
# codes the project's folders must have, since any project's catalogues are read, but never markup or a quote.
_HEADER_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*(?:\.[A-Za-z0-9-]{1,20})?(?:@[A-Za-z0-9]{1,16})?")


def _usable_language(path: Path, language: str) -> str | None:
    """``language`` if it is a code and fits the catalogue's folder, else None."""
    folder = expected_language(Path(path))
    if not _HEADER_LANGUAGE.fullmatch(language) or (folder and not same_language(language, folder)):
        return None
    return language


def header_language(header: str) -> str | None:
    """The ``Language`` field of a header's msgstr, if it has one."""
    match = _LANGUAGE.search(header)
    return match.group(1) if match and match.group(1) else None


def validate(path: Path) -> str:
    """Return the header of ``path``; raise CatalogueError unless it is well formed and fits its folder."""
    return read_valid(path)[1]


def read_valid(path: Path) -> tuple[str, str]:
    """The decoded text and the header of a catalogue the build may use. Raises CatalogueError."""
    catalogue = read_catalogue(path)
    require_usable(catalogue)
    return catalogue.text, catalogue.header


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


def locale_folder(path: Path) -> Path:
    """The folder a catalogue belongs to: ``locale/`` for ``locale/<lang>/LC_MESSAGES/x.po`` (at any depth under
    ``LC_MESSAGES``), else its own."""
    folder = messages_folder(Path(path).absolute())
    return folder.parent.parent if folder is not None else Path(path).absolute().parent


def read_catalogue_bytes(path: Path) -> bytes:
    """The bytes of a catalogue file; raises CatalogueError for anything that is not a regular file within the
    limits, before opening it (a FIFO would block the reader forever, a device never ends)."""
    try:
        if os.path.islink(path):
            target = Path(os.path.realpath(path))
            home = Path(os.path.realpath(locale_folder(path)))
            if not target.is_relative_to(home):
                raise CatalogueError(path, 1, f"symbolic link to {target}, outside {home}: a catalogue is read only "
                                   "from inside its locale folder")  # fmt: skip
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode) and not path.name.endswith(".po"):
            with os.scandir(path):  # a folder listed because it could not be searched: say why
                pass
        if not stat.S_ISREG(info.st_mode):
            raise CatalogueError(path, 1, f"{_kind(info.st_mode)}, not a catalogue file")
        if info.st_size > MAX_FILE_BYTES:
            raise CatalogueError(path, 1, f"file of {info.st_size:,} bytes exceeds the limit of {MAX_FILE_BYTES:,}")
        # Non-blocking, and checked again once open: the name may have been replaced by a FIFO meanwhile.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                raise CatalogueError(path, 1, f"{_kind(info.st_mode)}, not a catalogue file")
            with os.fdopen(os.dup(descriptor), "rb") as file:
                data = file.read(min(info.st_size, MAX_FILE_BYTES) + 1)
                if len(data) > info.st_size:  # it grew since: read on, up to the limit
                    data += file.read(MAX_FILE_BYTES + 1 - len(data))
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise CatalogueError(path, 1, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise CatalogueError(path, 1, f"file exceeds the limit of {MAX_FILE_BYTES:,} bytes")
    return data


def find_catalogues(paths: Iterable[Path]) -> list[Path]:
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


def validate_all(paths: Iterable[Path]) -> Iterator[CatalogueError]:
    """The first problem of each invalid catalogue among ``paths``."""
    for path in paths:
        try:
            validate(path)
        except CatalogueError as exc:
            yield exc


Entry = Message  # one message of a catalogue, as statistics and checks see it


@dataclass(frozen=True)
class Catalogue:
    """A catalogue as msgfmt reads it, and what is wrong with it."""

    path: Path
    text: str
    parsed: Parsed

    @property
    def header(self) -> str:
        return self.parsed.header or ""

    @property
    def entries(self) -> list[Message]:
        return [message for message in self.parsed.messages if not message.obsolete]

    @property
    def obsolete_entries(self) -> list[Message]:
        return [message for message in self.parsed.messages if message.obsolete]

    @property
    def obsolete(self) -> int:
        return len(self.obsolete_entries)

    @property
    def problems(self) -> list[Problem]:
        return self.parsed.problems

    @property
    def language(self) -> str | None:
        """The header's Language, if it is a code that fits the folder (otherwise it is one of the problems)."""
        declared = header_language(self.header)
        return _usable_language(self.path, declared) if declared else None

    @property
    def metadata(self) -> dict[str, str]:
        fields = (line.partition(":") for line in self.header.splitlines() if ":" in line)
        return {name.strip(): value.strip() for name, _, value in fields}


def read_catalogue(path: Path) -> Catalogue:
    """A catalogue as msgfmt reads it. Raises CatalogueError where msgfmt would refuse it; what msgfmt lets pass
    and the project does not is in ``problems``."""
    path = Path(path)
    problems: list[Problem] = []
    text = _decode(path, read_catalogue_bytes(path), problems)
    return Catalogue(path, text, parse_text(path, text, problems))


def _polib_entry(message: Message, cls: type[polib.POEntry]) -> polib.POEntry:
    entry = cls(
        msgid=message.msgid,
        msgctxt=message.context,
        tcomment="\n".join(message.comments),
        comment="\n".join(message.extracted),
        flags=list(message.flags),
        obsolete=message.obsolete,
        linenum=message.line,
        previous_msgctxt=message.previous.get("msgctxt"),
        previous_msgid=message.previous.get("msgid"),
        previous_msgid_plural=message.previous.get("msgid_plural"),
    )
    entry.occurrences = [_occurrence(reference) for reference in message.references]
    if message.msgid_plural is not None:
        entry.msgid_plural = message.msgid_plural
        entry.msgstr_plural = dict(enumerate(message.msgstrs))
    else:
        entry.msgstr = message.msgstrs[0]
    return entry


def _occurrence(reference: str) -> tuple[str, str]:
    name, colon, line = reference.rpartition(":")
    return (name, line) if colon and line.isdigit() else (reference, "")


def load(path: Path) -> polib.POFile:
    """A catalogue the build may use, as polib objects for the writers; each entry's ``linenum`` is the line
    of its ``msgid``. Raises CatalogueError."""
    catalogue = read_catalogue(path)
    require_usable(catalogue)
    return to_polib(catalogue)


def to_polib(catalogue: Catalogue) -> polib.POFile:
    """``catalogue`` as polib objects for the writers."""
    objects = polib.POFile()
    header = catalogue.parsed.header_message
    if header is not None:
        objects.header = "\n".join(header.comments)
        objects.metadata_is_fuzzy = header.fuzzy
        for name, value in catalogue.metadata.items():
            objects.metadata[name] = value
        # Written back as it was while nothing changes it (a field may be there twice, which a dict cannot say).
        objects.header_as_read = (catalogue.header, dict(objects.metadata))
    for message in catalogue.parsed.messages:
        objects.append(_polib_entry(message, polib.POEntry))
    return objects
