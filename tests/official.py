"""The official English, Spanish and French texts, read from the text extracted from their PDFs.

The extraction keeps the PDFs' two-column layout: every text line is followed by an empty line, a line of
spaces or a URL separates text boxes, list items start with a space, headings are in capitals, and boxes come
out of reading order. This module turns that back into comparable units (sentences and list items) without
depending on the order of the boxes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "official-texts.txt"
LANGUAGES = ("en", "es", "fr")
# Each language's text starts with the label of its "Concept Note" box.
_STARTS = {"Concept Note", "Nota Conceptual"}

# Evident typos of the official texts that the catalogues correct, each recorded in a translator comment.
CORRECTIONS = {
    "es": [("desde Beijing in 1995", "desde Beijing en 1995"), ("las métodos", "los métodos")],
    "fr": [("connections", "connexions"), ("AVONS-NOUS TIRE ", "AVONS-NOUS TIRÉS ")],
}


@dataclass(frozen=True)
class Unit:
    text: str
    caps: bool  # set in capitals in the original, where French and Spanish drop accents

    def normalised(self) -> str:
        return normalise(self.text, strip_accents=self.caps)


def normalise(text: str, strip_accents: bool = False) -> str:
    """Text for comparison: whitespace, case, quotes, dashes and French spacing do not matter."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([;:?!»])", r"\1", text)
    text = re.sub(r"([«¿¡]) ", r"\1", text)
    text = text.translate(
        str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
    )
    text = text.casefold()
    if strip_accents:
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text


def _is_caps(line: str) -> bool:
    # Mostly capitals: acronyms such as "BPfA" keep a lower-case letter inside a heading.
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _blocks(text: str) -> dict[str, list[str]]:
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() in _STARTS]
    assert len(starts) == len(LANGUAGES), f"expected {len(LANGUAGES)} texts, found {len(starts)}"
    ends = [*starts[1:], len(lines)]
    return {lang: lines[a:b] for lang, a, b in zip(LANGUAGES, starts, ends, strict=True)}


def _units(lines: list[str]) -> list[Unit]:
    units: list[list[str]] = []
    caps: list[bool] = []
    broken = True
    previous = ""
    for raw in lines:
        line = raw.strip()
        if not raw:
            continue
        if not line or line.startswith("http") or line.isdigit():
            broken = True
            continue
        if line == previous:  # a label the layout prints twice
            continue
        is_caps = _is_caps(line)
        new = (
            broken
            or raw[0].isspace()
            or previous.endswith(("?", ":"))
            or (not is_caps and line.endswith("?") and (line[0].isupper() or line[0] in "¿¡"))
            or is_caps != (caps[-1] if caps else is_caps)
            or not units
        )
        if new:
            units.append([line])
            caps.append(is_caps)
        else:
            units[-1].append(line)
        broken = False
        previous = line
    result = []
    for parts, is_caps in zip(units, caps, strict=True):
        text = " ".join(parts)
        for sentence in re.split(r"(?<=[.?!])\s+(?=[¿¡«\"“‘A-ZÀ-Ý])", text):
            result.append(Unit(sentence, is_caps))
    return result


def official_units(path: Path = DATA) -> dict[str, list[Unit]]:
    """Sentences, list items, headings and labels of each language's official text, typos corrected."""
    text = path.read_text("utf-8")
    found = {}
    for lang, lines in _blocks(text).items():
        block = "\n".join(lines)
        for wrong, right in CORRECTIONS.get(lang, []):
            assert wrong in block, f"{lang}: the official text no longer contains {wrong!r}"
            block = block.replace(wrong, right)
        found[lang] = _units(block.split("\n"))
    return found
