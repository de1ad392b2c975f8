"""Where a publication's sources are and where its build goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools.languages import discover_languages

FORMATS = ("html", "pdf")
# Generous: a full build of the PDF takes well under a minute; only a hung or runaway Sphinx takes this long.
DEFAULT_TIMEOUT = 600.0


@dataclass(frozen=True)
class Project:
    """Where the sources are and where the build goes."""

    root: Path
    build: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def locale(self) -> Path:
        return self.root / "locale"

    @property
    def site(self) -> Path:
        return self.build / "site"

    def languages(self) -> list[str]:
        return discover_languages(self.locale)

    def output(self, language: str, builder: str) -> Path:
        return self.build / builder / language
