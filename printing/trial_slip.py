"""The technician's trial slip: every Vietnamese letter shape, both codes, the full printable width."""

from datetime import datetime

from PIL import Image

from onestop.i18n import _
from printing.counter_time import format_moment
from printing.fonts import slip_font
from printing.print_service import DEFAULT_TIMEOUT, PrintOutcome, print_image
from printing.printer_errors import PrinterError
from printing.printer_profile import STOCK_PROFILE, PrinterProfile
from printing.printer_uri import parse_printer_uri
from printing.slip_canvas import SlipCanvas
from printing.slip_codes import code128_image, qr_image
from printing.slip_layout import PaperWidth

TRIAL_CODE = "ONESTOP-IN-THU"
_LETTERS = (
    "Ă Â Đ Ê Ô Ơ Ư ă â đ ê ô ơ ư",
    "à á ả ã ạ · ằ ắ ẳ ẵ ặ · ầ ấ ẩ ẫ ậ",
    "ỀẾỂỄỆ ỒỐỔỖỘ ỜỚỞỠỢ ỪỨỬỮỰ ỲÝỶỸỴ",
    "Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau.",
)


def render_trial_slip(paper: PaperWidth, *, profile: PrinterProfile, printer: str, agency: str,
                      at: datetime) -> Image.Image:
    width_dots = profile.slip_width(paper)
    body_size = 22 if width_dots >= PaperWidth.MM80 else 20
    body, bold = slip_font(body_size), slip_font(body_size, bold=True)
    canvas = SlipCanvas(width_dots, 4)
    canvas.text(agency, bold, align="center")
    canvas.rule()
    canvas.text(_("IN THỬ MÁY IN PHIẾU"), slip_font(body_size + 4, bold=True), align="center")
    canvas.text(_("Máy in: {printer}").format(printer=printer), body)
    canvas.text(f"{_('Loại máy in')}: {profile.name}", body)
    canvas.text(_("Khổ giấy: {mm} mm ({dots} điểm)").format(
        mm=58 if paper < PaperWidth.MM80 else 80, dots=width_dots), body)
    canvas.text(_("In lúc: {moment}").format(moment=format_moment(at)), body)
    canvas.rule()
    for line in _LETTERS:
        canvas.text(line, body)
    canvas.rule()
    canvas.picture(code128_image(TRIAL_CODE, max_width=width_dots, height=48))
    canvas.gap(8)
    canvas.picture(qr_image(TRIAL_CODE, module=5))
    canvas.text(_("Nếu đọc rõ mọi dấu và quét được hai mã, máy in đã sẵn sàng."), body,
                align="center")
    return canvas.image()


def print_trial_slip(uri: str, *, width_dots: PaperWidth, agency: str, at: datetime, copies: int = 1,
                     profile: PrinterProfile = STOCK_PROFILE,
                     timeout: float = DEFAULT_TIMEOUT) -> PrintOutcome:
    """Draw the trial slip for the roll `width_dots` wide and the printer's model, and send it; a bad
    address comes back as the outcome's message."""
    try:
        where = str(parse_printer_uri(uri))
    except PrinterError as error:
        return PrintOutcome(False, error.message, error.problem)
    image = render_trial_slip(width_dots, profile=profile, printer=where, agency=agency, at=at)
    return print_image(image, uri, copies=copies, name=TRIAL_CODE, profile=profile, timeout=timeout)
