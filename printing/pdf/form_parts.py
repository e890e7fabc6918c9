"""Pieces every form is built from: letterhead, titles, tables, signatures, machine marks."""

from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from onestop.i18n import _
from onestop.text import nfc
from printing.counter_time import format_dated_line
from printing.form_content import Letterhead, Signer
from printing.pdf.fonts import REGULAR
from printing.pdf.styles import (
    CELL,
    CELL_BOLD,
    CELL_BOLD_RIGHT,
    CELL_RIGHT,
    CENTRED,
    CENTRED_BOLD,
    SMALL_CENTRED,
    SMALL_RIGHT,
    TITLE,
)

PORTRAIT_WIDTH = 175 * mm
LANDSCAPE_WIDTH = 257 * mm


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """Plain text: escaped, so '<' or '&' in a name stay what they are; '\n' breaks the line."""
    return Paragraph(escape(nfc(value)).replace("\n", "<br/>"), style)


def labelled(label: str, value: str, style: ParagraphStyle) -> Paragraph:
    """'Label: value' with the value in bold."""
    return Paragraph(f"{escape(nfc(label))}: <b>{escape(nfc(value))}</b>", style)


def letterhead(
    head: Letterhead,
    *,
    form_label: str,
    number: str | None = None,
    issued_on: date | None = None,
    width: float = PORTRAIT_WIDTH,
) -> list[Flowable]:
    left: list[Flowable] = [
        text(head.governing_body.upper(), CENTRED),
        text(head.agency.upper(), CENTRED_BOLD),
    ]
    right: list[Flowable] = [
        text(_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), CENTRED_BOLD),
        text(_("Độc lập - Tự do - Hạnh phúc"), CENTRED_BOLD),
    ]
    if number is not None:
        left.append(text(_("Số: {number}").format(number=number), CENTRED))
    if issued_on is not None:
        right.append(text(format_dated_line(head.place, issued_on), CENTRED))
    block = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
    return [text(form_label, SMALL_RIGHT), block]


def title(value: str, subtitle: str = "") -> list[Flowable]:
    parts: list[Flowable] = [text(value.upper(), TITLE)]
    if subtitle:
        parts.append(text(subtitle, CENTRED))
    parts.append(Spacer(1, 3 * mm))
    return parts


def grid(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    right_from_column: int | None = None,
    bold_rows: Sequence[int] = (),
) -> Table:
    """A ruled table; header rows (and `bold_rows`) are bold, header rows repeat on each page."""
    cells = [
        [
            text(
                cell,
                _cell_style(row_index < header_rows or row_index in bold_rows, column, right_from_column),
            )
            for column, cell in enumerate(row)
        ]
        for row_index, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=list(widths), repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)),
                *(("SPAN", start, end) for start, end in spans),
            ]
        )
    )
    return table


def signatures(*signers: tuple[Signer, str] | None, width: float = PORTRAIT_WIDTH) -> Table:
    """Signature blocks side by side: title, hint, room to sign, name; None leaves a column free."""
    cells: list[list[Flowable]] = [
        []
        if block is None
        else [
            text(block[0].title.upper(), CENTRED_BOLD),
            text(block[1], SMALL_CENTRED),
            Spacer(1, 20 * mm),
            text(block[0].name, CENTRED_BOLD),
        ]
        for block in signers
    ]
    block = Table([cells], colWidths=[width / len(signers)] * len(signers))
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
    return block


def signing_hint() -> str:
    return _("(Ký và ghi rõ họ tên)")


def code_marks(code: str, qr_text: str | None = None) -> Drawing:
    """CODE128 of the dossier code and a QR of `qr_text` (the code when None), side by side, no
    text drawn in a stock font."""
    barcode = createBarcodeDrawing(
        "Code128", value=code, barHeight=12 * mm, barWidth=0.3 * mm, humanReadable=False
    )
    qr = createBarcodeDrawing("QR", value=qr_text or code, width=24 * mm, height=24 * mm)
    marks = Drawing(
        barcode.width + 10 * mm + qr.width,
        max(barcode.height, qr.height),
        initialFontName=REGULAR,  # drawings start in Helvetica otherwise
    )
    barcode.translate(0, (marks.height - barcode.height) / 2)
    qr.translate(barcode.width + 10 * mm, 0)
    marks.add(barcode)
    marks.add(qr)
    marks.hAlign = "CENTER"
    return marks


def code_cell(code: str) -> str:
    """A dossier code for a narrow column: the line breaks after the agency part only."""
    agency, dash, rest = code.partition("-")
    return f"{agency}{dash}\n{rest}" if dash else code


def portrait_widths(*shares: float) -> list[float]:
    return [PORTRAIT_WIDTH * share for share in shares]


def _cell_style(bold: bool, column: int, right_from: int | None) -> ParagraphStyle:
    if right_from is not None and column >= right_from:
        return CELL_BOLD_RIGHT if bold else CELL_RIGHT
    return CELL_BOLD if bold else CELL


# Tables set a font for every cell, Helvetica unless told.
_NO_PADDING = [
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
]
