"""What both supervisor reports open and close with."""

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from onestop.i18n import N_, _
from printing.counter_time import format_moment
from printing.form_content import Signer
from printing.pdf.form_parts import signatures, signing_hint, text
from printing.pdf.styles import CENTRED, CENTRED_BOLD, SMALL_RIGHT, TITLE

# The daily and the front-of-house reports are the office's own; the control slip is "Mẫu 06"
DAILY_FORM = N_("Báo cáo nội bộ BC-01 (không phải mẫu của Thông tư)")
QUEUE_FORM = N_("Báo cáo nội bộ BC-02 (không phải mẫu của Thông tư)")
PERIOD_FORM = N_("Biểu số 06 (Thông tư 01/2020/TT-VPCP)")


def report_heading(agency: str, heading: str, period: str, made_at: datetime,
                   form_label: str) -> list[Flowable]:
    """`form_label` names the report's form at the top right, as on every paper form."""
    return [
        text(form_label, SMALL_RIGHT),
        text(agency.upper(), CENTRED_BOLD),
        text(heading.upper(), TITLE),
        text(period, CENTRED),
        text(_("Lập lúc {moment}").format(moment=format_moment(made_at)), CENTRED),
    ]


def report_signatures(width: float, made_by: str) -> list[Flowable]:
    """Who made the report (by full name) and the head of the agency who answers for it, as on
    paper forms."""
    return [
        Spacer(1, 6 * mm),
        signatures((Signer(_("Người lập biểu"), made_by), signing_hint()),
                   (Signer(_("Thủ trưởng cơ quan"), ""), _("(Ký, ghi rõ họ tên và đóng dấu)")),
                   width=width),
    ]


def percent(part: int, whole: int) -> str:
    """'95,5 %' with a decimal comma; a dash when there is nothing to divide."""
    if whole == 0:
        return "—"
    return f"{100 * part / whole:.1f} %".replace(".", ",")
