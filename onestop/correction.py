"""Correcting a received dossier: a mis-keyed name, phone or paper, or — while the dossier is still
just received — the wrong procedure. One transaction holds the change, its history row naming what
changed, its audit row, the new version for the province and, if asked, the corrected receipt's
print job."""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from onestop import audit, print_jobs
from onestop.applicant_changes import FIELD_LABELS, differences
from onestop.catalogue import get_procedure_in, to_record
from onestop.changes import NOTHING, StoreChanges, of_dossier
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
from onestop.limits import check_length, check_printable
from onestop.print_jobs import SlipOrder
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Dossier, DossierDocument, DossierFee, Procedure
from onestop.text import clean
from onestop.workcalendar_store import load_calendar_in

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
    changes: StoreChanges = NOTHING


_APPLICANT_FIELDS = {"name": "full_name", "id_number": "id_number", "old_id_number": "old_id_number",
                     "birth_date": "birth_date", "sex": "sex", "address": "address", "phone": "phone",
                     "email": "email"}
_NULLABLE = ("id_number", "old_id_number")


@dataclass(frozen=True)
class _Change:
    field: str
    old: str
    new: str


def correct_dossier(store: Store, actor: Actor, code: str, correction: Correction, reason: str,
                    slip: SlipOrder | None = None, at: datetime | None = None) -> Corrected:
    """Correct a received dossier, giving a reason; with a slip order, the corrected receipt's
    print job is queued in the same transaction."""
    require(actor, "dossier.correct")
    reason = check_printable("reason", check_length("reason", clean(reason)))
    if not reason:
        raise DomainError(_("Cần ghi lý do đính chính."), field="reason")
    if slip is not None:
        print_jobs.check_order(slip)
    at = at or datetime.now(UTC)
    with store.write() as session, session.no_autoflush:
        dossier = load_dossier(session, code, for_change=True)
        changes = [*_correct_applicant(dossier, correction),
                   *_correct_procedure_and_papers(session, dossier, correction)]
        if not changes:
            raise DomainError(_("Không có gì khác với hồ sơ đang lưu để đính chính."))
        dossier.search_text = search_text_of(dossier.applicant, dossier.procedure)
        dossier.version += 1
        dossier.corrected_at = at
        notes = "; ".join(f"{_NOTE_LABELS[c.field]}: {c.old or '—'} → {c.new or '—'}"
                          for c in changes)
        change = history_row(session, dossier, actor, dossier.status, dossier.status, at,
                             CORRECTION_NOTE.format(changes=notes, reason=reason))
        audit.record(session, actor, "dossier.correct", dossier.code,
                     {"changes": {c.field: [c.old, c.new] for c in changes}, "reason": reason,
                      "version": dossier.version})
        session.flush()
        queue_for_province(session, dossier, change)
        job = None if slip is None else print_jobs.queue_intake_slip_in(session, actor, dossier, slip)
        return Corrected(dossier.code, dossier.version, tuple(c.field for c in changes),
                         None if job is None else job.id,
                         of_dossier(dossier.code, print_job=None if job is None else job.id))

_NOT_ON_THE_CARD = ("phone", "email")

def _correct_applicant(dossier: Dossier, correction: Correction) -> list[_Change]:
    before = applicant_of(dossier.applicant)
    wanted = {target: getattr(correction, source) for source, target in _APPLICANT_FIELDS.items()
              if getattr(correction, source) is not None}
    after = clean_applicant(replace(before, **wanted))
    found = differences(after, before)
    for difference in found:
        value = getattr(after, difference.field)
        setattr(dossier.applicant, difference.field,
                value or None if difference.field in _NULLABLE else value)
    if any(d.field not in _NOT_ON_THE_CARD for d in found):
        dossier.applicant.genuine_chip = False  # no longer what the chip said
    return [_Change(d.field, d.on_file, d.typed) for d in found]


def _correct_procedure_and_papers(session: Session, dossier: Dossier, correction: Correction
                                  ) -> list[_Change]:
    changes = []
    procedure = dossier.procedure
    wanted_code = clean(correction.procedure_code)
    if wanted_code and wanted_code != procedure.code:
        procedure = _new_procedure(session, dossier, wanted_code)
        changes.append(_Change("procedure_code", dossier.procedure.code, procedure.code))
    held = _papers(dossier.documents)
    papers = held if correction.handed_in is None else correction.handed_in
    if procedure is not dossier.procedure or papers != held:
        documents, _missing = handed_in_documents(procedure, papers, dossier.channel)
        if _papers(documents) != held:
            changes.append(_Change("handed_in", _papers_text(dossier.documents),
                                   _papers_text(documents)))
            dossier.documents = documents
    if procedure is not dossier.procedure:
        _move_to_procedure(session, dossier, procedure)
    return changes


def _papers(documents: list[DossierDocument] | tuple[HandedIn, ...]) -> tuple[HandedIn, ...]:
    return tuple(HandedIn(d.code, d.originals, d.copies) for d in documents)


def _papers_text(documents: list[DossierDocument]) -> str:
    return ", ".join(f"{d.name} ({d.originals}/{d.copies})" for d in documents)


def _new_procedure(session: Session, dossier: Dossier, code: str) -> Procedure:
    if dossier.status != RECEIVED:
        raise Conflict(_("Hồ sơ {0} đã chuyển bước sau tiếp nhận nên không đổi được thủ tục.").format(
            dossier.code), field="procedure")
    procedure = session.get(Procedure, code)
    if procedure is None or not procedure.active:
        get_procedure_in(session, code)
        raise DomainError(_("Thủ tục {0} đã hết hiệu lực.").format(code), field="procedure")
    return procedure


def _move_to_procedure(session: Session, dossier: Dossier, procedure: Procedure) -> None:
    """The new procedure's appointment, counted from the same receiving, and its fees."""
    appointment = load_calendar_in(session).appointment(dossier.received_at,
                                                        to_record(procedure).duration)
    dossier.procedure = procedure
    dossier.counting_from = appointment.counting_from
    dossier.due_at = appointment.due_at
    dossier.fees = [DossierFee(position=i, code=f.code, name=f.name, amount=f.amount)
                    for i, f in enumerate(procedure.fees)]
    dossier.fees_total = sum(f.amount for f in procedure.fees)
