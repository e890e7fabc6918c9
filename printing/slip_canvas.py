"""A column of 1-bit marks: text lines, rules, gaps and pictures stacked top to bottom.

Marks are laid out first and drawn once onto one image of the final height, so nothing is
drawn twice or copied between strips.
"""

from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw

from onestop.text import nfc
from printing.slip_font import SlipFont
from printing.text_wrap import wrap_to_width

Align = Literal["left", "center"]
WHITE = 1
BLACK = 0


@dataclass(frozen=True)
class _Line:
    top: int
    left: int
    font: SlipFont
    text: str

    def draw(self, image: Image.Image) -> None:
        self.font.draw(image, self.left, self.top + self.font.rise, self.text)


@dataclass(frozen=True)
class _Rule:
    top: int
    left: int
    right: int
    thickness: int

    def draw(self, image: Image.Image) -> None:
        ImageDraw.Draw(image).rectangle(
            (self.left, self.top, self.right, self.top + self.thickness - 1), fill=BLACK
        )


@dataclass(frozen=True)
class _Picture:
    top: int
    left: int
    picture: Image.Image

    def draw(self, image: Image.Image) -> None:
        image.paste(self.picture, (self.left, self.top))


class SlipCanvas:
    def __init__(self, width: int, margin: int) -> None:
        self.width = width
        self.margin = margin
        self._height = 0
        self._marks: list[_Line | _Rule | _Picture] = []

    @property
    def usable(self) -> int:
        return self.width - 2 * self.margin

    def text(
        self,
        text: str,
        font: SlipFont,
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

    def lines(self, lines: list[str], font: SlipFont, *, align: Align) -> None:
        """Lines already broken by the caller; each must fit."""
        for line in lines:
            self._line(nfc(line), font, align, 0)

    def gap(self, height: int) -> None:
        self._height += height

    def rule(self, *, thickness: int = 2, space: int = 8) -> None:
        self._marks.append(
            _Rule(self._height + space, self.margin, self.width - self.margin - 1, thickness)
        )
        self._height += thickness + 2 * space

    def picture(self, picture: Image.Image) -> None:
        """A 1-bit picture, centred; one wider than the paper is a layout bug."""
        if picture.width > self.width:
            raise ValueError(f"picture {picture.width} dots wide on {self.width}-dot paper")
        self._marks.append(_Picture(self._height, (self.width - picture.width) // 2, picture))
        self._height += picture.height

    def image(self) -> Image.Image:
        image = Image.new("1", (self.width, self._height), WHITE)
        for mark in self._marks:
            mark.draw(image)
        return image

    def _line(self, line: str, font: SlipFont, align: Align, indent: int) -> None:
        left = self.margin + indent
        if align == "center":
            left = self.margin + (self.usable - round(font.getlength(line))) // 2
        self._marks.append(_Line(self._height, left, font, line))
        leading = max(2, font.size // 6)
        self._height += font.rise + font.descent + leading
