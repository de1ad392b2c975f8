"""Are the catalogues in step with the English source? Messages missing from a catalogue, and stale ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib

from tools.catalogues import load
from tools.checks.registry import ProjectCheck, Severity
from tools.extract import templates
from tools.findings import Finding

FIX = "python -m tools update"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _out_of_step(path: Path, template: polib.POFile, fix: str) -> Iterator[tuple[int, str, str]]:
    """(line, message, msgid) for each message of ``template`` missing from the catalogue at ``path``, and
    each live entry of it that the template no longer has."""
    wanted = {(e.msgctxt, e.msgid): e for e in template}
    if not path.exists():
        yield 1, f"catalogue missing ({len(wanted)} messages); run: {fix}", ""
        return
    live = {(e.msgctxt, e.msgid): e for e in load(path) if not e.obsolete}
    for key, message in wanted.items():
        if key not in live:
            where = ", ".join(f"{f}:{n}" for f, n in message.occurrences[:1])
            yield 1, f"message of {where} is missing: {_short(message.msgid)!r}; run: {fix}", message.msgid
    for key, message in live.items():
        if key not in wanted:
            stale = f"message no longer in the English source: {_short(message.msgid)!r}; run: {fix}"
            yield message.linenum, stale, message.msgid


class Sync(ProjectCheck, id="sync", severity=Severity.ERROR, project_only=True):
    """every message of the English source in each language's catalogues, and none that is no longer there

    One finding per message missing from, or no longer needed in, a catalogue; ``update`` fixes them all."""

    def check(self, root: Path, languages: list[str]) -> list[Finding]:
        findings = []
        with templates(root) as found:
            for language in languages:
                fix = f"{FIX} --lang {language}"
                folder = root / "locale" / language / "LC_MESSAGES"
                for domain, template in found.items():
                    path = folder / f"{domain}.po"
                    for line, message, msgid in _out_of_step(path, template, fix):
                        findings.append(Finding(path, line, self.id, self.severity, message, msgid))
                for path in sorted(folder.rglob("*.po")):
                    domain = path.relative_to(folder).with_suffix("").as_posix()  # dialogues/2015 for a nested one
                    if domain not in found:
                        message = f"no English document {domain!r} any more"
                        findings.append(Finding(path, 1, self.id, self.severity, message))
        return findings
