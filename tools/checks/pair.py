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
    # A template's string (sphinx.po): text the templates escape and %-format, not MyST. Known from the catalogue's
    # name, never from a flag a translator can write into the entry.
    interface: bool = False
    # The names of the glossary's entries in the language (tools/checks/term_names.py), read when first asked.
    entry_names: Callable[[], dict[str, str]] | None = None
    python_format: bool = False  # an entry flagged python-format: %-formatted, still read as MyST

    @property
    def formatted(self) -> bool:
        """Whether the message is %-formatted: an interface string, or an entry flagged python-format."""
        return self.interface or self.python_format

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
