"""The kiosk's queue ticket: the number large, the field, how many wait before, the time and the
office, and a QR to follow one's turn where the province offers it."""

from dataclasses import dataclass
from datetime import datetime

from PIL import Image

from onestop.i18n import _
from printing.counter_time import format_moment
from printing.fonts import slip_font
from printing.print_service import DEFAULT_TIMEOUT, PrintOutcome, print_image
from printing.printer_profile import STOCK_PROFILE, PrinterProfile
from printing.slip_canvas import SlipCanvas
from printing.slip_codes import qr_image
from printing.slip_layout import PaperWidth


@dataclass(frozen=True)
class QueueTicketSlip:
    office: str
    label: str
    field_name: str
    waiting_before: int
    taken_at: datetime
    follow_url: str = ""


def render_queue_ticket(ticket: QueueTicketSlip, width_dots: int) -> Image.Image:
    wide = width_dots >= PaperWidth.MM80
    body = slip_font(24 if wide else 20)
    canvas = SlipCanvas(width_dots, 4)
    canvas.text(ticket.office, slip_font(24 if wide else 20, bold=True), align="center")
    canvas.rule()
    canvas.text(_("SỐ THỨ TỰ"), slip_font(28 if wide else 24, bold=True), align="center")
    canvas.text(ticket.label, slip_font(120 if wide else 96, bold=True), align="center")
    canvas.text(ticket.field_name, slip_font(30 if wide else 24, bold=True), align="center")
    canvas.gap(8)
    canvas.text(_("Số người chờ trước bạn: {0}").format(ticket.waiting_before), body,
                align="center")
    canvas.text(format_moment(ticket.taken_at), body, align="center")
    if ticket.follow_url:
        canvas.gap(8)
        canvas.picture(qr_image(ticket.follow_url, module=4 if wide else 3))
        canvas.text(_("Quét mã để theo dõi lượt của bạn"), body, align="center")
    canvas.rule()
    canvas.text(_("Xin vui lòng chờ đến khi số của bạn được gọi."), body, align="center")
    return canvas.image()


def print_queue_ticket(ticket: QueueTicketSlip, uri: str, *, width_dots: int = PaperWidth.MM80,
                       profile: PrinterProfile = STOCK_PROFILE,
                       timeout: float = DEFAULT_TIMEOUT) -> PrintOutcome:
    """Draw the ticket for the roll and the printer's model and send it; a printer's trouble comes
    back as the outcome's message, so the kiosk can offer to print it again."""
    image = render_queue_ticket(ticket, profile.slip_width(width_dots))
    return print_image(image, uri, name=f"so-{ticket.label}", profile=profile, timeout=timeout)
