"""Receiving a dossier, looking it up, and moving it through its lifecycle.

Each mutating service owns one transaction holding the change, its status history row, its audit
row and its outbox rows, and returns a small record of what changed.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from onestop import audit, outbox, print_jobs, settings
from onestop.catalogue import fits_channel, get_procedure_in, to_record
from onestop.changes import NOTHING, StoreChanges, of_dossier
from onestop.errors import DomainError, NotFound
from onestop.i18n import _
from onestop.idcard import SEXES, check_id_number, check_old_id_number, check_phone
from onestop.lifecycle import is_overdue, lifecycle, timeliness
from onestop.limits import (
    check_count,
    check_length,
    check_moment,
    check_past_date,
    check_printable,
    check_received_at,
    limits,
)
from onestop.national import digitised_marks, dossier_record, progress_record
from onestop.print_jobs import PrintJobRow, SlipOrder
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import (
    Applicant,
    Attachment,
    BookSequence,
    DailySequence,
    Dossier,
    DossierDocument,
    DossierFee,
    Procedure,
    StatusChange,
)
from onestop.text import clean, fold
from onestop.workcalendar_store import load_calendar_in
from onestop.workdays import LOCAL_ZONE, WorkCalendar

IN_PERSON, ONLINE, POSTAL = 1, 2, 3
CHANNELS = (IN_PERSON, ONLINE, POSTAL)
AT_COUNTER, BY_POST = "counter", "post"
RECEIVED, SUPPLEMENT_REQUESTED, REFUSED = "received", "supplement_requested", "refused"
# History notes are records, kept in Vietnamese whatever language the screen shows.
RECEIVED_NOTE, RESCHEDULED_NOTE = "Tiếp nhận hồ sơ", "Gia hạn: {0}"


@dataclass(frozen=True)
class ApplicantInput:
    full_name: str
    id_number: str = ""
    old_id_number: str = ""
    birth_date: date | None = None
    sex: str | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    id_issued_on: date | None = None
    from_genuine_chip: bool = False  # read from the ID card's chip, proved genuine


@dataclass(frozen=True)
class HandedIn:
    """A checklist item the citizen handed in, with the counts of originals and copies."""

    code: str
    originals: int
    copies: int


@dataclass(frozen=True)
class Intake:
    procedure_code: str
    applicant: ApplicantInput
    documents: tuple[HandedIn, ...] | None = None
    sets: int = 1
    channel: int = IN_PERSON
    result_delivery: str = AT_COUNTER
    note: str = ""
    received_at: datetime | None = None
    outcome: str = RECEIVED
    reasons: str = ""
    # A receiving time a person typed (the window, `--received-at`): never ahead of the clock and
    # back-dated only by a supervisor, not far. `received_at` is for callers that bring their own
    # clock (the demo's past, imports).
    typed_received_at: datetime | None = None


@dataclass(frozen=True)
class Received:
    """What receiving changed: the new dossier and what the slip needs first."""

    code: str
    book_year: int
    book_entry: int
    status: str
    received_at: datetime
    due_at: datetime | None
    missing_mandatory: tuple[str, ...]
    status_name: str
    slip_job: PrintJobRow | None = None
    changes: StoreChanges = NOTHING


@dataclass(frozen=True)
class Changed:
    code: str
    status: str
    due_at: datetime | None
    version: int
    changes: StoreChanges = NOTHING


@dataclass(frozen=True)
class HistoryRow:
    from_status: str | None
    to_status: str
    at: datetime
    actor: str
    note: str
    source: str


@dataclass(frozen=True)
class DocumentRow:
    code: str
    name: str
    originals: int
    copies: int


@dataclass(frozen=True)
class AttachmentRow:
    sha256: str
    file_name: str
    document_code: str | None
    media_type: str
    size: int
    pages: int


@dataclass(frozen=True)
class DossierView:
    code: str
    agency_code: str
    counter_code: str | None
    procedure_code: str
    procedure_name: str
    status: str
    status_name: str
    national_status: int
    applicant: ApplicantInput
    documents: tuple[DocumentRow, ...]
    fees: tuple[tuple[str, int], ...]
    fees_total: int
    sets: int
    channel: int
    result_delivery: str
    note: str
    received_at: datetime
    counting_from: datetime
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    book_year: int
    book_entry: int
    received_by: str
    version: int
    at_province: bool
    overdue: bool
    timeliness: str | None
    history: tuple[HistoryRow, ...]
    attachments: tuple[AttachmentRow, ...]
    next_statuses: tuple[str, ...] = field(default=())
    corrected: bool = False


def clean_applicant(a: ApplicantInput, today: date | None = None) -> ApplicantInput:
    """The applicant as stored: NFC, trimmed, every field checked against its limits."""
    today = today or datetime.now(LOCAL_ZONE).date()
    name = check_printable("full_name", check_length("full_name", clean(a.full_name)))
    if not name:
        raise DomainError(_("Thiếu họ tên người nộp hồ sơ."), field="full_name")
    if any(ch.isdigit() for ch in name):
        raise DomainError(_("Họ tên “{0}” không hợp lệ.").format(name), field="full_name")
    address = check_printable("address", check_length("address", clean(a.address)))
    if a.sex not in (None, *SEXES):
        raise DomainError(_("Giới tính phải là “Nam” hoặc “Nữ”."), field="sex")
    birth_date = check_past_date("birth_date", a.birth_date, today)
    issued_on = check_past_date("id_issued_on", a.id_issued_on, today)
    if birth_date and issued_on and issued_on < birth_date:
        raise DomainError(_("Ngày cấp trước ngày sinh."), field="id_issued_on")
    id_number = check_id_number(a.id_number, birth_date, a.sex) if clean(a.id_number) else ""
    old = check_old_id_number(a.old_id_number) if clean(a.old_id_number) else ""
    phone = check_phone(a.phone) if clean(a.phone) else ""
    email = check_length("email", clean(a.email))
    if email and ("@" not in email or not email.isprintable() or " " in email):
        raise DomainError(_("Thư điện tử “{0}” không hợp lệ.").format(email), field="email")
    return ApplicantInput(name, id_number, old, birth_date, a.sex, address, phone, email, issued_on,
                          a.from_genuine_chip)


def _insert_ignore(session: Session, table: Any, values: dict[str, Any]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(postgresql.insert(table).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite.insert(table).values(values).on_conflict_do_nothing())
    else:
        session.execute(insert(table).values(values))


def _next_number(session: Session, agency: str, day: date, start: int) -> int:
    _insert_ignore(session, DailySequence.__table__,
                   {"agency_code": agency, "day": day, "start": start, "next_value": start})
    row = session.execute(
        select(DailySequence).where(DailySequence.agency_code == agency, DailySequence.day == day,
                                    DailySequence.start == start).with_for_update()
    ).scalar_one()
    number = row.next_value
    row.next_value = number + 1
    return number


def _next_book_entry(session: Session, agency: str, year: int) -> int:
    _insert_ignore(session, BookSequence.__table__,
                   {"agency_code": agency, "year": year, "next_value": 1})
    row = session.execute(
        select(BookSequence).where(BookSequence.agency_code == agency, BookSequence.year == year)
        .with_for_update()
    ).scalar_one()
    number = row.next_value
    row.next_value = number + 1
    return number


def dossier_code(agency: str, day: date, number: int) -> str:
    return f"{agency}-{day:%y%m%d}-{number:04d}"


def _new_applicant(a: ApplicantInput) -> Applicant:
    """The dossier's own copy of its applicant, exactly as the receipt prints it."""
    return Applicant(id_number=a.id_number or None, full_name=a.full_name,
                     old_id_number=a.old_id_number or None, birth_date=a.birth_date, sex=a.sex,
                     address=a.address, phone=a.phone, email=a.email, id_issued_on=a.id_issued_on,
                     genuine_chip=a.from_genuine_chip)


def applicant_of(row: Applicant) -> ApplicantInput:
    return ApplicantInput(row.full_name, row.id_number or "", row.old_id_number or "",
                          row.birth_date, row.sex, row.address, row.phone, row.email,
                          row.id_issued_on, row.genuine_chip)


def handed_in_documents(procedure: Procedure, handed: tuple[HandedIn, ...] | None, channel: int
                        ) -> tuple[list[DossierDocument], tuple[str, ...]]:
    checklist = {d.code: d for d in procedure.documents}
    required = [d for d in procedure.documents if d.mandatory and fits_channel(d.name, channel)]
    if handed is None:
        handed = tuple(HandedIn(d.code, d.originals, d.copies) for d in required)
    rows: list[DossierDocument] = []
    for position, item in enumerate(handed):
        known = checklist.get(item.code)
        if known is None:
            raise DomainError(_("Giấy tờ “{0}” không có trong danh mục thành phần hồ sơ của thủ "
                                "tục {1}.").format(item.code, procedure.code), field="documents")
        highest = min(limits().counts["originals"][1], limits().counts["copies"][1])
        if not (0 <= item.originals <= highest and 0 <= item.copies <= highest
                and item.originals + item.copies > 0):
            raise DomainError(_("Giấy tờ “{0}”: số bản chính và bản sao phải từ 0 đến {1} và có ít "
                                "nhất một bản.").format(known.name, highest), field="documents")
        rows.append(DossierDocument(position=position, code=item.code, name=known.name,
                                    originals=item.originals, copies=item.copies))
    given = {r.code for r in rows}
    missing = tuple(d.name for d in required if d.code not in given)
    return rows, missing


def search_text_of(applicant: Applicant, procedure: Procedure) -> str:
    return fold(f"{applicant.full_name} {procedure.name} {procedure.code}")


def queue_for_province(session: Session, dossier: Dossier, change: StatusChange | None,
                       office: dict[str, Any] | None = None) -> None:
    office = office or settings.all_values_in(session)
    attachments = [] if dossier.version == 1 else list(session.scalars(
        select(Attachment).where(Attachment.dossier_id == dossier.id).order_by(Attachment.id)))
    marks = digitised_marks(session, [a.id for a in attachments]) if attachments else {}
    outbox.enqueue(session, outbox.DOSSIER, dossier.code,
                   dossier_record(dossier, attachments, str(office["agency.name"]), marks),
                   version=dossier.version)
    if change is not None:
        department = f"{office['agency.name']} - {office['counter.name']}"
        outbox.enqueue(session, outbox.PROGRESS, change.uid,
                       progress_record(dossier, change, department))


def history_row(session: Session, dossier: Dossier, actor: Actor, from_status: str | None,
                to_status: str, at: datetime, note: str, source: str = "counter") -> StatusChange:
    change = StatusChange(uid=str(uuid.uuid4()), dossier_id=dossier.id, from_status=from_status,
                          to_status=to_status, at=at, actor=actor.username,
                          actor_title=actor.title, note=note, source=source)
    session.add(change)
    return change


def receive(store: Store, actor: Actor, intake: Intake, slip: SlipOrder | None = None) -> Received:
    """Store a dossier handed in at the counter, with its code, book entry and appointment; with
    a slip order, its slip's print job too, so that the job is there exactly when the dossier is."""
    require(actor, "dossier.receive")
    if slip is not None:
        print_jobs.check_order(slip)
    applicant_input = clean_applicant(intake.applicant)
    if intake.outcome not in lifecycle().initial:
        raise DomainError(_("Kết quả tiếp nhận “{0}” không hợp lệ.").format(intake.outcome))
    reasons = check_printable("reasons", check_length("reasons", clean(intake.reasons)))
    note = check_printable("note", check_length("note", clean(intake.note)))
    if intake.outcome != RECEIVED and not reasons:
        raise DomainError(_("Cần ghi rõ lý do yêu cầu bổ sung hoặc từ chối."), field="reasons")
    if intake.channel not in CHANNELS:
        raise DomainError(_("Kênh nộp phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)."),
                          field="channel")
    if intake.result_delivery not in (AT_COUNTER, BY_POST):
        raise DomainError(_("Nơi nhận kết quả phải là tại quầy hoặc qua bưu chính."),
                          field="result_delivery")
    check_count("sets", intake.sets)
    received_at = intake.typed_received_at or intake.received_at or datetime.now(UTC)
    if received_at.tzinfo is None:
        raise DomainError(_("Thời điểm tiếp nhận cần có múi giờ."), field="received_at")
    check_moment("received_at", received_at)
    if intake.typed_received_at is not None:
        check_received_at(received_at, datetime.now(UTC), actor.roles)
    with store.write() as session, session.no_autoflush:
        procedure = session.get(Procedure, clean(intake.procedure_code))
        if procedure is None or not procedure.active:
            get_procedure_in(session, intake.procedure_code)
            raise DomainError(_("Thủ tục {0} đã hết hiệu lực.").format(intake.procedure_code),
                              field="procedure")
        documents, missing = handed_in_documents(procedure, intake.documents, intake.channel)
        calendar = load_calendar_in(session)
        appointment = calendar.appointment(received_at, to_record(procedure).duration)
        office = settings.all_values_in(session)
        agency = str(office["agency.code"])
        local_day = received_at.astimezone(LOCAL_ZONE).date()
        start = int(office["counter.sequence_start"])
        number = _next_number(session, agency, local_day, start)
        code = dossier_code(agency, local_day, number)
        applicant = _new_applicant(applicant_input)
        finishes = lifecycle().status(intake.outcome).finishes
        dossier = Dossier(
            code=code, agency_code=agency, counter_code=str(office["counter.code"]),
            procedure=procedure, applicant=applicant, status=intake.outcome,
            channel=intake.channel, result_delivery=intake.result_delivery, sets=intake.sets,
            note=note, received_at=received_at,
            counting_from=appointment.counting_from,
            due_at=None if finishes else appointment.due_at,
            paused_at=received_at if lifecycle().status(intake.outcome).pauses_clock else None,
            finished_at=received_at if finishes else None,
            book_year=local_day.year,
            book_entry=_next_book_entry(session, agency, local_day.year),
            received_by=actor.username, version=1, province_version=0,
            search_text=search_text_of(applicant, procedure),
            documents=documents,
            fees=[DossierFee(position=i, code=f.code, name=f.name, amount=f.amount)
                  for i, f in enumerate(procedure.fees)],
        )
        dossier.fees_total = sum(f.amount for f in procedure.fees)
        session.add(dossier)
        session.flush()
        change = history_row(session, dossier, actor, None, intake.outcome, received_at,
                             reasons or RECEIVED_NOTE)
        audit.record(session, actor, "dossier.receive", code,
                     {"procedure": procedure.code, "status": intake.outcome,
                      "missing": list(missing)})
        queue_for_province(session, dossier, change, office)
        job = None if slip is None else print_jobs.queue_intake_slip_in(session, actor, dossier,
                                                                          slip)
    return Received(code, dossier.book_year, dossier.book_entry, dossier.status, received_at,
                    dossier.due_at, missing, _(lifecycle().status(dossier.status).name), job,
                    of_dossier(code, print_job=None if job is None else job.id))


def load_dossier(session: Session, code: str, *, for_change: bool = False) -> Dossier:
    """`for_change` locks the dossier's row on a shared server until the transaction ends, so
    that two counters changing one dossier at once never make the same version twice."""
    query = select(Dossier).where(Dossier.code == clean(code).upper())
    if for_change:
        query = query.with_for_update(of=Dossier)
    dossier = session.scalar(query.options(selectinload(Dossier.documents),
                                           selectinload(Dossier.fees),
                                           selectinload(Dossier.history)))
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ mã “{0}”.").format(clean(code)), field="code")
    return dossier


def _view(session: Session, dossier: Dossier, actor: Actor, now: datetime) -> DossierView:
    status = lifecycle().status(dossier.status)
    attachments = session.scalars(
        select(Attachment).where(Attachment.dossier_id == dossier.id).order_by(Attachment.id))
    return DossierView(
        code=dossier.code, agency_code=dossier.agency_code, counter_code=dossier.counter_code,
        procedure_code=dossier.procedure.code, procedure_name=dossier.procedure.name,
        status=dossier.status, status_name=_(status.name), national_status=status.national,
        applicant=applicant_of(dossier.applicant),
        documents=tuple(DocumentRow(d.code, d.name, d.originals, d.copies)
                        for d in dossier.documents),
        fees=tuple((f.name, f.amount) for f in dossier.fees), fees_total=dossier.fees_total,
        sets=dossier.sets, channel=dossier.channel, result_delivery=dossier.result_delivery,
        note=dossier.note, received_at=dossier.received_at, counting_from=dossier.counting_from,
        due_at=dossier.due_at, finished_at=dossier.finished_at, returned_at=dossier.returned_at,
        book_year=dossier.book_year, book_entry=dossier.book_entry,
        received_by=dossier.received_by, version=dossier.version,
        at_province=dossier.province_version >= dossier.version,
        overdue=is_overdue(dossier.due_at, dossier.finished_at, now),
        timeliness=timeliness(dossier.due_at, dossier.finished_at),
        history=tuple(HistoryRow(h.from_status, h.to_status, h.at, h.actor, h.note, h.source)
                      for h in dossier.history),
        attachments=tuple(AttachmentRow(x.sha256, x.file_name, x.document_code, x.media_type,
                                        x.size, x.pages) for x in attachments),
        next_statuses=tuple(lifecycle().next_statuses(dossier.status, actor)),
        corrected=dossier.corrected_at is not None,
    )


def show(store: Store, actor: Actor, code: str, now: datetime | None = None) -> DossierView:
    """A dossier with the applicant's personal data; the look itself is audited."""
    require(actor, "dossier.read")
    with store.write() as session:
        dossier = load_dossier(session, code)
        audit.record(session, actor, "dossier.view", dossier.code)
        return _view(session, dossier, actor, now or datetime.now(UTC))


def slip_view_in(session: Session, actor: Actor, code: str) -> DossierView:
    """A dossier as its slip shows it: a read with no audit row of its own, since the row of the
    receiving, the status change or the reprint already names who handled the citizen's data."""
    require(actor, "dossier.print")
    return _view(session, load_dossier(session, code), actor, datetime.now(UTC))


def apply_move(calendar: WorkCalendar, dossier: Dossier, target: str, at: datetime) -> None:
    life = lifecycle()
    leaving, entering = life.status(dossier.status), life.status(target)
    if leaving.pauses_clock and dossier.paused_at is not None and dossier.due_at is not None:
        paused = calendar.working_seconds_between(dossier.paused_at, at)
        dossier.due_at = calendar.add_working_time(dossier.due_at, paused)
    dossier.paused_at = at if entering.pauses_clock else None
    if entering.finishes and dossier.finished_at is None:
        dossier.finished_at = at
    if target == "returned":
        dossier.returned_at = at
    dossier.status = target


def transition(store: Store, actor: Actor, code: str, target: str, note: str = "",
               at: datetime | None = None) -> Changed:
    """Move a dossier to another status, if its current status and the actor's role allow it."""
    at = at or datetime.now(UTC)
    note = check_printable("note", check_length("note", clean(note)))
    with store.write() as session:
        dossier = load_dossier(session, code, for_change=True)
        lifecycle().check_move(dossier.status, target, actor, note)
        from_status = dossier.status
        apply_move(load_calendar_in(session), dossier, target, at)
        dossier.version += 1
        change = history_row(session, dossier, actor, from_status, target, at, note)
        audit.record(session, actor, "dossier.transition", dossier.code,
                     {"from": from_status, "to": target, "note": note})
        session.flush()
        queue_for_province(session, dossier, change)
        return Changed(dossier.code, dossier.status, dossier.due_at, dossier.version,
                       of_dossier(dossier.code))


def reschedule(store: Store, actor: Actor, code: str, new_due: datetime, reason: str,
               at: datetime | None = None) -> Changed:
    """A new appointment with an apology (form 04): only forward, only with a reason."""
    require(actor, "report.read")
    at = at or datetime.now(UTC)
    reason = check_printable("note", check_length("note", clean(reason)))
    if not reason:
        raise DomainError(_("Cần ghi lý do gia hạn."), field="note")
    check_moment("due_at", new_due)
    with store.write() as session:
        dossier = load_dossier(session, code, for_change=True)
        if lifecycle().status(dossier.status).final or dossier.finished_at is not None:
            raise DomainError(_("Hồ sơ đã kết thúc, không gia hạn được."))
        if dossier.due_at is not None and new_due <= dossier.due_at:
            raise DomainError(_("Ngày hẹn mới phải sau ngày hẹn cũ."), field="due_at")
        old_due = dossier.due_at
        dossier.due_at = new_due
        dossier.version += 1
        change = history_row(session, dossier, actor, dossier.status, dossier.status, at,
                             RESCHEDULED_NOTE.format(reason))
        audit.record(session, actor, "dossier.reschedule", dossier.code,
                     {"old": old_due.isoformat() if old_due else None,
                      "new": new_due.isoformat(), "reason": reason})
        session.flush()
        queue_for_province(session, dossier, change)
        return Changed(dossier.code, dossier.status, dossier.due_at, dossier.version,
                       of_dossier(dossier.code))


def returning_applicant(store: Store, actor: Actor, id_number: str) -> ApplicantInput | None:
    """The citizen's details as their latest dossier received them: what to offer at intake."""
    require(actor, "dossier.read")
    number = clean(id_number).replace(" ", "")
    if not number:
        return None
    with store.read() as session:
        latest = session.scalar(
            select(Applicant).join(Dossier, Dossier.applicant_id == Applicant.id)
            .where(Applicant.id_number == number)
            .order_by(Dossier.received_at.desc(), Dossier.id.desc()).limit(1))
        return None if latest is None else applicant_of(latest)


_DOSSIER_TABLE = cast(Table, Dossier.__table__)
# One executemany for a whole batch: a statement per dossier would cost more than the rest of
# the sync batch together.
_MARK_AT_PROVINCE = (update(_DOSSIER_TABLE)
                     .where(_DOSSIER_TABLE.c.code == bindparam("acknowledged_code"),
                            _DOSSIER_TABLE.c.province_version < bindparam("acknowledged_version"))
                     .values(province_version=bindparam("acknowledged_version")))


def mark_at_province(session: Session, acknowledged: Sequence[tuple[str, int]]) -> None:
    """The province acknowledged these versions of these dossiers (called by the sync room); an
    older acknowledgement never lowers a newer one."""
    if acknowledged:
        session.execute(_MARK_AT_PROVINCE, [
            {"acknowledged_code": code, "acknowledged_version": version}
            for code, version in acknowledged])


def apply_province_change(session: Session, actor: Actor, code: str, national_status: int,
                          due_at: datetime | None, finished_at: datetime | None,
                          returned_at: datetime | None, note: str, at: datetime) -> bool:
    """A status set at the province comes back: history and audit, no echo to the outbox.
    Returns False when the counter does not hold that dossier."""
    for name, moment in (("due_at", due_at), ("finished_at", finished_at),
                         ("returned_at", returned_at), ("at", at)):
        check_moment(name, moment)
    dossier = session.scalar(select(Dossier).where(Dossier.code == code))
    if dossier is None:
        return False
    status = lifecycle().by_national(national_status)
    if status is None:
        raise DomainError(_("Mã trạng thái {0} từ hệ thống tỉnh không có trong ánh xạ.").format(
            national_status))
    from_status = dossier.status
    if status.code != from_status:
        apply_move(load_calendar_in(session), dossier, status.code, at)
    if due_at is not None:
        dossier.due_at = due_at
    dossier.finished_at = finished_at or dossier.finished_at
    dossier.returned_at = returned_at or dossier.returned_at
    history_row(session, dossier, actor, from_status, status.code, at, clean(note), "province")
    audit.record(session, actor, "dossier.province_change", code,
                 {"from": from_status, "to": status.code, "note": clean(note)})
    return True
