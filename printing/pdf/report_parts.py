"""What both supervisor reports open with."""

from datetime import datetime

from reportlab.platypus import Flowable

from onestop.i18n import _
from printing.counter_time import format_moment
from printing.pdf.form_parts import text
from printing.pdf.styles import CENTRED, CENTRED_BOLD, TITLE


def report_heading(agency: str, heading: str, period: str, made_at: datetime) -> list[Flowable]:
    return [
        text(agency.upper(), CENTRED_BOLD),
        text(heading.upper(), TITLE),
        text(period, CENTRED),
        text(_("Lập lúc {moment}").format(moment=format_moment(made_at)), CENTRED),
    ]


def percent(part: int, whole: int) -> str:
    """'95,5 %' with a decimal comma; a dash when there is nothing to divide."""
    if whole == 0:
        return "—"
    return f"{100 * part / whole:.1f} %".replace(".", ",")
