"""Put a slip on paper: draw, encode, check the printer, send; say how it went.

Printing never raises for a printer's trouble: the outcome carries a message fit to show, so a
print-job row can record it and a failed slip can be printed again later.
"""

from dataclasses import dataclass

from PIL import Image

from onestop.i18n import _, ngettext
from printing.escpos_encoding import encode_slip
from printing.printer_errors import PrinterError, PrinterProblem, offline, paper_out
from printing.printer_profile import STOCK_PROFILE, PrinterProfile
from printing.printer_status import PaperLevel, PrinterStatus
from printing.printer_uri import parse_printer_uri
from printing.printers.connect import connect
from printing.slip_content import Slip
from printing.slip_layout import PaperWidth, render_slip

DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class PrintOutcome:
    sent: bool
    message: str
    problem: PrinterProblem | None = None
    copies: int = 0
    bytes_sent: int = 0
    status: PrinterStatus = PrinterStatus()


def print_slip(
    slip: Slip,
    uri: str,
    *,
    copies: int = 1,
    width_dots: int = PaperWidth.MM80,
    profile: PrinterProfile = STOCK_PROFILE,
    timeout: float = DEFAULT_TIMEOUT,
) -> PrintOutcome:
    """The slip drawn for a roll `width_dots` wide, no wider than the printer's model prints."""
    image = render_slip(slip, profile.slip_width(width_dots))
    return print_image(image, uri, copies=copies, name=slip.dossier_code, profile=profile,
                       timeout=timeout)


def print_image(
    image: Image.Image,
    uri: str,
    *,
    copies: int = 1,
    name: str,
    profile: PrinterProfile = STOCK_PROFILE,
    timeout: float = DEFAULT_TIMEOUT,
) -> PrintOutcome:
    """Any drawn slip (a test page, say) to the printer at `uri`, `copies` times, each coming off
    the roll as the printer's model allows."""
    data = encode_slip(image, copies=copies, cut=profile.cut)
    status = PrinterStatus()
    try:
        with connect(parse_printer_uri(uri), timeout) as printer:
            status = printer.status()
            if status.paper is PaperLevel.OUT:
                raise paper_out(printer.where)
            if status.online is False:
                raise offline(printer.where)
            printer.send_job(data, name)
            where = printer.where
    except PrinterError as error:
        return PrintOutcome(False, error.message, error.problem, status=status)
    message = ngettext(
        "Đã gửi {copies} bản tới máy in {where}.",
        "Đã gửi {copies} bản tới máy in {where}.",
        copies,
    ).format(copies=copies, where=where)
    if status.paper is PaperLevel.NEAR_END:
        message = f"{message} {_('Giấy sắp hết, hãy chuẩn bị cuộn mới.')}"
    return PrintOutcome(True, message, None, copies, len(data), status)


def printer_status(uri: str, *, timeout: float = DEFAULT_TIMEOUT) -> PrinterStatus:
    """What the printer says about itself, for the set-up screen; raises PrinterError."""
    with connect(parse_printer_uri(uri), timeout) as printer:
        return printer.status()
