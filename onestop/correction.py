"""Correcting a received dossier: a mis-keyed name, phone or paper, or — while the dossier is still
just received — the wrong procedure. One transaction holds the change, its history row naming what
changed, its audit row, the new version for the province and, if asked, the corrected receipt's
print job."""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from onestop import audit, print_jobs
from onestop.applicant_changes import FIELD_LABELS, differences
from onestop.catalogue import get_procedure, to_record
from onestop.dossiers import (
    RECEIVED,
    HandedIn,
    applicant_of,
    clean_applicant,
    handed_in_documents,
    history_row,
    load_dossier,
    queue_for_province,
    search_text_of,
)
from onestop.errors import Conflict, DomainError
from onestop.i18n import _
from onestop.limits import check_length
from onestop.print_jobs import SlipOrder
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Dossier, DossierDocument, DossierFee, Procedure
from onestop.text import clean
from onestop.workcalendar_store import load_calendar

# History notes are records, kept in Vietnamese whatever language the screen shows.
CORRECTION_NOTE = "Đính chính: {changes}. Lý do: {reason}"
_NOTE_LABELS = {**FIELD_LABELS, "procedure_code": "Thủ tục", "handed_in": "Giấy tờ đã nộp"}


@dataclass(frozen=True)
class Correction:
    """What to correct; None leaves a field as it is."""

    name: str | None = None
    id_number: str | None = None
    old_id_number: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    procedure_code: str | None = None
    handed_in: tuple[HandedIn, ...] | None = None


@dataclass(frozen=True)
class Corrected:
    code: str
    version: int
    changed: tuple[str, ...]
    print_job_id: int | None


_APPLICANT_FIELDS = {"name": "full_name", "id_number": "id_number", "old_id_number": "old_id_number",
                     "birth_date": "birth_date", "sex": "sex", "address": "address", "phone": "phone",
                     "email": "email"}


_NULLABLE = ("id_number", "old_id_number")


def _papers(documents: list[DossierDocument] | tuple[HandedIn, ...]) -> tuple[HandedIn, ...]:
    return tuple(HandedIn(d.code, d.originals, d.copies) for d in documents)


def _papers_text(documents: list[DossierDocument]) -> str:
    return ", ".join(f"{d.name} ({d.originals}/{d.copies})" for d in documents) or "—"


def correct_dossier(store: Store, actor: Actor, code: str, correction: Correction, reason: str,
                    slip: SlipOrder | None = None, at: datetime | None = None) -> Corrected:
    """Correct a received dossier, giving a reason; with a slip order, the corrected receipt's
    print job is queued in the same transaction."""
    require(actor, "dossier.correct")
    reason = check_length("reason", clean(reason))
    if not reason:
        raise DomainError(_("Cần ghi lý do đính chính."), field="reason")
    if slip is not None:
        print_jobs.check_order(slip)
    at = at or datetime.now(UTC)
    with store.write() as session, session.no_autoflush:
        dossier = load_dossier(session, code)
        before = applicant_of(dossier.applicant)
        wanted = {target: getattr(correction, source) for source, target in _APPLICANT_FIELDS.items()
                  if getattr(correction, source) is not None}
        after = clean_applicant(replace(before, **wanted))
        found = differences(after, before)
        notes = [f"{_NOTE_LABELS[d.field]}: {d.on_file or '—'} → {d.typed or '—'}" for d in found]
        changed = [d.field for d in found]
        details = {d.field: [d.on_file, d.typed] for d in found}
        for name in changed:
            value = getattr(after, name)
            setattr(dossier.applicant, name, value or None if name in _NULLABLE else value)
        procedure = dossier.procedure
        new_code = clean(correction.procedure_code) if correction.procedure_code is not None else ""
        if new_code and new_code != procedure.code:
            procedure = _new_procedure(session, dossier, new_code)
            notes.append(f"{_NOTE_LABELS['procedure_code']}: {dossier.procedure.code} → {procedure.code}")
            details["procedure_code"] = [dossier.procedure.code, procedure.code]
            changed.append("procedure_code")
        papers = correction.handed_in if correction.handed_in is not None else _papers(
            dossier.documents)
        if procedure is not dossier.procedure or papers != _papers(dossier.documents):
            documents, _missing = handed_in_documents(procedure, papers, dossier.channel)
            if _papers(documents) != _papers(dossier.documents):
                notes.append(f"{_NOTE_LABELS['handed_in']}: {_papers_text(dossier.documents)} → "
                             f"{_papers_text(documents)}")
                details["handed_in"] = [_papers_text(dossier.documents), _papers_text(documents)]
                changed.append("handed_in")
                dossier.documents = documents
        if not changed:
            raise DomainError(_("Không có gì khác với hồ sơ đang lưu để đính chính."))
        if procedure is not dossier.procedure:
            _move_to_procedure(session, dossier, procedure)
        dossier.search_text = search_text_of(dossier.applicant, dossier.procedure)
        dossier.version += 1
        dossier.corrected_at = at
        change = history_row(session, dossier, actor, dossier.status, dossier.status, at,
                             CORRECTION_NOTE.format(changes="; ".join(notes), reason=reason))
        audit.record(session, actor, "dossier.correct", dossier.code,
                     {"changes": details, "reason": reason, "version": dossier.version})
        session.flush()
        queue_for_province(session, dossier, change)
        job = None if slip is None else print_jobs.queue_intake_slip_in(session, actor, dossier, slip)
        return Corrected(dossier.code, dossier.version, tuple(changed),
                         None if job is None else job.id)


def _new_procedure(session: Session, dossier: Dossier, code: str) -> Procedure:
    if dossier.status != RECEIVED:
        raise Conflict(_("Hồ sơ {0} đã chuyển bước sau tiếp nhận nên không đổi được thủ tục.").format(
            dossier.code), field="procedure")
    procedure = session.get(Procedure, code)
    if procedure is None or not procedure.active:
        get_procedure(session, code)
        raise DomainError(_("Thủ tục {0} đã hết hiệu lực.").format(code), field="procedure")
    return procedure


def _move_to_procedure(session: Session, dossier: Dossier, procedure: Procedure) -> None:
    """The new procedure's appointment, counted from the same receiving, and its fees."""
    appointment = load_calendar(session).appointment(dossier.received_at,
                                                     to_record(procedure).duration)
    dossier.procedure = procedure
    dossier.counting_from = appointment.counting_from
    dossier.due_at = appointment.due_at
    dossier.fees = [DossierFee(position=i, code=f.code, name=f.name, amount=f.amount)
                    for i, f in enumerate(procedure.fees)]
    dossier.fees_total = sum(f.amount for f in procedure.fees)
