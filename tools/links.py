"""The localised counterparts of the English source's links, declared once in ``locale/links.toml``."""

from __future__ import annotations

import tomllib
from pathlib import Path

from markdown_it.common.normalize_url import normalizeLink

LINKS_FILE = "links.toml"


def counterparts(locale: Path, language: str) -> dict[str, str]:
    """English URL -> this language's URL, both as markdown-it normalises them (``20%20en.pdf``)."""
    path = locale / LINKS_FILE
    if not path.is_file():
        return {}
    table = tomllib.loads(path.read_text("utf-8"))
    return {
        normalizeLink(english): normalizeLink(per_language[language])
        for english, per_language in table.items()
        if language in per_language
    }


def declared_counterparts(locale: Path) -> dict[str, frozenset[str]]:
    """English URL -> every counterpart ``locale/links.toml`` declares for it, in any language: targets the
    project chose, never a catalogue (a new language may start from another's catalogues)."""
    path = locale / LINKS_FILE
    table = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    languages = {language for per_language in table.values() for language in per_language}
    declared: dict[str, set[str]] = {}
    for language in sorted(languages):
        for english, local in counterparts(locale, language).items():
            declared.setdefault(english, set()).add(local)
    return {english: frozenset(local) for english, local in declared.items()}
