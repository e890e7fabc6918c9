"""A story of flowables laid out on A4 pages and returned as PDF bytes."""

from io import BytesIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from onestop.i18n import _
from printing.pdf.fonts import REGULAR

MARGIN = 15 * mm


def pdf_bytes(story: list[Flowable], *, title: str, wide: bool = False) -> bytes:
    """`wide` turns the page for tables with many columns (tracking book, period report)."""
    target = BytesIO()
    document = SimpleDocTemplate(
        target,
        pagesize=landscape(A4) if wide else A4,
        leftMargin=MARGIN + 5 * mm,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="OneStop",
        # Otherwise every page starts in Helvetica, a font the PDF would not carry.
        initialFontName=REGULAR,
    )
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return target.getvalue()


def _page_number(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(
        document.pagesize[0] - MARGIN,
        MARGIN / 2,
        _("Trang {number}").format(number=document.page),
    )
    canvas.restoreState()
