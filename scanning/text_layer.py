"""The invisible text over a page: every word Tesseract read, drawn where it stands on the image,
stretched to the word's width, in rendering mode 3 so that it shows nothing but can be found,
selected and copied.

Each word but the last of a line carries a space stretched to the next word, so that text taken
out of the PDF has its words apart and its lines in order.
"""

from scanning.glyphless_font import ADVANCE, UNITS_PER_EM
from scanning.ocr import Line, PageText, Word

FONT_NAME = "/OnestopText"
_POINTS_PER_INCH = 72
# share of a line's height below the baseline (descenders of g, p, y)
_DESCENT = 0.2


def _hex(text: str) -> str:
    # Identity-H: two bytes per character, the code point; the rare character beyond the BMP is left out
    return "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF)


def _word(word: Word, next_word: Word | None, line: Line, scale: float, page_height: float) -> str:
    size = max(1.0, (line.bottom - line.top) * scale)
    text = word.text if next_word is None else word.text + " "
    right = word.left + word.width if next_word is None else next_word.left
    width = max(1.0, (right - word.left) * scale)
    natural = len(text) * size * ADVANCE / UNITS_PER_EM
    stretch = 100 * width / natural
    x = word.left * scale
    y = page_height - line.bottom * scale + size * _DESCENT
    return f"{FONT_NAME} {size:.2f} Tf {stretch:.2f} Tz 1 0 0 1 {x:.2f} {y:.2f} Tm <{_hex(text)}> Tj"


def content(page: PageText) -> bytes:
    """The page's content stream for the text, in points, over an image that fills the page."""
    scale = _POINTS_PER_INCH / page.dpi
    page_height = page.height * scale
    drawn = ["q", "BT", "3 Tr"]
    for line in page.lines:
        words = sorted(line.words, key=lambda word: word.left)
        for index, word in enumerate(words):
            following = words[index + 1] if index + 1 < len(words) else None
            drawn.append(_word(word, following, line, scale, page_height))
    drawn += ["ET", "Q", ""]
    return "\n".join(drawn).encode("ascii")
