"""Paragraph styles shared by every form and report."""

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from printing.pdf.fonts import BOLD, REGULAR, register_fonts

# Paragraphs look their fonts up when they are made, not when the page is drawn.
register_fonts()

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14, alignment=TA_JUSTIFY, spaceAfter=3)
BODY_BOLD = ParagraphStyle("body-bold", parent=BODY, fontName=BOLD)
INDENTED = ParagraphStyle("indented", parent=BODY, leftIndent=14)
CENTRED = ParagraphStyle("centred", parent=BODY, alignment=TA_CENTER)
CENTRED_BOLD = ParagraphStyle("centred-bold", parent=CENTRED, fontName=BOLD)
TITLE = ParagraphStyle("title", parent=CENTRED_BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11, spaceAfter=0)
SMALL_CENTRED = ParagraphStyle("small-centred", parent=SMALL, alignment=TA_CENTER)
SMALL_RIGHT = ParagraphStyle("small-right", parent=SMALL, alignment=TA_RIGHT)
CELL = ParagraphStyle("cell", parent=SMALL, alignment=0)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName=BOLD)
CELL_RIGHT = ParagraphStyle("cell-right", parent=CELL, alignment=TA_RIGHT)
CELL_BOLD_RIGHT = ParagraphStyle("cell-bold-right", parent=CELL_RIGHT, fontName=BOLD)
HEADING = ParagraphStyle("heading", parent=BODY_BOLD, fontSize=11, spaceBefore=8, spaceAfter=4)
