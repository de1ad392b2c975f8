"""Write the Chinese fonts of the PDF edition, ``pdf_theme/static/fonts/NotoSansSC-{Regular,Bold}.otf``.

``python -m tools.cjk_font_subset_generate FOLDER``, where FOLDER holds ``NotoSansCJK-Regular.ttc`` and
``NotoSansCJK-Bold.ttc`` of Debian's ``fonts-noto-cjk`` (1:20220127+repack1-1: ``apt-get download
fonts-noto-cjk``, then ``dpkg-deb -x``). The collections weigh 20 MB each and hold five faces; the PDF needs
only the Simplified Chinese face, and of it every CJK Unified Ideograph of the Basic block (U+4E00-U+9FFF,
20,992: GB 2312's 6,763 leave out names such as 朱镕基's 镕), kana, the CJK punctuation and the full-width
forms, which is 9.4 MB a weight. WeasyPrint embeds only the glyphs a PDF uses. A character outside them
(Extension A and beyond, Hangul) makes the PDF check fail the build naming it, never a silent tofu.

Committed fonts, not the system's, so that every machine builds the same PDF.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

FONTS = Path(__file__).parent / "sphinxext" / "pdf_theme" / "static" / "fonts"
SIMPLIFIED_CHINESE = 2  # the face's index in Noto Sans CJK's collections: JP, KR, SC, TC, HK, then Mono
RANGES = ((0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


def characters() -> set[int]:
    return {code for first, last in RANGES for code in range(first, last + 1)}


def write_subset(collection: Path, target: Path) -> None:
    font = TTCollection(collection).fonts[SIMPLIFIED_CHINESE]
    options = subset.Options()
    options.layout_features = ["*"]  # vertical forms, locl and the full-width/proportional variants
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False  # a PDF is not rasterised at small sizes on screen by the font's hints
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters())
    subsetter.subset(font)
    font.save(target)


def main(folder: str) -> int:
    for weight in ("Regular", "Bold"):
        target = FONTS / f"NotoSansSC-{weight}.otf"
        write_subset(Path(folder, f"NotoSansCJK-{weight}.ttc"), target)
        print(f"{target}: {target.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
