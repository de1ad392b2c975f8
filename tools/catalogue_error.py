"""The error of a catalogue that cannot be read, at the line a translator should look at."""

from __future__ import annotations

from pathlib import Path


class CatalogueError(Exception):
    """A catalogue that cannot be trusted, with the line a translator should look at.

    A plain exception class: Python sets ``__traceback__`` on whatever it raises, and worker processes send
    errors back pickled, which both need (a frozen dataclass refuses the first and breaks the second)."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def __repr__(self) -> str:
        return f"CatalogueError({self.path!r}, {self.line!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CatalogueError):
            return NotImplemented
        return (self.path, self.line, self.message) == (other.path, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))
