"""The bundled font registered with reportlab, embedded (subset) in every PDF."""

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from printing.fonts import BOLD as BOLD_FILE
from printing.fonts import REGULAR as REGULAR_FILE
from printing.fonts import font_file

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def register_fonts() -> None:
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_file(REGULAR_FILE))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_file(BOLD_FILE))))
    # No italic face is bundled: <i> falls back to the upright one.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
