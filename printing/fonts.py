"""The bundled Unicode font: printer code pages cannot carry Vietnamese, so every glyph is ours."""

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from onestop.resources import resource_path
from printing.slip_font import SlipFont

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"


def font_file(name: str) -> Path:
    return resource_path("fonts", name)


@lru_cache(maxsize=32)
def slip_font(size: int, *, bold: bool = False) -> SlipFont:
    # Letters are drawn one at a time, so no text shaping is needed.
    font = ImageFont.truetype(
        str(font_file(BOLD if bold else REGULAR)), size, layout_engine=ImageFont.Layout.BASIC
    )
    return SlipFont(font)
