"""Terminology and spelling: the glossary's equivalents used, and every word in the language's dictionary."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from tools.checks.pair import Pair
from tools.checks.registry import MessageCheck, Severity
from tools.language_codes import base_language, underscored
from tools.spelling_verdicts import Verdicts

# Where Debian's hunspell-* packages put their dictionaries; HUNSPELL_PATH (colon-separated) comes first.
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
WORDLIST_FILE = "wordlist.txt"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_URL = re.compile(r"\b\w+://\S+")
_PLACEHOLDER = re.compile(r"\$?\{\w*\}|%\(\w+\)[sd]|%[sd]")  # {page}, ${resultCount}, %(name)s


class Glossary(MessageCheck, id="glossary", severity=Severity.WARNING):
    """each glossary term of the English rendered by its equivalent; a do-not-translate term kept as it is"""

    def check(self, pair: Pair) -> Iterator[str]:
        source, translation, language, terms = pair.source_markup, pair.translation_markup, pair.language, pair.terms
        for term in terms:
            if not term.in_source(source.text) or term.equivalent(language) is None:
                continue
            if not term.in_translation(translation.text, language):
                if term.keep(language):
                    yield f"{term.english!r} is kept as it is in every language: it is missing from the translation"
                else:
                    equivalent = term.equivalent(language)
                    yield f"the glossary renders {term.english!r} as {equivalent!r}, not found in the translation"


def dictionary_names(language: str) -> list[str]:
    base = base_language(language)
    return [underscored(language), f"{base}_{base.upper()}", base]


def find_dictionary(language: str) -> Path | None:
    folders = [*filter(None, os.environ.get("HUNSPELL_PATH", "").split(os.pathsep)), *DICTIONARY_DIRS]
    for folder in folders:
        for name in dictionary_names(language):
            if Path(folder, f"{name}.dic").is_file() and Path(folder, f"{name}.aff").is_file():
                return Path(folder, name)
    return None


@lru_cache(maxsize=8)
def _dictionary(stem: str) -> Verdicts:
    return Verdicts(Path(stem))


def load_wordlist(locale: Path) -> frozenset[str]:
    path = locale / WORDLIST_FILE
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text("utf-8").splitlines() if w.strip() and not w.startswith("#"))


class Spelling(MessageCheck, id="spelling", severity=Severity.WARNING, project_only=True):
    """every word in the language's Hunspell dictionary or the project's word list (markup, code, URLs and words
    kept from the English skipped)"""

    def check(self, pair: Pair) -> Iterator[str]:
        translation, language, words, terms = pair.translation_markup, pair.language, pair.words, pair.terms
        stem = find_dictionary(language)
        if stem is None:
            return
        dictionary = _dictionary(str(stem))
        text = _PLACEHOLDER.sub(" ", _URL.sub(" ", translation.text))
        for literal in translation.code:
            text = text.replace(literal, " ")
        for term in terms:  # glossary terms are right by definition
            equivalent = term.equivalent(language)
            if equivalent:
                text = re.sub(re.escape(equivalent), " ", text, flags=re.IGNORECASE)
        # A word the English has, kept as it is, is a name or a command (python -m tools todo), not a mistake.
        seen = set(_WORD.findall(pair.source))
        for match in _WORD.finditer(text):
            word = match.group(0)
            if word in seen or word in words or len(word) < 2:
                continue
            seen.add(word)
            if not (dictionary.lookup(word) or dictionary.lookup(word.replace("’", "'"))):
                yield f"unknown word {word!r}: a spelling mistake, or a name to add to locale/{WORDLIST_FILE}"
