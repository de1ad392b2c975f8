"""The publication's languages as a Sphinx build sees them: the configuration value
``publication_source_language`` (the language of the English source in docs/), the build's locale folders,
and the translations found in them.

An extension of its own, so that every extension that reads the value declares it with
``app.setup_extension("tools.sphinxext.publication_languages")`` and works whichever of them a project enables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from tools.languages import discover_languages


def locale_folders(env: BuildEnvironment) -> list[Path]:
    return [Path(env.srcdir, d) for d in env.config.locale_dirs]


def translations(env: BuildEnvironment) -> list[str]:
    """Every language with catalogues in the build's locale folders, the source language left out."""
    source = env.config.publication_source_language
    return [lang for folder in locale_folders(env) for lang in discover_languages(folder, source)[1:]]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("publication_source_language", "en", "env", str)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
