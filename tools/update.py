"""Bring every catalogue up to date with the English source, the way msgmerge and sphinx-intl do.

New messages are added untranslated; a changed message is matched to its old translation, marked fuzzy and
keeps the previous English text (``#| msgid``) so the translator sees what changed; removed messages are
dropped rather than kept as ``#~`` entries. Every catalogue is written in one canonical form (Babel's, lines
wrapped at 76 columns), so running the command twice changes nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from tools.catalogs import read_valid
from tools.extract import templates

WIDTH = 76


@dataclass(frozen=True)
class Change:
    path: Path
    created: bool
    added: int
    fuzzy: int
    removed: int
    written: bool


def _key(message: Message) -> tuple[str | None, str]:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


def render(catalog: Catalog) -> bytes:
    """The canonical text of a catalogue."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True, include_previous=True)
    return buffer.getvalue()


def _new_catalog(template: Catalog, language: str, domain: str) -> Catalog:
    catalog = Catalog(
        locale=Locale.parse(language),
        domain=domain,
        project=template.project,
        version=template.version,
        creation_date=template.creation_date,
        last_translator=template.last_translator,
        language_team=template.language_team,
        fuzzy=False,
    )
    return catalog


def merge(template: Catalog, path: Path, language: str, domain: str) -> tuple[Catalog, Change]:
    """The catalogue at ``path`` (or a new one) updated from ``template``, and what changed."""
    created = not path.exists()
    if created:
        catalog = _new_catalog(template, language, domain)
        before: dict = {}
    else:
        text, _header = read_valid(path)
        catalog = read_po(text.splitlines(), locale=language, domain=domain, abort_invalid=True)
        before = {_key(m): m.fuzzy for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, update_creation_date=False)
    after = {_key(m): m.fuzzy for m in catalog if m.id}
    added = sum(1 for key in after if key not in before and not after[key])
    fuzzy = sum(1 for key, is_fuzzy in after.items() if is_fuzzy and not before.get(key, False))
    removed = sum(1 for key in before if key not in after)
    catalog.obsolete.clear()
    return catalog, Change(path, created, added, fuzzy, removed, written=False)


def update(root: Path, languages: list[str]) -> list[Change]:
    """Update the catalogues of ``languages`` under ``root/locale``; return one Change per catalogue."""
    changes = []
    with templates(root) as found:
        for language in languages:
            for domain, template in found.items():
                path = root / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
                catalog, change = merge(template, path, language, domain)
                content = render(catalog)
                written = not path.exists() or path.read_bytes() != content
                if written:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(content)
                changes.append(Change(path, change.created, change.added, change.fuzzy, change.removed, written))
    return changes
