"""Returning a result at the counter: the dossiers whose result is ready, and handing one over.

Handing over is one transaction: the move result_ready → returned with its history, audit and
province rows (status 10 with NgayTra), the record of who collected it — the applicant, or a
person they authorised, with that person's ID number — and the fees taken, and, if asked, the
return confirmation's print job. The slip is sent only after the commit.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from onestop import audit, print_jobs
from onestop.changes import NOTHING, StoreChanges, of_dossier
from onestop.dossiers import apply_move, history_row, load_dossier, queue_for_province
from onestop.errors import Conflict, DomainError
from onestop.i18n import _
from onestop.idcard import check_id_number
from onestop.lifecycle import lifecycle
from onestop.limits import check_length, check_printable, limits
from onestop.print_jobs import SlipOrder
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Dossier
from onestop.store.returning_models import BY_APPLICANT, BY_AUTHORISED, ResultReturn
from onestop.text import clean, fold
from onestop.workcalendar_store import load_calendar_in
from onestop.workdays import LOCAL_ZONE

RESULT_READY, RETURNED = "result_ready", "returned"
RELATION_LONGEST = 100
# History notes are records, kept in Vietnamese whatever language the screen shows.
TO_APPLICANT_NOTE = "Trả kết quả cho người nộp hồ sơ: {name}. Lệ phí đã thu: {fees} đồng"
TO_AUTHORISED_NOTE = ("Trả kết quả cho người được uỷ quyền: {name}, số định danh {id_number}"
                      "{relation}. Lệ phí đã thu: {fees} đồng")


@dataclass(frozen=True)
class Collector:
    """Who comes for the result: nobody named means the applicant themself."""

    name: str = ""
    id_number: str = ""
    relation: str = ""

    @property
    def is_applicant(self) -> bool:
        return not (self.name.strip() or self.id_number.strip())


APPLICANT = Collector()


@dataclass(frozen=True)
class Handover:
    collector: Collector = APPLICANT
    fees_collected: int | None = None  # None: the dossier's fees from the catalogue


@dataclass(frozen=True)
class Collection:
    """A result as it was handed over."""

    dossier_code: str
    returned_at: datetime
    returned_by: str
    by_applicant: bool
    collector_name: str
    collector_id_number: str
    relation: str
    fees_collected: int


@dataclass(frozen=True)
class Returned:
    code: str
    version: int
    collection: Collection
    print_job_id: int | None
    changes: StoreChanges = NOTHING


@dataclass(frozen=True)
class ReadyResult:
    """A dossier waiting at the counter for its applicant to collect the result."""

    code: str
    applicant_name: str
    id_number: str
    phone: str
    procedure_name: str
    due_at: datetime | None
    ready_at: datetime | None
    days_waiting: int
    fees_total: int


def results_ready(store: Store, actor: Actor, search: str = "",
                  now: datetime | None = None) -> list[ReadyResult]:
    """The dossiers whose result is ready, longest waiting first; `search` matches the code, the
    applicant's name (diacritics ignored), ID number or phone."""
    require(actor, "dossier.read")
    today = (now or datetime.now(UTC)).astimezone(LOCAL_ZONE).date()
    words = fold(clean(search)).split()
    with store.read() as session:
        rows = session.scalars(
            select(Dossier).where(Dossier.status == RESULT_READY)
            .options(joinedload(Dossier.applicant), joinedload(Dossier.procedure))
            .order_by(Dossier.finished_at, Dossier.id)).all()
        found = []
        for d in rows:
            haystack = fold(" ".join((d.code, d.applicant.full_name, d.applicant.id_number or "",
                                      d.applicant.phone)))
            if all(word in haystack for word in words):
                ready_day = (d.finished_at or d.received_at).astimezone(LOCAL_ZONE).date()
                found.append(ReadyResult(
                    d.code, d.applicant.full_name, d.applicant.id_number or "", d.applicant.phone,
                    d.procedure.name, d.due_at, d.finished_at, max(0, (today - ready_day).days),
                    d.fees_total))
        return found


def return_result(store: Store, actor: Actor, code: str, handover: Handover,
                  slip: SlipOrder | None = None, at: datetime | None = None) -> Returned:
    """Hand a ready result over; with a slip order the return confirmation's job is queued in
    the same transaction."""
    require(actor, "dossier.read")
    collector = _checked_collector(handover.collector)
    if slip is not None:
        print_jobs.check_order(slip)
    at = at or datetime.now(UTC)
    with store.write() as session:
        dossier = load_dossier(session, code, for_change=True)
        if dossier.status != RESULT_READY:
            raise Conflict(_("Hồ sơ {code} đang ở bước “{status}”, chưa có kết quả để trả.").format(
                code=dossier.code, status=_(lifecycle().status(dossier.status).name)))
        fees = _checked_fees(dossier.fees_total if handover.fees_collected is None
                             else handover.fees_collected)
        name = dossier.applicant.full_name if collector.is_applicant else collector.name
        note = (TO_APPLICANT_NOTE.format(name=name, fees=fees) if collector.is_applicant
                else TO_AUTHORISED_NOTE.format(
                    name=name, id_number=collector.id_number, fees=fees,
                    relation=f" ({collector.relation})" if collector.relation else ""))
        lifecycle().check_move(dossier.status, RETURNED, actor, note)
        apply_move(load_calendar_in(session), dossier, RETURNED, at)
        dossier.version += 1
        record = ResultReturn(
            dossier_id=dossier.id, returned_at=at, returned_by=actor.username,
            collector=BY_APPLICANT if collector.is_applicant else BY_AUTHORISED,
            collector_name=name, collector_id_number=collector.id_number or None,
            relation=collector.relation, fees_collected=fees)
        session.add(record)
        change = history_row(session, dossier, actor, RESULT_READY, RETURNED, at, note)
        audit.record(session, actor, "dossier.transition", dossier.code,
                     {"from": RESULT_READY, "to": RETURNED, "note": note,
                      "collector": record.collector, "fees_collected": fees})
        session.flush()
        queue_for_province(session, dossier, change)
        job = None if slip is None else print_jobs.queue_intake_slip_in(session, actor, dossier, slip)
        return Returned(dossier.code, dossier.version, _collection(record, dossier.code),
                        None if job is None else job.id,
                        of_dossier(dossier.code, print_job=None if job is None else job.id))


def collection_in(session: Session, dossier_code: str) -> Collection | None:
    """How a dossier's result was handed over, for its return confirmation; None before this
    program kept the record, or before the result went."""
    found = session.execute(
        select(ResultReturn, Dossier.code).join(Dossier, ResultReturn.dossier_id == Dossier.id)
        .where(Dossier.code == clean(dossier_code).upper())).one_or_none()
    return None if found is None else _collection(*found)


def _collection(record: ResultReturn, code: str) -> Collection:
    return Collection(code, record.returned_at, record.returned_by,
                      record.collector == BY_APPLICANT, record.collector_name,
                      record.collector_id_number or "", record.relation, record.fees_collected)


def _checked_collector(collector: Collector) -> Collector:
    if collector.is_applicant:
        return APPLICANT
    name = check_printable("full_name", check_length("full_name", clean(collector.name)))
    if not name:
        raise DomainError(_("Cần ghi họ tên người được uỷ quyền nhận kết quả."), field="full_name")
    if any(ch.isdigit() for ch in name):
        raise DomainError(_("Họ tên “{0}” không hợp lệ.").format(name), field="full_name")
    if not clean(collector.id_number):
        raise DomainError(_("Cần ghi số định danh của người được uỷ quyền nhận kết quả."),
                          field="id_number")
    relation = check_printable("note", clean(collector.relation))
    if len(relation) > RELATION_LONGEST:
        raise DomainError(_("Quan hệ với người nộp hồ sơ dài quá {0} ký tự.").format(
            RELATION_LONGEST), field="relation")
    return Collector(name, check_id_number(collector.id_number), relation)


def _checked_fees(amount: int) -> int:
    highest = limits().catalogue_numbers["Gia"][1]
    if not 0 <= amount <= highest:
        raise DomainError(_("Lệ phí đã thu phải từ 0 đến {0} đồng.").format(f"{highest:,}".replace(",", ".")),
                          field="fees")
    return amount
