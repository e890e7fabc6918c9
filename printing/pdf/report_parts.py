"""What both supervisor reports open and close with."""

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from onestop.i18n import _
from printing.counter_time import format_moment
from printing.form_content import Signer
from printing.pdf.form_parts import signatures, signing_hint, text
from printing.pdf.styles import CENTRED, CENTRED_BOLD, TITLE


def report_heading(agency: str, heading: str, period: str, made_at: datetime) -> list[Flowable]:
    return [
        text(agency.upper(), CENTRED_BOLD),
        text(heading.upper(), TITLE),
        text(period, CENTRED),
        text(_("Lập lúc {moment}").format(moment=format_moment(made_at)), CENTRED),
    ]


def report_signatures(width: float) -> list[Flowable]:
    """Who made the report and the head of the agency who answers for it, as on paper forms."""
    return [
        Spacer(1, 6 * mm),
        signatures((Signer(_("Người lập biểu"), ""), signing_hint()),
                   (Signer(_("Thủ trưởng cơ quan"), ""), _("(Ký, ghi rõ họ tên và đóng dấu)")),
                   width=width),
    ]


def percent(part: int, whole: int) -> str:
    """'95,5 %' with a decimal comma; a dash when there is nothing to divide."""
    if whole == 0:
        return "—"
    return f"{100 * part / whole:.1f} %".replace(".", ",")
