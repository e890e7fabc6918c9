"""The slip a stored dossier gets, from what the store holds about it and the office's settings."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from onestop.dossiers import BY_POST, DossierView, HistoryRow
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.print_jobs import HANDOVER, REFUSAL, REPRINT, SUPPLEMENT, slip_kind_for
from onestop.returning import Collection
from onestop.workdays import CALENDAR_DAYS, HOURS, SAME_DAY, WORKING_DAYS, Duration
from printing.slip_content import (
    Applicant,
    Refusal,
    ResultHandover,
    Slip,
    SlipDetail,
    SlipKind,
    SubmittedDocument,
    SupplementRequest,
    standard_title,
)

_STATUS_OF_KIND = {SUPPLEMENT: "supplement_requested", REFUSAL: "refused", HANDOVER: "returned"}
_SLIP_KINDS = {SUPPLEMENT: SlipKind.SUPPLEMENT_REQUEST, REFUSAL: SlipKind.REFUSAL,
               HANDOVER: SlipKind.RESULT_HANDOVER}


@dataclass(frozen=True)
class SlipOffice:
    """What every slip of this office carries, read from the settings."""

    agency: str
    agency_address: str
    counter: str
    lookup_hint: str


def slip_office(values: Mapping[str, Any]) -> SlipOffice:
    """From `settings.all_values`."""
    return SlipOffice(str(values["agency.name"]), str(values["agency.address"]),
                      str(values["counter.name"]), str(values["lookup.hint"]))


def processing_time(duration: Duration) -> str:
    """The statutory time in the receipt's words, e.g. '03 ngày làm việc'; empty for none."""
    value = duration.value or 0
    texts = {
        WORKING_DAYS: _("{0:02d} ngày làm việc").format(value),
        CALENDAR_DAYS: _("{0:02d} ngày").format(value),
        HOURS: _("{0} giờ làm việc").format(value),
        SAME_DAY: _("Trong ngày"),
    }
    return texts.get(duration.unit, "")


def dossier_slip(view: DossierView, office: SlipOffice, job_kind: str | None, *,
                 officer_names: Mapping[str, str], duration: Duration | None = None,
                 collection: Collection | None = None) -> Slip:
    """The slip a print job of `job_kind` asks for; a reprint, or no kind at all, gives the slip
    of the dossier's current status.

    `officer_names` maps user names to full names; a name it lacks is printed as it is.
    `collection` is how the result was handed over, for the return confirmation.
    """
    kind = slip_kind_for(view.status) if job_kind in (REPRINT, None) else job_kind
    move = _last_move_to(view, _STATUS_OF_KIND[kind]) if kind in _STATUS_OF_KIND else None
    officer = move.actor if move is not None else view.received_by
    a = view.applicant
    return Slip(
        title=standard_title(_SLIP_KINDS.get(kind, SlipKind.RECEIPT)),
        agency=office.agency,
        counter=office.counter,
        dossier_code=view.code,
        applicant=Applicant(a.full_name, a.address, a.phone, a.email),
        procedure=view.procedure_name,
        received_at=view.received_at,
        appointment=view.due_at,
        documents=tuple(SubmittedDocument(d.name, d.originals, d.copies) for d in view.documents),
        sets=view.sets,
        processing_time=processing_time(duration) if duration else "",
        result_delivery=_result_delivery(view, office),
        book_entry=_("Quyển {year}, số {entry:04d}").format(year=view.book_year,
                                                           entry=view.book_entry),
        officer=officer_names.get(officer, officer),
        lookup_hint=office.lookup_hint,
        detail=_detail(view, kind, move, collection),
        reprint=job_kind == REPRINT,
        corrected=view.corrected,
    )


def _last_move_to(view: DossierView, status: str) -> HistoryRow:
    for row in reversed(view.history):
        if row.to_status == status:
            return row
    raise DomainError(_("Hồ sơ {code} chưa có bước “{status}” nên chưa in được phiếu này.").format(
        code=view.code, status=status))


def _detail(view: DossierView, kind: str, move: HistoryRow | None,
            collection: Collection | None) -> SlipDetail | None:
    if move is None:
        return None
    # Notes are stored on one line; items the officer listed are kept apart by semicolons.
    lines = tuple(item.strip() for item in re.split(r"[;\n]", move.note) if item.strip())
    if kind == SUPPLEMENT:
        return SupplementRequest(lines, "")
    if kind == REFUSAL:
        return Refusal(lines)
    if collection is None:
        return ResultHandover(view.applicant.full_name, view.returned_at or move.at)
    return ResultHandover(collection.collector_name, collection.returned_at,
                          "" if collection.by_applicant else collection.collector_id_number,
                          collection.relation, collection.fees_collected)


def _result_delivery(view: DossierView, office: SlipOffice) -> str:
    if view.result_delivery == BY_POST:
        return _("Qua dịch vụ bưu chính")
    place = ", ".join(part for part in (office.counter, office.agency, office.agency_address) if part)
    return _("Tại {place}").format(place=place)
