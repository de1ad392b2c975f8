"""What a check found, and how it is shown: one line per finding, JSON, or GitHub annotations."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.output import annotation, shown

JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """One problem at one place: ``file:line: [check] message``."""

    path: Path
    line: int
    check: str
    severity: str  # "error" or "warning"
    message: str
    msgid: str = ""
    suppressed: bool = False

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: [{self.check}] {self.message}"


def as_text(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in findings if not f.suppressed)


def as_json(findings: list[Finding]) -> str:
    """The documented schema (README, "Findings as JSON")."""
    items = [{**asdict(f), "path": shown(f.path)} for f in findings]
    return json.dumps({"version": JSON_SCHEMA_VERSION, "findings": items}, ensure_ascii=False, indent=2)


def as_github(findings: list[Finding]) -> str:
    return "\n".join(
        annotation(f.severity, f.message, f.path, f.line, title=f.check) for f in findings if not f.suppressed
    )
