"""File-level checks of a catalogue's header: UTF-8, a Language that fits the folder, Plural-Forms."""

from __future__ import annotations

import re
from pathlib import Path

from tools.catalogues import expected_language
from tools.findings import Finding

CHECK_ID = "header"


def _line(path: Path, field: str) -> int:
    """The line of a header field, or 1."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if line.startswith(f'"{field}:'):
                    return number
                if number > 40:
                    break
    except OSError:
        pass
    return 1


def header_findings(path: Path, metadata: dict[str, str]) -> list[Finding]:
    findings = []
    charset = re.search(r"charset=([\w.:-]+)", metadata.get("Content-Type", ""))
    if not charset or charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        found = charset.group(1) if charset else "none"
        message = f"charset is {found}: write catalogues in UTF-8 (Content-Type: text/plain; charset=UTF-8)"
        findings.append(Finding(path, _line(path, "Content-Type"), CHECK_ID, "error", message))
    language = metadata.get("Language", "").strip()
    folder = expected_language(path)
    if not language:
        message = f"no Language header; add 'Language: {folder or 'xx'}'"
        findings.append(Finding(path, 1, CHECK_ID, "error" if folder else "warning", message))
    elif folder and language.replace("-", "_").lower() != folder.replace("-", "_").lower():
        message = f"Language is {language} but the catalogue is in the folder of {folder}"
        findings.append(Finding(path, _line(path, "Language"), CHECK_ID, "error", message))
    if not metadata.get("Plural-Forms", "").strip():
        message = "no Plural-Forms header: tools cannot tell how many plural forms the language has"
        findings.append(Finding(path, 1, CHECK_ID, "warning", message))
    return findings
