"""A column of 1-bit strips: text lines, rules, gaps and pictures stacked top to bottom."""

from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from onestop.text import nfc
from printing.text_wrap import wrap_to_width

Align = Literal["left", "center"]
WHITE = 1
BLACK = 0
# Stacked Vietnamese diacritics rise above the font's nominal ascent.
_TALLEST = "ỄẾỖỠẴẪ"


class SlipCanvas:
    def __init__(self, width: int, margin: int) -> None:
        self.width = width
        self.margin = margin
        self._strips: list[Image.Image] = []

    @property
    def usable(self) -> int:
        return self.width - 2 * self.margin

    def text(
        self,
        text: str,
        font: ImageFont.FreeTypeFont,
        *,
        align: Align = "left",
        indent: int = 0,
        hanging: int = 0,
    ) -> None:
        """Wrapped text; `hanging` indents every line after the first."""
        room = self.usable - indent
        lines = wrap_to_width(nfc(text), font, room, room - hanging)
        for number, line in enumerate(lines):
            self._line(line, font, align, indent + (hanging if number else 0))

    def lines(self, lines: list[str], font: ImageFont.FreeTypeFont, *, align: Align) -> None:
        """Lines already broken by the caller; each must fit."""
        for line in lines:
            self._line(nfc(line), font, align, 0)

    def gap(self, height: int) -> None:
        self._strips.append(Image.new("1", (self.width, height), WHITE))

    def rule(self, *, thickness: int = 2, space: int = 8) -> None:
        strip = Image.new("1", (self.width, thickness + 2 * space), WHITE)
        ImageDraw.Draw(strip).rectangle(
            (self.margin, space, self.width - self.margin - 1, space + thickness - 1), fill=BLACK
        )
        self._strips.append(strip)

    def picture(self, picture: Image.Image) -> None:
        """A 1-bit picture, centred; one wider than the paper is a layout bug."""
        if picture.width > self.width:
            raise ValueError(f"picture {picture.width} dots wide on {self.width}-dot paper")
        strip = Image.new("1", (self.width, picture.height), WHITE)
        strip.paste(picture, ((self.width - picture.width) // 2, 0))
        self._strips.append(strip)

    def image(self) -> Image.Image:
        height = sum(strip.height for strip in self._strips)
        image = Image.new("1", (self.width, height), WHITE)
        top = 0
        for strip in self._strips:
            image.paste(strip, (0, top))
            top += strip.height
        return image

    def _line(self, line: str, font: ImageFont.FreeTypeFont, align: Align, indent: int) -> None:
        ascent, descent = font.getmetrics()
        rise = max(ascent, -int(font.getbbox(_TALLEST, anchor="ls")[1]))
        leading = max(2, int(font.size) // 6)
        strip = Image.new("1", (self.width, rise + descent + leading), WHITE)
        left = self.margin + indent
        if align == "center":
            left = self.margin + (self.usable - round(font.getlength(line))) // 2
        ImageDraw.Draw(strip).text((left, rise), line, font=font, fill=BLACK, anchor="ls")
        self._strips.append(strip)
