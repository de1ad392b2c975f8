"""What a language's build depends on, summed up in one hash: same hash, nothing to rebuild.

A build of one language in one format depends on the English source and its configuration, the project's
Sphinx extensions and themes (with the fonts), the installed versions of the tools that render it, that
language's catalogues, the declared link counterparts and the reproducible date. The HTML also shows the
list of languages (switcher) and everyone's coverage (status page), so it depends on those numbers, but not
on other languages' wording: fixing a word in French rebuilds French only.

Sphinx itself rereads and rewrites only the documents it knows to be out of date: a document whose source or
own catalogue (``index.po`` for ``index.md``) changed, or which declared the changed file a dependency. It
cannot see the other inputs: the interface catalogue (``sphinx.po``, whose strings every page's template
shows), the extensions' code, the list of languages in every page's switcher, the tool versions. Those make
up the ``whole`` fingerprint; when it changes, the build starts Sphinx afresh (``-E``) so every page is
read and written again.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tools.atomic_publish import write_file
from tools.catalogues import find_catalogues
from tools.languages import discover_languages
from tools.links import LINKS_FILE
from tools.stats import collect

if TYPE_CHECKING:
    from tools.site_build.catalogue_cache import CatalogueCache

RENDERING_PACKAGES = ("sphinx", "docutils", "myst-parser", "markdown-it-py", "furo", "weasyprint", "babel", "pydyf")
_IGNORED_PARTS = {"__pycache__", ".doctrees"}


class _Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...


def _hash_files(digest: _Digest, root: Path, files: Iterable[Path]) -> None:
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def _tree(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and not _IGNORED_PARTS & set(p.parts) and p.suffix not in (".mo", ".pyc")
    ]


class Fingerprints:
    """The input hashes of a project's builds; the shared part is computed once."""

    def __init__(self, root: Path, source_date_epochs: dict[str, str], cache: CatalogueCache | None = None) -> None:
        self.root = root
        self.source_date_epochs = source_date_epochs
        self.cache = cache

    @property
    def shared(self) -> bytes:
        """The hash of the inputs of every build and extraction: the source, the tools, the packages."""
        return self._shared

    @cached_property
    def _shared(self) -> bytes:
        digest = hashlib.sha256()
        _hash_files(digest, self.root, _tree(self.root / "docs") + _tree(self.root / "tools"))
        links = self.root / "locale" / LINKS_FILE
        if links.is_file():
            _hash_files(digest, self.root, [links])
        for package in RENDERING_PACKAGES:
            try:
                digest.update(f"{package}={metadata.version(package)}\0".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{package}=absent\0".encode())
        return digest.digest()

    @cached_property
    def _coverage(self) -> bytes:
        catalogues = find_catalogues([self.root / "locale"])
        known = {str(p): self.cache.counts(p) for p in catalogues} if self.cache else {}
        stats, _errors = collect([p for p in catalogues if known.get(str(p)) is None], jobs=1)
        for found in stats:
            counts = [found.language, found.translated, found.fuzzy, found.total, found.failed]
            known[str(found.path)] = counts
            if self.cache is not None:
                self.cache.remember_counts(found.path, counts)
        # Per file: what the switcher and the status page show changes with these numbers, and only with them.
        shown = {Path(path).relative_to(self.root).as_posix(): counts for path, counts in known.items()}
        return json.dumps(sorted((path, counts) for path, counts in shown.items() if counts is not None)).encode()

    @cached_property
    def _languages(self) -> bytes:
        return json.dumps(discover_languages(self.root / "locale")).encode()

    def _catalogues(self, language: str) -> tuple[list[Path], list[Path]]:
        """The language's catalogues: those of a document (``index.po`` for ``docs/index.md``), and the others."""
        folder = self.root / "locale" / language
        if not folder.is_dir():
            return [], []
        own, others = [], []
        for catalogue in find_catalogues([folder]):
            parts = catalogue.relative_to(folder).with_suffix("").parts
            domain = Path(*parts[1:]) if parts[:1] == ("LC_MESSAGES",) else None
            document = domain is not None and glob.glob(glob.escape(str(self.root / "docs" / domain)) + ".*")
            (own if document else others).append(catalogue)
        return own, others

    def whole(self, language: str, builder: str) -> str:
        """The hash of the inputs whose change Sphinx cannot see per document: when it changes, rebuild all."""
        digest = hashlib.sha256(self._shared)
        digest.update(f"{language}\0{builder}\0".encode())
        _hash_files(digest, self.root, self._catalogues(language)[1])
        if builder == "html":
            digest.update(self._languages)
        return digest.hexdigest()

    def of(self, language: str, builder: str) -> str:
        """The hash of everything the build of ``language`` in ``builder`` depends on."""
        digest = hashlib.sha256(self.whole(language, builder).encode())
        _hash_files(digest, self.root, self._catalogues(language)[0])
        if builder == "html":
            digest.update(self._coverage)
        else:
            # The PDFs' metadata carries the date. A new date alone renders no PDF again: a PDF whose
            # documents did not change keeps the date it was made with.
            digest.update(f"SOURCE_DATE_EPOCH={self.source_date_epochs.get(language, '')}\0".encode())
        return digest.hexdigest()


def stored(path: Path) -> str | None:
    try:
        return path.read_text("utf-8").strip()
    except OSError:
        return None


def store(path: Path, value: str) -> None:
    write_file(path, value + "\n")
