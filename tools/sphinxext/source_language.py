"""The configuration value ``publication_source_language``: the language of the English source in docs/.

An extension of its own, so that every extension that reads the value declares it with
``app.setup_extension("tools.sphinxext.source_language")`` and works whichever of them a project enables.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("publication_source_language", "en", "env", str)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
