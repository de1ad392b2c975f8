"""Write every page again when a document's title or a section's label text changed, not only the re-read ones.

Sphinx re-reads the documents whose source or catalogue changed and writes those, with the documents whose
toctree lists them. But every page shows other documents' titles: the sidebar's navigation, the next and
previous links, a ``{doc}`` or ``{ref}`` link's text, the PDFs' links. A translator who retitles one
document in one language would leave the other pages of that language with the old title. When a title or a
label's text changed, every document is written again (writing is the cheap half of a build; nothing is read
again); when only body text changed, Sphinx's own choice stands.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_SNAPSHOT = "_publication_titles_before"


def _titles(env: BuildEnvironment) -> tuple[dict[str, str], dict[str, Any]]:
    titles = {docname: title.astext() for docname, title in env.titles.items()}
    labels = dict(env.domaindata.get("std", {}).get("labels", {}))
    return titles, labels


def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    setattr(app, _SNAPSHOT, _titles(env))


def documents_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = getattr(app, _SNAPSHOT, None)
    if before is None or before == _titles(env):
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", before_reading)
    app.connect("env-get-updated", documents_to_write)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
