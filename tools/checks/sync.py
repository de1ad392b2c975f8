"""Are the catalogues in step with the English source? Messages missing from a catalogue, and stale ones."""

from __future__ import annotations

from pathlib import Path

from tools.catalogues import load
from tools.checks.registry import ProjectCheck, Severity
from tools.extract import templates
from tools.findings import Finding

FIX = "python -m tools update"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
                    wanted = {(e.msgctxt, e.msgid): e for e in template}
                    if not path.exists():
                        findings.append(
                            Finding(
                                path,
                                1,
                                self.id,
                                self.severity,
                                f"catalogue missing ({len(wanted)} messages); run: {fix}",
                            )
                        )
                        continue
                    live = {(e.msgctxt, e.msgid): e for e in load(path) if not e.obsolete}
                    for key, message in wanted.items():
                        if key not in live:
                            where = ", ".join(f"{f}:{n}" for f, n in message.occurrences[:1])
                            findings.append(Finding(
                                path, 1, "sync", "error",
                                f"message of {where} is missing: {_short(message.msgid)!r}; run: {fix}", message.msgid,
                            ))  # fmt: skip
                    for key, message in live.items():
                        if key not in wanted:
                            findings.append(Finding(
                                path, message.linenum, "sync", "error",
                                f"message no longer in the English source: {_short(message.msgid)!r}; run: {fix}",
                                message.msgid,
                            ))  # fmt: skip
                for path in sorted(folder.glob("*.po")):
                    if path.stem not in found:
                        findings.append(
                            Finding(path, 1, self.id, self.severity, f"no English document {path.stem!r} any more")
                        )
        return findings
