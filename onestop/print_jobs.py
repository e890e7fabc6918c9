"""The slip print queue: every slip is a job row. A receipt's job is written in the receiving
transaction itself; a later slip's in its own short transaction. Either way the paper is sent only
after the commit, so a dossier never waits for, or depends on, its paper.

A job goes queued → sending → sent, or → failed and waits for a retry. Only a queued or failed
job can be claimed for sending, one claim at a time, so nothing reaches the paper twice unless a
person asks for a reprint. A job left in "sending" (the program stopped mid-job) is never sent
again on its own: the counter sees it and decides.
"""

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, exists, select, update
from sqlalchemy.orm import Session, aliased

from onestop import audit
from onestop.changes import NOTHING, StoreChanges, of_print_job
from onestop.errors import Conflict, DomainError, NotFound
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Dossier, PrintJob
from onestop.text import clean

RECEIPT, SUPPLEMENT, REFUSAL, HANDOVER, REPRINT = (
    "receipt", "supplement", "refusal", "handover", "reprint")
KINDS = (RECEIPT, SUPPLEMENT, REFUSAL, HANDOVER, REPRINT)
QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
MAX_COPIES = 5

_KIND_OF_STATUS = {"supplement_requested": SUPPLEMENT, "refused": REFUSAL, "returned": HANDOVER}


@dataclass(frozen=True)
class SlipOrder:
    """Where a counter sends its slips, and how many copies."""

    printer: str
    copies: int = 1


@dataclass(frozen=True)
class PrintJobRow:
    id: int
    dossier_code: str
    kind: str
    printer: str
    copies: int
    state: str
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    requested_by: str
    changes: StoreChanges = field(default=NOTHING, compare=False)


def slip_kind_for(status: str) -> str:
    """The slip a dossier in this status gets: a refusal once refused, a handover once returned."""
    return _KIND_OF_STATUS.get(status, RECEIPT)


def queue(store: Store, actor: Actor, dossier_code: str, kind: str, printer: str,
          copies: int = 1) -> PrintJobRow:
    """A new job for a stored dossier's slip."""
    require(actor, "dossier.print")
    _check(kind, printer, copies)
    with store.write() as session:
        dossier = _dossier(session, dossier_code)
        return _add(session, actor, dossier, kind, printer, copies)


def queue_intake_slip(store: Store, actor: Actor, dossier_code: str, printer: str,
                      copies: int = 1) -> PrintJobRow:
    """The slip a dossier gets as it is received: receipt, supplement request or refusal."""
    require(actor, "dossier.print")
    order = SlipOrder(printer, copies)
    check_order(order)
    with store.write() as session:
        return queue_intake_slip_in(session, actor, _dossier(session, dossier_code), order)


def check_order(order: SlipOrder) -> None:
    _check(RECEIPT, order.printer, order.copies)


def queue_intake_slip_in(session: Session, actor: Actor, dossier: Dossier,
                         order: SlipOrder) -> PrintJobRow:
    """The intake slip's job inside the caller's transaction (the receiving one, say)."""
    require(actor, "dossier.print")
    return _add(session, actor, dossier, slip_kind_for(dossier.status), order.printer,
                order.copies)


def reprint(store: Store, actor: Actor, dossier_code: str, printer: str,
            copies: int = 1) -> PrintJobRow:
    """A person asks for the dossier's slip again: a new job, recorded in the audit log."""
    require(actor, "dossier.print")
    _check(REPRINT, printer, copies)
    with store.write() as session:
        dossier = _dossier(session, dossier_code)
        row = _add(session, actor, dossier, REPRINT, printer, copies)
        audit.record(session, actor, "dossier.reprint", dossier.code,
                     {"job": row.id, "printer": row.printer, "copies": copies})
        return row


def claim(store: Store, actor: Actor, job_id: int) -> PrintJobRow:
    """Take a queued or failed job for sending; a job sent or being sent is refused."""
    require(actor, "dossier.print")
    with store.write() as session:
        taken = session.scalar(
            update(PrintJob)
            .where(PrintJob.id == job_id, PrintJob.state.in_((QUEUED, FAILED)))
            .values(state=SENDING, attempts=PrintJob.attempts + 1)
            .returning(PrintJob.id)
        )
        row = _row(session, job_id)
        if taken is None:
            if row.state == SENT:
                raise Conflict(_("Phiếu của lệnh in số {0} đã in xong; muốn in thêm, hãy chọn "
                                 "in lại.").format(job_id))
            raise Conflict(_("Lệnh in số {0} đang được gửi tới máy in.").format(job_id))
        return _moved(row)


def mark_sent(store: Store, job_id: int, at: datetime | None = None) -> PrintJobRow:
    return _finish(store, job_id, {"state": SENT, "sent_at": at or datetime.now(UTC)})


def mark_failed(store: Store, job_id: int, error: str) -> PrintJobRow:
    return _finish(store, job_id, {"state": FAILED, "last_error": clean(error)})


def get(store: Store, actor: Actor, job_id: int) -> PrintJobRow:
    require(actor, "dossier.print")
    with store.read() as session:
        return _row(session, job_id)


def waiting(store: Store, actor: Actor) -> list[PrintJobRow]:
    """Jobs not yet on paper, oldest first; one whose dossier got a later slip out is left off."""
    require(actor, "dossier.print")
    later = aliased(PrintJob)
    printed_since = exists().where(later.dossier_id == PrintJob.dossier_id,
                                   later.id > PrintJob.id, later.state == SENT)
    with store.read() as session:
        return [_record(job, code) for job, code in session.execute(
            _rows().where(PrintJob.state != SENT, ~printed_since).order_by(PrintJob.id))]


def for_dossier(store: Store, actor: Actor, dossier_code: str) -> list[PrintJobRow]:
    require(actor, "dossier.print")
    with store.read() as session:
        dossier = _dossier(session, dossier_code)
        return [_record(job, code) for job, code in session.execute(
            _rows().where(PrintJob.dossier_id == dossier.id).order_by(PrintJob.id))]


def _check(kind: str, printer: str, copies: int) -> None:
    if kind not in KINDS:
        raise DomainError(_("Loại phiếu “{0}” không hợp lệ.").format(kind), field="kind")
    if not clean(printer):
        raise DomainError(_("Chưa chọn máy in phiếu."), field="printer")
    if not 1 <= copies <= MAX_COPIES:
        raise DomainError(_("Số liên phiếu phải từ 1 đến {0}.").format(MAX_COPIES),
                          field="copies")


def _dossier(session: Session, code: str) -> Dossier:
    dossier = session.scalar(select(Dossier).where(Dossier.code == clean(code).upper()))
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ mã “{0}”.").format(clean(code)), field="code")
    return dossier


def _add(session: Session, actor: Actor, dossier: Dossier, kind: str, printer: str,
         copies: int) -> PrintJobRow:
    job = PrintJob(dossier_id=dossier.id, kind=kind, printer=clean(printer), copies=copies,
                   state=QUEUED, attempts=0, last_error="", created_at=datetime.now(UTC),
                   requested_by=actor.username)
    session.add(job)
    session.flush()
    return _moved(_record(job, dossier.code))


def _finish(store: Store, job_id: int, values: dict[str, Any]) -> PrintJobRow:
    """Record how a claimed job went; a job nobody claimed keeps its state."""
    with store.write() as session:
        session.execute(update(PrintJob).where(PrintJob.id == job_id, PrintJob.state == SENDING)
                        .values(**values))
        return _moved(_row(session, job_id))


def _moved(row: PrintJobRow) -> PrintJobRow:
    """A row just written, telling that its job changed."""
    return replace(row, changes=of_print_job(row.id))


def _rows() -> Select[PrintJob, str]:
    return select(PrintJob, Dossier.code).join(Dossier, PrintJob.dossier_id == Dossier.id)


def _row(session: Session, job_id: int) -> PrintJobRow:
    found = session.execute(_rows().where(PrintJob.id == job_id)
                            .execution_options(populate_existing=True)).one_or_none()
    if found is None:
        raise NotFound(_("Không có lệnh in số {0}.").format(job_id), field="job")
    job, code = found
    return _record(job, code)


def _record(job: PrintJob, dossier_code: str) -> PrintJobRow:
    return PrintJobRow(job.id, dossier_code, job.kind, job.printer, job.copies, job.state,
                       job.attempts, job.last_error, job.created_at, job.sent_at,
                       job.requested_by)
