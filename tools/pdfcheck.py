"""Checks of a finished PDF: every font embedded, only the publication's own fonts, no missing glyph, and no
link to a file of the machine that built it.

When a character is missing from the fonts a stylesheet names, the text engine quietly takes another font
from the system, or draws the font's ``.notdef`` box, or a glyph number past the font's last glyph (Pango's
"unknown glyph"). All reach the reader as a wrong or empty glyph, and none makes WeasyPrint fail, so the PDF
builder and the tests look at the file itself.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
# Words that Pango adds after the family name to describe a style ("Noto Sans Bold Italic").
_STYLE_WORDS = {
    "Regular", "Bold", "Italic", "Oblique", "Thin", "Ultra", "Extra", "Light", "Semi", "Demi", "Book", "Medium",
    "Heavy", "Black", "Condensed", "Expanded", "Small", "Caps",
}  # fmt: skip


@cache
def font_families(fonts_dir: Path) -> frozenset[str]:
    """Family names of the font files in ``fonts_dir``, as PDF font names write them (spaces as hyphens)."""
    families = set()
    for path in sorted(Path(fonts_dir).glob("*.[to]tf")):
        with TTFont(path, lazy=True) as font:
            families.add(font["name"].getBestFamilyName().replace(" ", "-"))
    return frozenset(families)


def _base_name(font: pikepdf.Dictionary) -> str:
    name = str(font.get("/BaseFont", "/unnamed"))[1:]
    return name.split("+", 1)[1] if "+" in name[:8] else name


def _is_one_of(name: str, families: frozenset[str]) -> bool:
    """Whether a PDF font name is one of ``families`` in some style, and not, say, "Noto-Sans-CJK-JP"."""
    # Every family is tried: "Noto-Sans-CJK-SC-Bold" starts with "Noto-Sans-" as well as with its own family.
    return any(
        name == family
        or (name.startswith(family + "-") and all(word in _STYLE_WORDS for word in name[len(family) + 1 :].split("-")))
        for family in families
    )


def _descendant(font: pikepdf.Dictionary) -> pikepdf.Dictionary:
    return font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font


def _is_embedded(font: pikepdf.Dictionary) -> bool:
    descriptor = _descendant(font).get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _strings(operands: list) -> Iterator[bytes]:
    for operand in operands:
        if isinstance(operand, pikepdf.String):
            yield bytes(operand)
        elif isinstance(operand, pikepdf.Array):
            yield from _strings(list(operand))


def _glyph_count(font: pikepdf.Dictionary) -> int | None:
    """How many glyphs the embedded font program has, or None when it cannot be read."""
    descriptor = _descendant(font).get("/FontDescriptor", {})
    program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
    if program is None:
        return None
    data = program.read_bytes()
    try:
        if descriptor.get("/FontFile3") is not None and program.get("/Subtype") != "/OpenType":
            from fontTools.cffLib import CFFFontSet

            cff = CFFFontSet()
            cff.decompile(io.BytesIO(data), None)
            return len(cff[cff.fontNames[0]].charset)
        return TTFont(io.BytesIO(data), lazy=True)["maxp"].numGlyphs
    except Exception:  # an unreadable program: the other checks still run
        return None


_IDENTITY = (pikepdf.Name("/Identity-H"), pikepdf.Name("/Identity-V"))
_CID_CHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*(\d+)")
_CID_RANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)")
_SECTION = re.compile(rb"begincid(char|range)(.*?)endcid\1", re.DOTALL)


def _code_to_cid(font: pikepdf.Dictionary) -> dict[int, int] | None:
    """The font's two-byte codes and the glyphs (CIDs) they draw, or None for Identity-H (each code is its
    glyph). WeasyPrint writes a CMap of its own, which maps a character no font has to CID 0, ``.notdef``."""
    encoding = font.get("/Encoding")
    if not isinstance(encoding, pikepdf.Stream):
        return None
    found: dict[int, int] = {}
    for kind, body in _SECTION.findall(encoding.read_bytes()):
        if kind == b"char":
            found.update((int(code, 16), int(cid)) for code, cid in _CID_CHAR.findall(body))
        else:
            for low, high, first in _CID_RANGE.findall(body):
                start, end = int(low, 16), int(high, 16)
                found.update((code, int(first) + code - start) for code in range(start, min(end, start + 65535) + 1))
    return found


def _missing_glyph_uses(fonts: pikepdf.Dictionary, stream: pikepdf.Object) -> Iterator[str]:
    """Names of the fonts drawing glyph 0 (``.notdef``), or a glyph past their program's last, in one content
    stream."""
    current, count, cids = None, None, None
    seen: dict[tuple[int, int], tuple[int | None, dict[int, int] | None]] = {}
    for operands, operator in pikepdf.parse_content_stream(stream):
        op = str(operator)
        if op == "Tf":
            current = fonts.get(operands[0]) if fonts is not None else None
            if current is None or current.get("/Subtype") != "/Type0":
                current = None
                continue
            encoding = current.get("/Encoding")
            if not isinstance(encoding, pikepdf.Stream) and encoding not in _IDENTITY:
                current = None  # a predefined CMap (UniGB-UCS2-H…): its codes are not glyphs, and not read here
                continue
            cid_map = _descendant(current).get("/CIDToGIDMap", pikepdf.Name.Identity)
            if cid_map != pikepdf.Name.Identity:
                current = None  # glyphs through a map of their own: not read here
                continue
            if current.objgen not in seen:
                seen[current.objgen] = (_glyph_count(current), _code_to_cid(current))
            count, cids = seen[current.objgen]
        elif op in _TEXT_OPERATORS and current is not None:
            for data in _strings(operands):
                codes = (int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2))
                glyphs = [code if cids is None else cids.get(code, 0) for code in codes]
                if any(glyph == 0 or (count is not None and glyph >= count) for glyph in glyphs):
                    yield _base_name(current)


def _containers(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Object]]:
    """Each page and each form XObject it uses, with a label for messages."""
    for number, page in enumerate(pdf.pages, start=1):
        yield f"page {number}", page.obj
        xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
        for xobject in xobjects.values():
            if xobject.get("/Subtype") == "/Form":
                yield f"page {number}", xobject


def font_problems(pdf_path: Path, fonts_dir: Path) -> list[str]:
    """One message per problem: a font not embedded, a font from outside ``fonts_dir``, a .notdef glyph."""
    allowed = font_families(Path(fonts_dir))
    problems: list[str] = []
    with pikepdf.open(pdf_path) as pdf:
        for label, container in _containers(pdf):
            fonts = container.get("/Resources", {}).get("/Font")
            if fonts is None:
                continue
            for font in fonts.values():
                name = _base_name(font)
                if not _is_embedded(font):
                    problems.append(f"{label}: font {name} is not embedded")
                if not _is_one_of(name, allowed):
                    problems.append(
                        f"{label}: text set in {name}, not in the publication's fonts "
                        f"({', '.join(sorted(allowed))}): a character they lack?"
                    )
            stream = container if isinstance(container, pikepdf.Stream) else pikepdf.Page(container)
            for name in sorted(set(_missing_glyph_uses(fonts, stream))):
                problems.append(f"{label}: a glyph missing from {name} is drawn as an empty box (.notdef)")
    return problems


def link_problems(pdf_path: Path) -> list[str]:
    """One message per link to a local file: a reader's PDF viewer would open a path of the build machine.

    WeasyPrint makes every relative address absolute against the page it renders, so a relative link the
    builder missed (a scaled image's, a download's) would become ``file:///…/build/…``."""
    problems: list[str] = []
    with pikepdf.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for annotation in page.obj.get("/Annots", []):
                action = annotation.get("/A")
                uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
                if uri.lower().startswith("file:"):
                    problems.append(f"page {number}: a link to a file of the build machine, {uri[:80]}")
    return list(dict.fromkeys(problems))
