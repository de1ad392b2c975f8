"""What a check found, and how it is shown: one line per finding, JSON, or GitHub annotations."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tools.output import annotation, shown

JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """One problem at one place: ``file:line: ERROR: [check] message``, as Sphinx words its own. A suppressed
    finding was silenced by the translator's ``# ignore-<id>``, a fixed one already put right by ``--fix``;
    neither fails a run."""

    path: Path
    line: int
    check: str
    severity: str  # "error" or "warning"
    message: str
    msgid: str = ""
    suppressed: bool = False
    fixed: bool = False

    @property
    def failing(self) -> bool:
        return self.severity == "error" and not self.suppressed and not self.fixed

    def __str__(self) -> str:
        level = "FIXED" if self.fixed else self.severity.upper()
        return f"{shown(self.path)}:{self.line}: {level}: [{self.check}] {self.message}"


def as_text(findings: list[Finding]) -> str:
    return "\n".join(str(f) for f in findings if not f.suppressed)


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


def summary(findings: list[Finding], catalogues: int) -> str:
    """The closing line of a run: how many catalogues, errors, warnings, silenced and fixed findings."""
    shown_ = [f for f in findings if not f.suppressed and not f.fixed]
    errors = sum(f.severity == "error" for f in shown_)
    warnings = len(shown_) - errors
    counts = [_count(errors, "error"), _count(warnings, "warning")] if shown_ else ["no problem found"]
    silenced = sum(f.suppressed for f in findings)
    fixed = len({f.path for f in findings if f.fixed})
    if silenced:
        counts.append(f"{silenced} silenced by # ignore- comments")
    if fixed:
        counts.append(f"{_count(fixed, 'file')} fixed")
    return f"{_count(catalogues, 'catalogue')} checked: {', '.join(counts)}"


def _item(finding: Finding, path: str) -> dict[str, object]:
    f = finding
    return {"path": path, "line": f.line, "check": f.check, "severity": f.severity, "message": f.message,
            "msgid": f.msgid, "suppressed": f.suppressed, "fixed": f.fixed}  # fmt: skip


def as_json(findings: list[Finding]) -> str:
    """The documented schema (README, "Findings as JSON"), one finding a line: a diff of two runs shows what
    changed, and json's own indentation, written by its pure-Python encoder, took 1.1 s for 41,000 findings."""
    paths = {path: shown(path) for path in {f.path for f in findings}}
    lines = [json.dumps(_item(f, paths[f.path]), ensure_ascii=False) for f in findings]
    body = ",\n    ".join(lines)
    return f'{{\n  "version": {JSON_SCHEMA_VERSION},\n  "findings": [' + (f"\n    {body}\n  " if lines else "") + "]\n}"


def as_github(findings: list[Finding]) -> str:
    return "\n".join(
        annotation("notice" if f.fixed else f.severity, f.message, f.path, f.line, title=f.check)
        for f in findings
        if not f.suppressed
    )
