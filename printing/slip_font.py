"""One size of the bundled font for slips, each glyph drawn once and kept.

FreeType hints every glyph again on each 1-bit render, which made text most of a slip's drawing
time; a slip uses a few dozen distinct letters, so each is drawn once, then stamped. Letters sit
at their advance widths without kerning or ligatures, which a receipt does not miss, and widths
are measured the same way, so wrapped lines always fit.
"""

import threading
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

# Stacked Vietnamese diacritics rise above the font's nominal ascent.
_TALLEST = "ỄẾỖỠẴẪ"
INK = 0


@dataclass(frozen=True)
class _Stamp:
    mask: Image.Image
    left: int
    top: int


class SlipFont:
    def __init__(self, font: ImageFont.FreeTypeFont) -> None:
        self.size = int(font.size)
        self._font = font
        self._advances: dict[str, float] = {}
        self._stamps: dict[str, _Stamp | None] = {}
        # One FreeType face must not render on two threads at once.
        self._lock = threading.Lock()
        ascent, self.descent = font.getmetrics()
        self.rise = max(ascent, -int(font.getbbox(_TALLEST, mode="1", anchor="ls")[1]))

    def getlength(self, text: str) -> float:
        """The printed width in dots, as `draw` will place the letters."""
        try:
            return sum(map(self._advances.__getitem__, text))
        except KeyError:
            return sum(map(self._advance, text))

    def draw(self, image: Image.Image, left: int, baseline: int, text: str) -> None:
        """Black text on a mode "1" image, its baseline at `baseline`."""
        pen = float(left)
        for char in text:
            stamp = self._stamps[char] if char in self._stamps else self._stamp(char)
            if stamp is not None:
                image.paste(INK, (round(pen) + stamp.left, baseline + stamp.top), stamp.mask)
            pen += self._advance(char)

    def _advance(self, char: str) -> float:
        advance = self._advances.get(char)
        if advance is None:
            with self._lock:
                advance = self._advances[char] = self._font.getlength(char, mode="1")
        return advance

    def _stamp(self, char: str) -> _Stamp | None:
        with self._lock:
            left, top, right, bottom = self._font.getbbox(char, mode="1", anchor="ls")
            stamp = None
            if right > left and bottom > top:
                mask = Image.new("1", (int(right - left), int(bottom - top)), 0)
                ImageDraw.Draw(mask).text((-left, -top), char, font=self._font, fill=1, anchor="ls")
                stamp = _Stamp(mask, int(left), int(top))
            self._stamps[char] = stamp
        return stamp
