"""Write ``docs/_static/favicon.ico``: two speech bubbles, one over the other, for a dialogue in several languages.

``python -m tools.favicon_generate``. Drawn with Pillow (WeasyPrint's dependency) at 256 pixels and saved at the
sizes browsers ask for, so that the icon is the same file on every machine; it is drawn, not a logo, and says
nothing of its own.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).parent.parent / "docs" / "_static" / "favicon.ico"
SIZE = 256
BLUE = (41, 98, 255, 255)  # furo's brand colour, which the site's links and buttons use
TEAL = (0, 150, 136, 255)
WHITE = (255, 255, 255, 255)


def _bubble(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], tail: list[tuple[int, int]], fill) -> None:
    draw.rounded_rectangle(box, radius=36, fill=fill, outline=WHITE, width=10)
    draw.polygon(tail, fill=fill)


def icon() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    _bubble(draw, (8, 16, 176, 136), [(40, 130), (40, 180), (90, 130)], BLUE)
    _bubble(draw, (80, 96, 248, 216), [(216, 210), (216, 252), (170, 210)], TEAL)
    for y in (138, 168):  # lines of text in the front bubble
        draw.rounded_rectangle((112, y, 216, y + 14), radius=7, fill=WHITE)
    return image


def main() -> None:
    icon().save(OUT, sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
