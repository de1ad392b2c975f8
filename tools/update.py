"""Bring every catalogue up to date with the English source, the way ``msgmerge --previous`` does.

No translator's work is lost:

- A message still in the source keeps its translation, translator comments and flags; one that comes back
  exactly after it left gets them back from its obsolete (``#~``) entry, fuzzy only if it was.
- A new message is matched to the closest translated message of the catalogue, live or obsolete (msgmerge's
  similarity, the longest common subsequence over both lengths, at least 0.6, the threshold of msgmerge,
  sphinx-intl and Babel); the match lends its translation, comments and flags, is marked fuzzy and keeps the
  previous English (``#| msgid``) so the translator sees what changed. Without a match it is added
  untranslated.
- A message that left the source, and was not used for a match, is kept as an obsolete entry with its
  translation, comments and flags; one that carried nothing a translator wrote is dropped. Obsolete entries
  stay until ``python -m tools purge`` removes them.

Where this departs from msgmerge, it is to keep more: msgmerge drops flags it does not know and takes
``no-wrap`` and the format flags from the template, and drops an untranslated message that leaves with a
translator's comment; here the translator's flags stay (a format flag the template contradicts gives way) and
such a comment is kept obsolete. As msgmerge does with a UTF-8 template, the catalogue is written in UTF-8, its
header saying so: the English source has characters (``–``, ``’``) that Latin-1 and most legacy charsets cannot
hold, so a catalogue in one could not take new messages. Every catalogue is written in one canonical form,
GNU gettext's (``tools.po_writer``), so running the command twice, or ``msgcat`` after it, changes nothing,
and written atomically.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel import Locale
from babel.messages.plurals import get_plural
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from tools.atomic import remove_stale_temporaries, write_bytes_atomic
from tools.catalogues import load, parse_text
from tools.extract import templates
from tools.po_writer import canonical_text

CUTOFF = 0.6
ENCODING = "UTF-8"
# msgmerge prefers, among equally close candidates, one with the same context.
_SAME_CONTEXT_BONUS = 0.00001
HEADER_ORDER = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date", "Last-Translator",
    "Language-Team", "Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms",
)  # fmt: skip
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Leaving:
    """A message that left the English source: kept as an obsolete entry, or dropped (nothing to keep)."""

    msgid: str
    source: str  # where it was in the English source, ``docs/index.md:12``, or "" if nowhere
    line: int = 0  # of its obsolete entry in the written catalogue; 0 when dropped


@dataclass(frozen=True)
class Change:
    path: Path
    created: bool
    added: int
    fuzzy: int
    obsolete: tuple[Leaving, ...] = ()  # entries made obsolete by this update
    dropped: tuple[Leaving, ...] = ()  # entries removed with nothing of a translator's in them
    restored: int = 0  # obsolete entries back in use, exactly
    written: bool = False
    converted_from: str | None = None  # the charset the catalogue was in, when it was not UTF-8
    reviewed: int = 0  # entries no longer fuzzy whose previous English (#|) this update removed


@dataclass
class Merged:
    catalogue: polib.POFile
    added: int = 0
    fuzzy: int = 0
    restored: int = 0
    reviewed: int = 0
    obsolete: list[polib.POEntry] = field(default_factory=list)
    dropped: list[polib.POEntry] = field(default_factory=list)


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _has_translation(entry: polib.POEntry) -> bool:
    """As msgmerge decides: the msgstr, or the first plural form, is not empty."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural.get(0) or entry.msgstr_plural.get("0"))
    return bool(entry.msgstr)


def _has_work(entry: polib.POEntry) -> bool:
    """Whether an entry holds anything a translator wrote: a translation, a comment, a flag."""
    flags = [f for f in entry.flags if f != "fuzzy"]
    return _has_translation(entry) or bool(entry.tcomment) or bool(flags)


def new_catalogue(template: polib.POFile, language: str, domain: str) -> polib.POFile:
    """An empty catalogue for ``language`` with a complete header."""
    locale = Locale.parse(language)
    catalogue = polib.POFile()
    catalogue.header = (
        f"{locale.english_name} translation of the {domain!r} messages of this publication.\n"
        "Source text: docs/ in this repository."
    )
    catalogue.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", "").strip(),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": template.metadata.get("POT-Creation-Date", ""),
        "Last-Translator": template.metadata.get("Last-Translator", ""),
        "Language-Team": f"{locale.english_name} ({template.metadata.get('Language-Team', '')})",
        **_required_fields(language),
    }
    return catalogue


def _required_fields(language: str) -> dict[str, str]:
    """The header fields msgfmt, editors and the build rely on, in GNU gettext's order."""
    return {
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": f"text/plain; charset={ENCODING}",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_plural(language).plural_forms,
    }


def complete_header(catalogue: polib.POFile, language: str, domain: str = "index") -> None:
    """Fill in the header fields editors and tools rely on, keeping every value already there. ``domain`` is
    the catalogue's path under LC_MESSAGES (``dialogues/2015``), which sets how far up the repository is."""
    defaults = {
        **_required_fields(language),
        # References are relative to the repository root: Poedit and Lokalize then open the source line.
        "X-Poedit-Basepath": "/".join([".."] * (3 + domain.count("/"))),
    }
    for name, value in defaults.items():
        if not catalogue.metadata.get(name, "").strip():
            catalogue.metadata[name] = value
    # In the order of GNU gettext's templates (and polib's), whatever order a tool left them in (sphinx-intl
    # moves Language): msgcat and msgmerge keep the order they find.
    fields = dict(catalogue.metadata)
    catalogue.metadata.clear()
    for name in [*(n for n in HEADER_ORDER if n in fields), *(n for n in fields if n not in HEADER_ORDER)]:
        catalogue.metadata[name] = fields[name]


def to_utf8_header(catalogue: polib.POFile) -> str | None:
    """Make the header declare UTF-8, the encoding every catalogue is written in; return the charset it had."""
    content_type = catalogue.metadata.get("Content-Type", "")
    match = _CHARSET.search(content_type)
    if match is None:
        catalogue.metadata["Content-Type"] = f"{content_type.strip() or 'text/plain'}; charset={ENCODING}"
        return None
    declared = match.group(1)
    try:
        if codecs.lookup(declared).name == "utf-8":
            if declared != ENCODING:
                # Spelt as gettext spells it, which msgmerge writes whatever the template says.
                spelt = content_type[: match.start(1)] + ENCODING + content_type[match.end(1) :]
                catalogue.metadata["Content-Type"] = spelt
            return None
    except LookupError:
        pass  # the reader refuses such a file before it gets here; say it is replaced all the same
    catalogue.metadata["Content-Type"] = content_type[: match.start(1)] + ENCODING + content_type[match.end(1) :]
    return declared


def _closest(source: polib.POEntry, candidates: list[polib.POEntry], msgids: list[str]) -> polib.POEntry | None:
    """The candidate closest to ``source`` at or above CUTOFF, the first of equals, as msgmerge chooses.
    ``msgids``: the candidates' msgids, in their order."""
    # msgmerge's measure (gnulib's fstrcmp): the characters two texts share in order, their longest common
    # subsequence, over both lengths. rapidfuzz computes it in C: its ratio finds the few candidates near the
    # cut-off, then the integer distance gives the exact ratio, so that 0.6 is 0.6 at the bound.
    found = process.extract(source.msgid, msgids, scorer=fuzz.ratio, score_cutoff=CUTOFF * 100 - 0.01, limit=None)
    best, best_score = None, CUTOFF
    for _choice, _score, index in sorted(found, key=lambda item: item[2]):
        candidate = candidates[index]
        both = len(source.msgid) + len(candidate.msgid)
        score = (both - Indel.distance(source.msgid, candidate.msgid)) / both
        score += _SAME_CONTEXT_BONUS if candidate.msgctxt == source.msgctxt else 0.0
        if score >= best_score and (best is None or score > best_score):
            best, best_score = candidate, score
    return best


def _flags(kept: Iterable[str], template: Iterable[str], fuzzy: bool) -> list[str]:
    """The translator's flags, then the template's; a format flag the template contradicts gives way."""
    template = list(template)
    opposite = {f[3:] if f.startswith("no-") else f"no-{f}" for f in template if f.endswith("-format")}
    flags = [f for f in kept if f != "fuzzy" and f not in opposite]
    flags += [f for f in template if f not in flags and f != "fuzzy"]
    return (["fuzzy"] if fuzzy else []) + flags


def _translators_part(entry: polib.POEntry) -> dict[str, object]:
    """What a translator wrote on an entry, beside its msgstr: what update must never lose."""
    return {
        "tcomment": entry.tcomment,
        "flags": list(entry.flags),
        "previous_msgid": entry.previous_msgid,
        "previous_msgctxt": entry.previous_msgctxt,
        "previous_msgid_plural": entry.previous_msgid_plural,
    }


def _copy(entry: polib.POEntry, source: polib.POEntry, plurals: int) -> polib.POEntry:
    """A live entry for ``source`` carrying the translator's part of ``entry``; fuzzy if it changed number."""
    copied = polib.POEntry(msgid=source.msgid, msgctxt=source.msgctxt, msgstr=entry.msgstr, **_translators_part(entry))
    if source.msgid_plural:
        copied.msgid_plural = source.msgid_plural
        # A singular message become plural lends its translation to every form, as msgmerge does.
        copied.msgstr_plural = dict(entry.msgstr_plural) or dict.fromkeys(range(plurals), entry.msgstr)
        copied.msgstr = ""
    elif entry.msgid_plural:
        # A plural message become singular: its first form is the translation, as msgmerge takes it.
        copied.msgstr = entry.msgstr_plural.get(0) or entry.msgstr_plural.get("0") or ""
    if bool(source.msgid_plural) != bool(entry.msgid_plural) and _has_translation(entry):
        # The translation needs its forms reviewed: fuzzy, with the previous English, as msgmerge marks it.
        copied.flags = ["fuzzy", *copied.flags]
        copied.previous_msgctxt, copied.previous_msgid = entry.msgctxt, entry.msgid
        copied.previous_msgid_plural = entry.msgid_plural or None
    return copied


def _untranslated(source: polib.POEntry, plurals: int) -> polib.POEntry:
    entry = polib.POEntry(msgid=source.msgid, msgctxt=source.msgctxt, msgstr="")
    if source.msgid_plural:
        entry.msgid_plural = source.msgid_plural
        entry.msgstr_plural = dict.fromkeys(range(plurals), "")
    return entry


def file_only(occurrences: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The files a message is in, once each, without line numbers (``msgcat --add-location=file``): a paragraph
    added above a message then leaves its entry as it was, and a review shows only what changed."""
    return [(name, "") for name in dict.fromkeys(name for name, _line in occurrences)]


def _plurals(catalogue: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def merge(catalogue: polib.POFile, template: polib.POFile) -> Merged:
    """``catalogue`` with the template's messages, in the template's order, then its obsolete entries."""
    definitions = [e for e in catalogue if e.msgid or e.msgctxt]  # the header is not a message
    live = {_key(e): e for e in definitions if not e.obsolete}
    obsolete = {_key(e): e for e in definitions if e.obsolete}
    candidates = [e for e in definitions if _has_translation(e)]
    msgids = [e.msgid for e in candidates]
    result = Merged(polib.POFile())
    merged = result.catalogue
    merged.header, merged.metadata = catalogue.header, catalogue.metadata
    merged.metadata_is_fuzzy = catalogue.metadata_is_fuzzy
    used: set[int] = set()
    plurals = _plurals(catalogue)
    for source in template:
        old = live.get(_key(source)) or obsolete.get(_key(source))
        if old is not None:
            entry = _copy(old, source, plurals)
            result.restored += old.obsolete
            used.add(id(old))
        else:
            match = _closest(source, candidates, msgids)
            if match is None:
                entry = _untranslated(source, plurals)
                result.added += 1
            else:
                entry = _copy(match, source, plurals)
                entry.flags = ["fuzzy", *entry.flags]
                entry.previous_msgid, entry.previous_msgctxt = match.msgid, match.msgctxt
                entry.previous_msgid_plural = match.msgid_plural or None
                result.fuzzy += 1
                used.add(id(match))
        entry.occurrences = file_only(source.occurrences)
        entry.comment = source.comment
        entry.flags = _flags(entry.flags, source.flags, fuzzy="fuzzy" in entry.flags)
        if "fuzzy" not in entry.flags:
            # A translator who cleared the fuzzy flag by hand reviewed the entry; its #| lines are left over.
            result.reviewed += old is not None and bool(old.previous_msgid or old.previous_msgctxt)
            entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
        merged.append(entry)
    for entry in definitions:
        if id(entry) in used:
            continue
        if not _has_work(entry):
            if not entry.obsolete:
                result.dropped.append(entry)
            continue
        if not entry.obsolete:
            result.obsolete.append(entry)
        kept = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            msgstr=entry.msgstr,
            msgstr_plural=dict(entry.msgstr_plural),
            obsolete=True,
            **_translators_part(entry),
        )
        merged.append(kept)
    return result


def purge(catalogue: polib.POFile) -> int:
    """Remove the obsolete entries of ``catalogue``; return how many there were."""
    before = len(catalogue)
    catalogue[:] = [e for e in catalogue if not e.obsolete]
    return before - len(catalogue)


def render(catalogue: polib.POFile) -> bytes:
    """The canonical text of a catalogue (GNU gettext's form), in UTF-8 under a header that says so."""
    to_utf8_header(catalogue)
    return canonical_text(catalogue).encode(ENCODING)


def _where(entry: polib.POEntry) -> str:
    return ", ".join(f"{name}:{line}" if line else name for name, line in entry.occurrences[:1])


def _obsolete_lines(text: str) -> dict[tuple[str | None, str], int]:
    """The line of each obsolete entry's msgid in a rendered catalogue, by key."""
    parsed = parse_text(Path("rendered.po"), text)
    return {(message.context, message.msgid): message.line for message in parsed.messages if message.obsolete}


def update(root: Path, languages: list[str]) -> list[Change]:
    """Update the catalogues of ``languages`` under ``root/locale``; return one Change per catalogue."""
    changes = []
    with templates(root) as found:
        for language in languages:
            folder = root / "locale" / language / "LC_MESSAGES"
            remove_stale_temporaries(folder, nested=True)
            for domain, template in found.items():
                changes.append(update_file(folder / f"{domain}.po", template, language, domain))
    return changes


def update_file(path: Path, template: polib.POFile, language: str, domain: str) -> Change:
    """Bring one catalogue up to date with its template, creating it if there is none; write it if it changed."""
    created = not path.exists()
    catalogue = new_catalogue(template, language, domain) if created else load(path)
    complete_header(catalogue, language, domain)
    converted_from = to_utf8_header(catalogue)
    result = merge(catalogue, template)
    content = render(result.catalogue)
    written = created or path.read_bytes() != content
    if written:
        path.parent.mkdir(parents=True, exist_ok=True)  # a nested document's folder too
        write_bytes_atomic(path, content)
    lines = _obsolete_lines(content.decode(ENCODING)) if result.obsolete else {}
    return Change(
        path,
        created,
        result.added,
        result.fuzzy,
        tuple(Leaving(e.msgid, _where(e), lines.get(_key(e), 0)) for e in result.obsolete),
        tuple(Leaving(e.msgid, _where(e)) for e in result.dropped),
        result.restored,
        written,
        converted_from,
        result.reviewed,
    )


def _name(msgid: str, words: int) -> str:
    """The first words of a message, to name it in a report."""
    parts = msgid.split()
    return '"' + " ".join(parts[:words]) + (" …" if len(parts) > words else "") + '"'


def report(change: Change, shown: str) -> list[str]:
    """What an update did to one catalogue (shown as ``shown``): a summary, then a line per entry that left."""
    state = "created" if change.created else "updated" if change.written else "unchanged"
    counts = [f"{change.added} added", f"{change.fuzzy} fuzzy"]
    if change.restored:
        counts.append(f"{change.restored} restored")
    names = ", ".join(_name(gone.msgid, 4) for gone in change.obsolete)
    counts.append(f"{len(change.obsolete)} obsolete" + (f" ({names})" if names else ""))
    if change.dropped:
        names = ", ".join(_name(gone.msgid, 4) for gone in change.dropped)
        counts.append(f"{len(change.dropped)} removed untranslated ({names})")
    if change.reviewed:
        counts.append(f"{change.reviewed} reviewed (previous English removed)")
    if change.converted_from:
        counts.append(f"converted from {change.converted_from} to UTF-8")
    lines = [f"{shown}: {state}: {', '.join(counts)}"]
    for gone in change.obsolete:
        was = f" (was {gone.source})" if gone.source else ""
        lines.append(f"{shown}:{gone.line}: now obsolete, kept as #~: {_name(gone.msgid, 8)}{was}")
    for gone in change.dropped:
        was = f" (was {gone.source})" if gone.source else ""
        lines.append(f"{shown}: removed, untranslated and uncommented: {_name(gone.msgid, 8)}{was}")
    return lines


def purge_obsolete(root: Path, languages: list[str]) -> list[tuple[Path, int]]:
    """Remove the obsolete entries of the catalogues of ``languages``; (catalogue, entries removed) for each."""
    purged = []
    for language in languages:
        folder = root / "locale" / language / "LC_MESSAGES"
        remove_stale_temporaries(folder, nested=True)
        for path in sorted(folder.rglob("*.po")):
            catalogue = load(path)
            count = purge(catalogue)
            if count:
                write_bytes_atomic(path, render(catalogue))
            purged.append((path, count))
    return purged
