"""Placeholders: an interface message's ``%(name)s`` kept as the English writes it.

Only the messages the templates format (``sphinx.po``, or an entry flagged ``python-format``): a document's
message that shows ``%(asctime)s`` in its text is never formatted, and its ``%`` is a character."""

from __future__ import annotations

from collections.abc import Iterator

from tools.checks.pair import Pair
from tools.checks.registry import MessageCheck, Severity
from tools.python_format import refusal


class Placeholders(MessageCheck, id="placeholders", severity=Severity.ERROR):
    """no %(name)s placeholder the English lacks, no lone %: a page would show the English sentence instead"""

    def check(self, pair: Pair) -> Iterator[str]:
        reason = refusal(pair.source, pair.translation) if pair.formatted else None
        if reason:
            yield f"{reason}; the pages show the English instead"
