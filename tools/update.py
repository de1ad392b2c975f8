"""Bring every catalogue up to date with the English source, the way msgmerge does.

New messages are added untranslated. A changed message is matched to the closest message that left the
source (difflib's ratio of 0.6 or more, as Babel and sphinx-intl use), keeps that translation for review,
is marked fuzzy and keeps the previous English text (``#| msgid``) so the translator sees what changed.
Removed messages are dropped, not kept as ``#~`` entries. Translator comments stay with their message.
Every catalogue is written in one canonical form, polib's with lines wrapped at 78 columns, so running the
command twice changes nothing. (Babel's own merge and writer lose multi-line ``#|`` lines, hence polib.)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import polib
from babel import Locale
from babel.messages.plurals import get_plural

from tools.catalogs import WRAP_WIDTH, load
from tools.extract import templates

CUTOFF = 0.6


@dataclass(frozen=True)
class Change:
    path: Path
    created: bool
    added: int
    fuzzy: int
    removed: int
    written: bool = False


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def new_catalog(template: polib.POFile, language: str, domain: str) -> polib.POFile:
    """An empty catalogue for ``language`` with a complete header."""
    locale = Locale.parse(language)
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalog.header = (
        f"{locale.english_name} translation of the {domain!r} messages of this publication.\n"
        "Source text: docs/ in this repository."
    )
    catalog.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", "").strip(),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": template.metadata.get("POT-Creation-Date", ""),
        "Last-Translator": template.metadata.get("Last-Translator", ""),
        "Language-Team": f"{locale.english_name} ({template.metadata.get('Language-Team', '')})",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_plural(language).plural_forms,
    }
    return catalog


def complete_header(catalog: polib.POFile, language: str) -> None:
    """Fill in the header fields editors and tools rely on, keeping every value already there."""
    defaults = {
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_plural(language).plural_forms,
        # References are relative to the repository root: Poedit and Lokalize then open the source line.
        "X-Poedit-Basepath": "../../..",
    }
    for name, value in defaults.items():
        if not catalog.metadata.get(name, "").strip():
            catalog.metadata[name] = value


def merge(catalog: polib.POFile, template: polib.POFile) -> tuple[polib.POFile, int, int, int]:
    """``catalog`` with the template's messages, in the template's order; (catalogue, added, fuzzy, removed)."""
    old = {_key(e): e for e in catalog if not e.obsolete}
    leaving = {key: entry for key, entry in old.items() if key not in {_key(t) for t in template}}
    merged = polib.POFile(wrapwidth=WRAP_WIDTH)
    merged.header, merged.metadata, merged.metadata_is_fuzzy = catalog.header, catalog.metadata, []
    added = fuzzy = 0
    for source in template:
        entry = old.get(_key(source))
        if entry is None:
            entry = polib.POEntry(msgid=source.msgid, msgctxt=source.msgctxt, msgstr="")
            candidates = [e.msgid for e in leaving.values() if e.msgctxt == source.msgctxt and e.translated()]
            match = difflib.get_close_matches(source.msgid, candidates, n=1, cutoff=CUTOFF)
            if match:
                previous = leaving.pop((source.msgctxt, match[0]))
                entry.msgstr, entry.tcomment = previous.msgstr, previous.tcomment
                entry.previous_msgid = previous.msgid
                entry.flags = ["fuzzy"]
                fuzzy += 1
            else:
                added += 1
        entry.occurrences = list(source.occurrences)
        entry.comment = source.comment
        # The translator's flags (fuzzy, ignore-<check>) stay; format flags follow the English.
        kept = [f for f in entry.flags if f == "fuzzy" or f.startswith("ignore-")]
        entry.flags = kept + [f for f in source.flags if f not in kept]
        if not entry.fuzzy:
            entry.previous_msgid = entry.previous_msgctxt = None
        merged.append(entry)
    return merged, added, fuzzy, len(leaving)


def render(catalog: polib.POFile) -> bytes:
    """The canonical text of a catalogue."""
    catalog.wrapwidth = WRAP_WIDTH
    return str(catalog).encode("utf-8")


def canonical_problem(path: Path, fix: bool = False) -> tuple[int, str] | None:
    """(line, message) where ``path`` first departs from the canonical form; rewritten instead when ``fix``."""
    current = path.read_bytes()
    canonical = render(load(path))
    if current == canonical:
        return None
    if fix:
        path.write_bytes(canonical)
        return None
    old, new = current.splitlines(), canonical.splitlines()
    line = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False), start=1) if a != b), min(len(old), len(new)) + 1
    )
    return (
        line,
        "not in the canonical form (line wrapping, field order); run: python -m tools check --fix",
    )


def update(root: Path, languages: list[str]) -> list[Change]:
    """Update the catalogues of ``languages`` under ``root/locale``; return one Change per catalogue."""
    changes = []
    with templates(root) as found:
        for language in languages:
            for domain, template in found.items():
                path = root / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
                created = not path.exists()
                catalog = new_catalog(template, language, domain) if created else load(path)
                complete_header(catalog, language)
                merged, added, fuzzy, removed = merge(catalog, template)
                content = render(merged)
                written = created or path.read_bytes() != content
                if written:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(content)
                changes.append(Change(path, created, added, fuzzy, removed, written))
    return changes
