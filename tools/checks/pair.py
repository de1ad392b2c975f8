"""What a message check is given: one English message and its translation, with the project's resources."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from tools.checks.markdown import Markup, analyse
from tools.glossary import Term

# Sphinx's catalogue of the templates' strings, beside the documents' catalogues in LC_MESSAGES.
INTERFACE_CATALOGUE = "sphinx.po"


@dataclass
class Pair:
    """One English message and its translation, parsed on demand."""

    source: str
    translation: str
    language: str
    counterparts: dict[str, str]
    terms: list[Term] = field(default_factory=list)
    words: frozenset[str] = frozenset()
    declared: dict[str, frozenset[str]] | None = None  # every language's counterparts; else this language's
    folder: str = ""  # the document's folder in the source tree, where its relative links start
    interface: bool = False  # a template's string (sphinx.po, or flagged python-format), which is %-formatted
    # The names of the glossary's entries in the language (tools/checks/term_names.py), read when first asked.
    entry_names: Callable[[], dict[str, str]] | None = None

    @property
    def allowed_links(self) -> dict[str, frozenset[str]]:
        if self.declared is not None:
            return self.declared
        return {english: frozenset({local}) for english, local in self.counterparts.items()}

    @cached_property
    def source_markup(self) -> Markup:
        return self._read(self.source)

    @cached_property
    def translation_markup(self) -> Markup:
        return self._read(self.translation)

    def _read(self, message: str) -> Markup:
        # An interface string is text to the templates: a "%s" that starts it is no MyST comment.
        if self.interface:
            return Markup(text=message, paragraphs=1 if message.strip() else 0)
        return analyse(message)
