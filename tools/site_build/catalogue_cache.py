"""What a build learned from each catalogue, kept under the hash of its bytes, so that a no-op build parses none.

Before it can say "nothing to do", a build validates the requested languages' catalogues and counts every
language's (the switcher and status page show the coverage, so the HTML depends on it). Both follow from the
bytes of the file and the project's code alone: they are kept in ``build/catalogues.json`` under the SHA-256
of the file, in a cache that holds for one version of ``tools/``. A changed file, or changed code, is read
again; hashing is a small fraction of parsing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tools.atomic_publish import write_file
from tools.catalogues import CatalogueError, read_catalogue_bytes
from tools.code_version import code_version


class CatalogueCache:
    """Per catalogue: whether it passed the build's validation, and its counts."""

    def __init__(self, build: Path) -> None:
        self.path = build / "catalogues.json"
        self.version = code_version()
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        fresh = isinstance(data, dict) and data.get("tools") == self.version and isinstance(data.get("files"), dict)
        self.files: dict[str, dict] = data["files"] if fresh else {}
        self._digests: dict[str, str] = {}

    def _digest(self, path: Path) -> str:
        key = str(path)
        if key not in self._digests:
            # The reader's own read: a named pipe, a device or a huge file is refused, never waited on.
            self._digests[key] = hashlib.sha256(read_catalogue_bytes(Path(path))).hexdigest()
        return self._digests[key]

    def _entry(self, path: Path) -> dict:
        try:
            digest = self._digest(path)
        except (OSError, CatalogueError):
            return {}  # unreadable: never known, read again (and reported) by the caller
        entry = self.files.get(str(path))
        if not isinstance(entry, dict) or entry.get("sha256") != digest:
            entry = {"sha256": digest}
            self.files[str(path)] = entry
        return entry

    def known_valid(self, path: Path) -> bool:
        return self._entry(path).get("valid") is True

    def remember_valid(self, path: Path) -> None:
        self._entry(path)["valid"] = True

    def counts(self, path: Path) -> list | None:
        counts = self._entry(path).get("counts")
        return counts if isinstance(counts, list) else None

    def remember_counts(self, path: Path, counts: list) -> None:
        self._entry(path)["counts"] = counts

    def save(self) -> None:
        write_file(self.path, json.dumps({"tools": self.version, "files": self.files}, sort_keys=True))
