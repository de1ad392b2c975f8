"""Statistics as a terminal table, JSON, a Markdown table or GitHub workflow annotations."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from tools.catalogues import CatalogueError
from tools.languages import native_name
from tools.output import annotation, shown
from tools.stats import CatalogueStats, LanguageStats

JSON_SCHEMA_VERSION = 1
_COUNTS = ("total", "translated", "fuzzy", "untranslated", "obsolete")


def _counts(item: CatalogueStats | LanguageStats) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(item, name) for name in _COUNTS}
    data["percent"] = round(item.percent, 2)
    data["words"] = {"total": item.words, "left": item.words_left}
    if isinstance(item, CatalogueStats):
        error = item.error
        data["error"] = None if error is None else {"line": error.line, "message": error.message}
        data["readable"] = item.readable
    else:
        data["failed"] = len(item.failed)
    return data


def as_json(languages: list[LanguageStats], errors: list[CatalogueError]) -> str:
    """The documented schema (README, "Statistics as JSON"); ``version`` changes when it does."""
    document = {
        "version": JSON_SCHEMA_VERSION,
        "languages": [
            {
                "language": lang.language,
                **_counts(lang),
                "files": [{"path": shown(f.path), **_counts(f)} for f in lang.files],
            }
            for lang in languages
        ],
        "errors": [{"path": shown(e.path), "line": e.line, "message": e.message} for e in errors],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))


def as_text(languages: list[LanguageStats]) -> str:
    header = ["language", "file", "messages", "translated", "fuzzy", "untranslated", "obsolete", "done", "words left"]

    def cells(item: CatalogueStats | LanguageStats, name: str, label: str) -> list[str]:
        if isinstance(item, CatalogueStats) and not item.readable:
            return [label, name, *("-" for _ in _COUNTS), "FAILED", "-"]
        failed = (isinstance(item, CatalogueStats) and item.failed) or (isinstance(item, LanguageStats) and item.failed)
        return [
            label,
            name,
            *(str(getattr(item, n)) for n in _COUNTS),
            "FAILED" if failed else f"{item.percent:.1f}%",
            str(item.words_left),
        ]

    rows = []
    for lang in languages:
        for item in lang.files:
            rows.append(cells(item, shown(item.path), lang.language))
        failed = f", {len(lang.failed)} failed" if lang.failed else ""
        rows.append(cells(lang, f"all {len(lang.files)} files{failed}", lang.language))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [_row(header, widths), _row(["-" * w for w in widths], widths)]
    previous = None
    for row in rows:
        if previous is not None and row[0] != previous:
            lines.append("")
        lines.append(_row(row, widths))
        previous = row[0]
    return "\n".join(lines) if languages else "no catalogues found"


def _bar(percent: float, width: int = 10) -> str:
    # Rounded down: a bar is full only when the language is, never at 97 %.
    filled = min(width, int(percent / 100 * width))
    return "█" * filled + "░" * (width - filled)


def _markdown_text(text: str) -> str:
    """``text`` as plain text in a GitHub Markdown table: file and language names come from the repository,
    and a backtick, a bracket or a tag in one must not become markup in the job summary."""
    escaped = re.sub(r"([\\`*_\[\]()#+!~|-])", r"\\\1", text)  # Markdown's own escapes; "\|" in a table cell
    return html.escape(escaped, quote=True)


def _code(code: str) -> str:
    """A language code in a code span, or as escaped text when it is not one (a folder named anything)."""
    return f"`{code}`" if re.fullmatch(r"[A-Za-z0-9_@.-]+", code) else _markdown_text(code)


def as_markdown(languages: list[LanguageStats]) -> str:
    lines = [
        "| Language | Translated | Fuzzy | Untranslated | Obsolete | Progress | Words left |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for lang in languages:
        progress = f"{len(lang.failed)} file(s) FAILED" if lang.failed else f"{_bar(lang.percent)} {lang.percent:.1f}%"
        lines.append(
            f"| {_markdown_text(native_name(lang.language))} ({_code(lang.language)}) | {lang.translated} / "
            f"{lang.total} | {lang.fuzzy} "
            f"| {lang.untranslated} | {lang.obsolete} | {progress} | {lang.words_left} |"
        )
    failed = [f for lang in languages for f in lang.failed]
    if failed:
        lines += ["", "| File that cannot be used | Line | Error |", "| --- | ---: | --- |"]
        for item in failed:
            assert item.error is not None
            lines.append(f"| {_markdown_text(shown(item.path))} | {item.error.line} | "
                         f"{_markdown_text(item.error.message)} |")  # fmt: skip
    incomplete = [f for lang in languages for f in lang.files if not f.complete and not f.failed]
    if incomplete:
        lines += ["", "<details><summary>Files not complete</summary>", ""]
        lines += ["| File | Done | Fuzzy | Untranslated | Words left |", "| --- | ---: | ---: | ---: | ---: |"]
        for item in incomplete:
            counts = f"{item.fuzzy} | {item.untranslated} | {item.words_left}"
            lines.append(f"| {_markdown_text(shown(item.path))} | {item.percent:.1f}% | {counts} |")
        lines += ["", "</details>"]
    return "\n".join(lines)


def as_github(languages: list[LanguageStats]) -> str:
    lines = []
    for lang in languages:
        for item in lang.files:
            if item.error is not None:
                error = item.error
                lines.append(annotation("error", error.message, error.path, error.line, title="Invalid catalogue"))
                continue
            if item.complete:
                continue
            lines.append(
                annotation(
                    "warning",
                    f"{item.percent:.1f}% translated: {item.untranslated} untranslated, {item.fuzzy} fuzzy "
                    f"({item.words_left} words left)",
                    item.path,
                    item.first_incomplete_line,
                    title=f"Translation ({lang.language})",
                )
            )
        failed = f"; {len(lang.failed)} file(s) cannot be used" if lang.failed else ""
        summary = f"{lang.language}: {lang.percent:.1f}% translated ({lang.translated}/{lang.total}){failed}"
        lines.append(annotation("error" if lang.failed else "notice", summary))
    return "\n".join(lines)
