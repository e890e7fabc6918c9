"""The slip a dossier gets at the counter, built from what the store holds about it."""

from onestop.dossiers import BY_POST, REFUSED, SUPPLEMENT_REQUESTED, DossierView
from onestop.i18n import _
from onestop.roles import Actor
from onestop.workdays import CALENDAR_DAYS, HOURS, SAME_DAY, WORKING_DAYS, Duration
from printing.slip_content import (
    Applicant,
    Refusal,
    Slip,
    SlipDetail,
    SlipKind,
    SubmittedDocument,
    SupplementRequest,
    standard_title,
)
from ui.operations.counter_setup import CounterSetup


def processing_time(duration: Duration) -> str:
    """The statutory time in the receipt's words, e.g. '03 ngày làm việc'."""
    value = duration.value or 0
    texts = {
        WORKING_DAYS: _("{0:02d} ngày làm việc").format(value),
        CALENDAR_DAYS: _("{0:02d} ngày").format(value),
        HOURS: _("{0} giờ làm việc").format(value),
        SAME_DAY: _("Trong ngày"),
    }
    return texts.get(duration.unit, "")


def _detail(view: DossierView, reasons: str, missing: tuple[str, ...]) -> SlipDetail | None:
    if view.status == SUPPLEMENT_REQUESTED:
        return SupplementRequest(missing or (reasons,), reasons)
    if view.status == REFUSED:
        return Refusal(tuple(line for line in reasons.splitlines() if line.strip()) or (reasons,))
    return None


def slip_for(view: DossierView, setup: CounterSetup, officer: Actor, duration: Duration | None,
             *, reasons: str = "", missing: tuple[str, ...] = ()) -> Slip:
    detail = _detail(view, reasons, missing)
    kind = {SUPPLEMENT_REQUESTED: SlipKind.SUPPLEMENT_REQUEST,
            REFUSED: SlipKind.REFUSAL}.get(view.status, SlipKind.RECEIPT)
    a = view.applicant
    return Slip(
        title=standard_title(kind),
        agency=setup.agency_name,
        counter=setup.counter_name,
        dossier_code=view.code,
        applicant=Applicant(a.full_name, a.address, a.phone, a.email),
        procedure=view.procedure_name,
        received_at=view.received_at,
        appointment=view.due_at,
        documents=tuple(SubmittedDocument(d.name, d.originals, d.copies) for d in view.documents),
        sets=view.sets,
        processing_time=processing_time(duration) if duration else "",
        result_delivery=_("Qua bưu chính") if view.result_delivery == BY_POST
        else setup.counter_name,
        book_entry=_("Quyển {year}, số {entry:04d}").format(year=view.book_year,
                                                           entry=view.book_entry),
        officer=officer.full_name,
        lookup_hint=setup.lookup_hint,
        detail=detail,
    )
