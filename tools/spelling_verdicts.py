"""Hunspell's verdict on each word, kept between runs: ``check`` reads a dictionary only for a word it has not
asked about before.

spylls takes about 2 s to read a dictionary (154,000 entries for French, 218 MB for two languages), and a
translator's check asks it about a few hundred words, nearly all of them asked the run before. The verdicts
are kept per dictionary under the SHA-256 of its ``.dic`` and ``.aff`` files and spylls' version, so a changed
dictionary starts afresh, in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``, or
``PUBLICATION_CACHE_DIR``). A cache that cannot be read or written is ignored: it only saves time, and a verdict
is the dictionary's own, never a guess.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib.metadata import version
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

from tools.atomic import write_bytes_atomic


def cache_folder() -> Path:
    explicit = os.environ.get("PUBLICATION_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except (RuntimeError, KeyError):  # no home folder: a folder of the system's temporary one
            base = Path(tempfile.gettempdir()) / f"cache-{getattr(os, 'getuid', lambda: 0)()}"
    return Path(base) / "publication-tools"


def _key(stem: Path) -> str:
    digest = hashlib.sha256(f"spylls {version('spylls')}\n".encode())
    for suffix in (".dic", ".aff"):
        digest.update(stem.with_suffix(suffix).read_bytes())
    return digest.hexdigest()[:32]


class Verdicts:
    """``lookup(word)`` as spylls' ``Dictionary.lookup``, answered from the cache when it can be."""

    def __init__(self, stem: Path) -> None:
        self._stem = stem
        self._path = cache_folder() / f"spelling-{_key(stem)}.json"
        self._known: dict[str, bool] = _read(self._path)
        self._new: dict[str, bool] = {}
        self._dictionary: Any = None
        # At exit of the process, a worker's as well as the main one's (multiprocessing runs it in both).
        Finalize(self, self.save, exitpriority=10)

    def lookup(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            if self._dictionary is None:
                from spylls.hunspell import Dictionary

                self._dictionary = Dictionary.from_files(str(self._stem))
            found = self._known[word] = self._new[word] = bool(self._dictionary.lookup(word))
        return found

    def save(self) -> None:
        """Add this run's verdicts to the file, with those another process wrote meanwhile."""
        if not self._new:
            return
        merged = {**_read(self._path), **self._new}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(self._path, json.dumps(merged, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError:
            return
        self._new = {}


def _read(path: Path) -> dict[str, bool]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {word: found for word, found in data.items() if isinstance(word, str) and isinstance(found, bool)}
