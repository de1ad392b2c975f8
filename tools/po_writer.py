"""Catalogues written in GNU gettext's own form, the one ``msgcat`` writes: the project's canonical form.

The order of the parts of an entry, the wrapping of strings (``tools.po_wrap``) and of references, and which
flags are written are those of ``write-po.c``, so ``msgcat``, ``msgmerge`` and the editors that follow them
(Poedit, Weblate, powrap) leave a catalogue the project wrote unchanged. Two departures keep a translator's
work that gettext would drop: a flag gettext does not know is kept after the ones it knows, and a suppression
flag (``ignore-<id>``) is written as the translator comment ``# ignore-<id>``, which every tool keeps.
"""

from __future__ import annotations

import re

import polib

from tools.po_grammar import SUPPRESSION, suppressions
from tools.po_wrap import PAGE_WIDTH, wrap

# The flags gettext knows, in its order after "fuzzy": the format flags, then range, then wrap.
_FORMAT_FLAG = re.compile(r"(?:no-|possible-|impossible-)?[a-z0-9+-]+-format$")


def _comment_lines(marker: str, lines: list[str]) -> list[str]:
    return [f"{marker} {line}" if line else marker for line in lines]


def _references(occurrences: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    current, column = "#:", 2
    for name, number in dict.fromkeys(occurrences):  # gettext writes a location once
        item = f"{name}:{number}" if number else name
        width = len(item) + 1
        if column > 2 and column + width > PAGE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + item
        column += width
    lines.append(current)
    return lines


def _flags(entry: polib.POEntry, translated: bool) -> tuple[list[str], list[str]]:
    """The flags line's flags in gettext's order, and the suppressions, which go to a comment."""
    flags = list(dict.fromkeys(entry.flags))
    known = [flag for flag in flags if _FORMAT_FLAG.match(flag)]
    known += [flag for flag in flags if flag.startswith("range:")]
    known += [flag for flag in flags if flag in ("wrap", "no-wrap")]
    moved = [flag for flag in flags if SUPPRESSION.match(flag)]
    other = [flag for flag in flags if flag not in known and flag not in moved and flag != "fuzzy"]
    fuzzy = ["fuzzy"] if "fuzzy" in flags and translated else []
    return fuzzy + known + other, moved


def _entry_lines(entry: polib.POEntry, header: str | None = None) -> list[str]:
    prefix = "#~ " if entry.obsolete else ""
    plural = bool(entry.msgid_plural)
    strings = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)] if plural else [entry.msgstr]
    if header is not None:
        strings = [header]
    flags, moved = _flags(entry, bool(strings and strings[0]))
    comments = entry.tcomment.split("\n") if entry.tcomment else []
    if moved:
        silenced = sorted(suppressions(comments, moved))
        comments = [line for line in comments if not suppressions([line])]
        comments.append(", ".join(f"ignore-{name}" for name in silenced))
    lines = _comment_lines("#", comments)
    lines += _comment_lines("#.", entry.comment.split("\n") if entry.comment else [])
    if entry.occurrences:
        lines += _references(entry.occurrences)
    if flags:
        lines.append("#, " + ", ".join(flags))
    for name in ("msgctxt", "msgid", "msgid_plural"):
        previous = getattr(entry, f"previous_{name}")
        if previous is not None:
            lines += wrap(name, previous, "#~| " if entry.obsolete else "#| ")
    if entry.msgctxt is not None:
        lines += wrap("msgctxt", entry.msgctxt, prefix)
    lines += wrap("msgid", entry.msgid, prefix)
    if plural:
        lines += wrap("msgid_plural", entry.msgid_plural, prefix)
        for index, text in enumerate(strings):
            lines += wrap(f"msgstr[{index}]", text, prefix)
    else:
        lines += wrap("msgstr", strings[0], prefix)
    return lines


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr)


def header_text(catalogue: polib.POFile) -> str:
    """The header's msgstr: as it was read while its fields are unchanged (a field may be given twice, which a
    dict cannot hold), else its fields in their order, which msgcat keeps as it finds it."""
    as_read = getattr(catalogue, "header_as_read", None)
    if as_read is not None and as_read[1] == dict(catalogue.metadata):
        return as_read[0]
    return "".join(f"{name}: {value}\n" for name, value in catalogue.metadata.items())


def canonical_text(catalogue: polib.POFile) -> str:
    """``catalogue`` as ``msgcat`` would write it: header, live entries, then obsolete ones."""
    blocks: list[list[str]] = []
    if catalogue.metadata or catalogue.header:
        header = polib.POEntry(msgid="", msgstr="", tcomment=catalogue.header)
        header.flags = ["fuzzy"] if catalogue.metadata_is_fuzzy else []
        blocks.append(_entry_lines(header, header_text(catalogue)))
    live = [entry for entry in catalogue if not entry.obsolete]
    blocks += [_entry_lines(entry) for entry in live]
    # gettext writes no obsolete entry without a translation; one with a translator's comment is kept here.
    blocks += [_entry_lines(entry) for entry in catalogue if entry.obsolete and (_translated(entry) or entry.tcomment)]
    return "\n".join("\n".join(lines) + "\n" for lines in blocks)
