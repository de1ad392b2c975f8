"""A translator's to-do as compiler-style lines (an editor jumps to each ``file:line``), JSON, or a page of
HTML to open in a browser.

Every text shown comes from a catalogue, untrusted: on a terminal it goes through ``output.safe``, in HTML
through ``html.escape``, and the page allows no script, image or request at all (its Content-Security-Policy).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from tools.catalogues import CatalogueError
from tools.languages import native_name
from tools.output import safe, shown
from tools.todo import Item, LanguageTodo
from tools.word_diff import Piece, shortened

JSON_SCHEMA_VERSION = 1
# A message of a few paragraphs is cut on the terminal; its file:line leads to the whole of it.
_SHOWN_CHARACTERS = 300


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _cut(text: str) -> str:
    text = _one_line(text).strip()
    return text if len(text) <= _SHOWN_CHARACTERS else text[: _SHOWN_CHARACTERS - 1] + "…"


def _plain_diff(pieces: list[Piece]) -> str:
    """``git diff --word-diff=plain``'s notation: [-deleted-]{+inserted+}."""
    marks = {"same": ("", ""), "deleted": ("[-", "-]"), "inserted": ("{+", "+}")}
    return "".join(marks[p.kind][0] + _one_line(p.text) + marks[p.kind][1] for p in shortened(pieces))


def _percent(similarity: float) -> str:
    return f"{int(similarity * 100)} %"


def summary(todo: LanguageTodo) -> str:
    if not todo.items:
        return f"{todo.language}: nothing left to translate"
    files = f"{todo.files} file" + ("s" if todo.files != 1 else "")
    return f"{todo.language}: {todo.fuzzy} fuzzy, {todo.untranslated} untranslated ({todo.words} words) in {files}"


def _text_item(item: Item) -> list[str]:
    where = f"{shown(item.path)}:{item.line}"
    context = f" (context {safe(item.context)!r})" if item.context is not None else ""
    if item.fuzzy:
        changes = item.changes
        if changes:
            lines = [f"{where}: fuzzy: the English changed{context}", f"    English: {safe(_plain_diff(changes))}"]
        else:
            lines = [f"{where}: fuzzy: to review{context}", f"    English: {safe(_cut(item.source))}"]
        return [*lines, f"    translation: {safe(_cut(item.translation))}"]
    lines = [f"{where}: untranslated{context}", f"    English: {safe(_cut(item.source))}"]
    found = item.suggestion
    if found is not None:
        lines.append(f"    suggestion ({_percent(found.similarity)} alike, {shown(found.path)}:{found.line}): "
                     f"{safe(_cut(found.translation))}")  # fmt: skip
    return lines


def as_text(todos: list[LanguageTodo]) -> str:
    if not todos:
        return "no catalogues found"
    lines: list[str] = []
    for todo in todos:
        for item in todo.items:
            lines += _text_item(item)
        lines.append(summary(todo))
    return "\n".join(lines)


def _json_item(item: Item) -> dict[str, Any]:
    found = item.suggestion
    return {
        "path": shown(item.path),
        "line": item.line,
        "kind": item.kind,
        "context": item.context,
        "source": item.source,
        "translation": item.translation,
        "previous": item.previous,
        "changes": [{"kind": p.kind, "text": p.text} for p in item.changes],
        "suggestion": None if found is None else {
            "path": shown(found.path), "line": found.line, "source": found.source,
            "translation": found.translation, "similarity": round(found.similarity, 3),
        },
    }  # fmt: skip


def as_json(todos: list[LanguageTodo], errors: list[CatalogueError]) -> str:
    """The documented schema (README, "A translator's to-do"); ``version`` changes when it does."""
    document = {
        "version": JSON_SCHEMA_VERSION,
        "languages": [
            {
                "language": todo.language,
                "fuzzy": todo.fuzzy,
                "untranslated": todo.untranslated,
                "words": todo.words,
                "items": [_json_item(item) for item in todo.items],
            }
            for todo in todos
        ],
        "errors": [{"path": shown(e.path), "line": e.line, "message": e.message} for e in errors],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


_e = html.escape

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
li { margin-bottom: 1rem; } code { font-size: 0.9em; } .label { font-weight: bold; }
del { background: #fde2e1; color: #8a1c1c; } ins { background: #dcf5e0; color: #145a26; text-decoration: none; }
del::before { content: "[-"; } del::after { content: "-]"; }
ins::before { content: "{+"; } ins::after { content: "+}"; }
.source, .translation { display: block; margin-left: 1rem; }
"""


def html_diff(pieces: list[Piece]) -> str:
    tags = {"same": ("", ""), "deleted": ("<del>", "</del>"), "inserted": ("<ins>", "</ins>")}
    return "".join(tags[p.kind][0] + _e(p.text) + tags[p.kind][1] for p in shortened(pieces))


def _html_item(item: Item) -> str:
    where = f"<code>{_e(shown(item.path))}:{item.line}</code>"
    english = html_diff(item.changes) if item.changes else _e(item.source)
    parts = [f'{where} <span class="label">{item.kind}</span>', f'<span class="source" lang="en">{english}</span>']
    if item.fuzzy:
        parts.append(f'<span class="translation" lang="{_e(item.language)}">{_e(item.translation)}</span>')
    elif item.suggestion is not None:
        found = item.suggestion
        parts.append(f'<span class="translation" lang="{_e(item.language)}">suggestion '
                     f"({_percent(found.similarity)} alike, <code>{_e(shown(found.path))}:{found.line}</code>): "
                     f"{_e(found.translation)}</span>")  # fmt: skip
    return "<li>" + "\n".join(parts) + "</li>"


def as_html(todos: list[LanguageTodo]) -> str:
    sections = []
    for todo in todos:
        items = "\n".join(_html_item(item) for item in todo.items)
        heading = f"{_e(native_name(todo.language))} ({_e(todo.language)})"
        sections.append(f"<h2>{heading}</h2>\n<p>{_e(summary(todo))}</p>\n<ol>\n{items}\n</ol>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>What is left to translate</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        "<h1>What is left to translate</h1>\n" + ("\n".join(sections) or "<p>No catalogues found.</p>") +
        "\n</body>\n</html>\n"
    )  # fmt: skip
