"""The publication's languages as a Sphinx build sees them: the configuration values
``publication_source_language`` (the language of the English source in docs/) and ``publication_threshold``
(the percentage below which a language is published as a draft), the build's locale folders, the
translations found in them and how far each is.

A draft is built and published like any language, but says on each page how far it is, is not where the root
page sends a browser that prefers it, and shows its percentage in the switcher. The threshold lives in
``docs/conf.py`` only; 100 by default, so a language is a draft until every message is translated.

An extension of its own, so that every extension that reads the value declares it with
``app.setup_extension("tools.sphinxext.publication_languages")`` and works whichever of them a project enables.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from tools.catalogues import find_catalogues
from tools.languages import discover_languages
from tools.stats import by_language, collect


def locale_folders(env: BuildEnvironment) -> list[Path]:
    return [Path(env.srcdir, d) for d in env.config.locale_dirs]


def translations(env: BuildEnvironment) -> list[str]:
    """Every language with catalogues in the build's locale folders, the source language left out."""
    source = env.config.publication_source_language
    return [lang for folder in locale_folders(env) for lang in discover_languages(folder, source)[1:]]


def progress(env: BuildEnvironment) -> dict[str, float]:
    """Each translation's percentage translated, counted as ``python -m tools stats`` counts."""
    languages = translations(env)
    catalogues = find_catalogues([folder / lang for folder in locale_folders(env) for lang in languages])
    return dict(_progress(tuple(languages), tuple((path, *_signature(path)) for path in catalogues)))


def _signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=8)
def _progress(
    languages: tuple[str, ...], catalogues: tuple[tuple[Path, int, int], ...]
) -> tuple[tuple[str, float], ...]:
    # Every page asks (its switcher); the catalogues are read again only when one of them changed.
    stats, _errors = collect([path for path, *_ in catalogues], jobs=1)  # one that cannot be read: untranslated
    found = {lang: 0.0 for lang in languages} | {lang.language: lang.percent for lang in by_language(stats)}
    return tuple(found.items())


def drafts(env: BuildEnvironment) -> dict[str, float]:
    """The translations below the publication threshold, with their percentage translated (the source
    language is never one: it is no translation)."""
    threshold = env.config.publication_threshold
    return {lang: percent for lang, percent in progress(env).items() if percent < threshold}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("publication_source_language", "en", "env", str)
    app.add_config_value("publication_threshold", 100, "env", (int, float))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
