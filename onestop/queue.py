"""Queue tickets: a citizen takes one at the kiosk, a counter calls the next, calls again, marks
the citizen not present, sends them to another counter, or finishes the visit.

Each change commits with its audit row (and, when a visit ends, its outbox row) in one
transaction, and wakes the call displays.
"""

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from onestop import audit, outbox, settings
from onestop.changes import NOTHING, StoreChanges
from onestop.errors import Conflict, DomainError, NotFound
from onestop.i18n import _
from onestop.outbox import VISIT
from onestop.queue_board import wake_displays
from onestop.queue_office import counter_in
from onestop.queue_wire import ABSENT, ADVICE, RECEIVED, RETURNED, visit_record
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import AuditHead, Dossier, StatusChange
from onestop.store.queue_models import QueueCall, QueueCounter, QueueField, QueueNumber, QueueTicket
from onestop.text import clean
from onestop.workdays import LOCAL_ZONE

WAITING, CALLED, DONE = "waiting", "called", "done"
KIOSK = Actor("kiosk", "Máy lấy số", frozenset())
ONE_SEQUENCE = "*"


@dataclass(frozen=True)
class TicketRecord:
    uid: str
    label: str
    number: int
    field_code: str
    field_name: str
    state: str
    taken_at: datetime
    waiting_before: int
    counter_code: str | None
    counter_number: int | None
    called_at: datetime | None
    dossier_code: str | None
    outcome: str | None
    changes: StoreChanges = dataclasses.field(default=NOTHING, compare=False)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_ZONE).date()


def _in_line(session: Session) -> None:
    # Every write already queues on the audit chain's head; taking it first makes the order in
    # which counters get their tickets the order in which their calls are recorded.
    session.execute(select(AuditHead.id).with_for_update())


def _next_number(session: Session, day: date, sequence: str) -> int:
    values = {"day": day, "sequence": sequence, "next_value": 1}
    if session.get_bind().dialect.name == "postgresql":
        session.execute(postgresql.insert(QueueNumber).values(values).on_conflict_do_nothing())
    else:
        session.execute(sqlite.insert(QueueNumber).values(values).on_conflict_do_nothing())
    row = session.execute(select(QueueNumber).where(
        QueueNumber.day == day, QueueNumber.sequence == sequence).with_for_update()).scalar_one()
    number = row.next_value
    row.next_value = number + 1
    return number


def _waiting_before(session: Session, ticket: QueueTicket) -> int:
    return session.scalar(select(func.count()).select_from(QueueTicket).where(
        QueueTicket.state == WAITING, QueueTicket.day == ticket.day,
        QueueTicket.field_code == ticket.field_code, QueueTicket.id < ticket.id)) or 0


_IN_LINE = StoreChanges(queue=True)
_VISIT_ENDED = StoreChanges(queue=True, outbox=True)  # the visit goes to the province


def _record(session: Session, ticket: QueueTicket, waiting_before: int = 0) -> TicketRecord:
    field = session.get(QueueField, ticket.field_code)
    counter = session.get(QueueCounter, ticket.counter_code) if ticket.counter_code else None
    return TicketRecord(ticket.uid, ticket.label, ticket.number, ticket.field_code,
                        field.name if field else ticket.field_code, ticket.state, ticket.taken_at,
                        waiting_before, ticket.counter_code, counter.number if counter else None,
                        ticket.called_at, ticket.dossier_code, ticket.outcome)


def take(store: Store, field_code: str, at: datetime | None = None) -> TicketRecord:
    """A numbered ticket for a field; numbers restart each day, per field or in one sequence."""
    at = at or datetime.now(UTC)
    code = clean(field_code).upper()
    with store.write() as session:
        field = session.get(QueueField, code)
        if field is None or not field.active:
            raise NotFound(_("Không có lĩnh vực “{0}” ở máy lấy số.").format(code), field="field")
        _in_line(session)
        per_field = settings.get_in(session, "queue.numbering") == "per_field"
        day = local_day(at)
        number = _next_number(session, day, code if per_field else ONE_SEQUENCE)
        label = f"{field.prefix}{number:03d}" if per_field else f"{number:03d}"
        ticket = QueueTicket(uid=str(uuid.uuid4()), day=day, field_code=code, number=number,
                             label=label, state=WAITING, taken_at=at)
        session.add(ticket)
        session.flush()
        audit.record(session, KIOSK, "queue.take", label, {"field": code}, at=at)
        wake_displays(session)
        return dataclasses.replace(_record(session, ticket, _waiting_before(session, ticket)),
                                   changes=_IN_LINE)


def reprint(store: Store, uid: str) -> TicketRecord:
    """A ticket taken earlier, for printing once more (its printing failed)."""
    with store.read() as session:
        ticket = session.scalar(select(QueueTicket).where(QueueTicket.uid == uid))
        if ticket is None:
            raise NotFound(_("Không tìm thấy phiếu chờ này."))
        return _record(session, ticket, _waiting_before(session, ticket))


def _current(session: Session, counter_code: str) -> QueueTicket | None:
    return session.scalar(select(QueueTicket).where(
        QueueTicket.counter_code == counter_code, QueueTicket.state == CALLED)
        .order_by(QueueTicket.called_at.desc()).limit(1))


def _current_or_refuse(session: Session, counter_code: str) -> QueueTicket:
    ticket = _current(session, counter_code)
    if ticket is None:
        raise Conflict(_("Quầy {0} chưa gọi số nào.").format(counter_code))
    return ticket


def _call(session: Session, ticket: QueueTicket, counter: QueueCounter, actor: Actor,
          at: datetime, again: bool) -> None:
    ticket.state, ticket.counter_code, ticket.officer, ticket.called_at = CALLED, counter.code, \
        actor.username, at
    ticket.first_called_at = ticket.first_called_at or at
    ticket.sent_to = None
    session.add(QueueCall(ticket_id=ticket.id, counter_code=counter.code, at=at, again=again))
    audit.record(session, actor, "queue.call_again" if again else "queue.call", ticket.label,
                 {"ticket": ticket.uid, "counter": counter.code}, at=at)
    wake_displays(session)


def tied_dossier(session: Session, ticket: QueueTicket, actor: Actor) -> tuple[str, str | None]:
    """What the officer did for the citizen since the call: a dossier received, or a result
    returned; otherwise the visit was advice only."""
    since = ticket.called_at or ticket.taken_at
    received = session.scalar(select(Dossier.code).where(
        Dossier.received_by == actor.username, Dossier.received_at >= since)
        .order_by(Dossier.received_at.desc()).limit(1))
    if received is not None:
        return RECEIVED, received
    returned = session.scalar(select(Dossier.code).join(StatusChange).where(
        StatusChange.actor == actor.username, StatusChange.to_status == "returned",
        StatusChange.at >= since).order_by(StatusChange.at.desc()).limit(1))
    return (RETURNED, returned) if returned is not None else (ADVICE, None)


def _end(session: Session, ticket: QueueTicket, actor: Actor, outcome: str,
         dossier_code: str | None, at: datetime) -> None:
    ticket.state = DONE
    ticket.outcome, ticket.dossier_code, ticket.ended_at = outcome, dossier_code, at
    ticket.officer = actor.username
    audit.record(session, actor, "queue.finish", ticket.label,
                 {"ticket": ticket.uid, "outcome": outcome, "dossier": dossier_code}, at=at)
    outbox.enqueue(session, VISIT, ticket.uid, visit_record(ticket))
    wake_displays(session)


def call_next(store: Store, actor: Actor, counter_code: str, at: datetime | None = None
              ) -> TicketRecord:
    """The next ticket of the fields this counter serves (a citizen sent here first); the
    citizen being served at this counter is finished first. Two counters calling at once never
    get the same ticket."""
    require(actor, "dossier.receive")
    with store.write() as session:
        counter = counter_in(session, counter_code)
        _in_line(session)
        at = at or datetime.now(UTC)
        current = _current(session, counter.code)
        if current is not None:
            _end(session, current, actor, *tied_dossier(session, current, actor), at)
        sent_here = QueueTicket.sent_to == counter.code
        ticket = session.scalar(
            select(QueueTicket).where(
                QueueTicket.state == WAITING, QueueTicket.day == local_day(at),
                or_(sent_here, QueueTicket.sent_to.is_(None)
                    & QueueTicket.field_code.in_(counter.field_codes)))
            .order_by(case((sent_here, 0), else_=1), QueueTicket.id).limit(1)
            .with_for_update(skip_locked=True))
        if ticket is None:
            raise DomainError(_("Không còn ai chờ ở các lĩnh vực của quầy {0}.").format(
                counter.code))
        _call(session, ticket, counter, actor, at, again=False)
        return dataclasses.replace(_record(session, ticket), changes=_VISIT_ENDED)


def call_again(store: Store, actor: Actor, counter_code: str, at: datetime | None = None
               ) -> TicketRecord:
    """Show and speak the counter's current number once more."""
    require(actor, "dossier.receive")
    at = at or datetime.now(UTC)
    with store.write() as session:
        counter = counter_in(session, counter_code)
        ticket = _current_or_refuse(session, counter.code)
        _call(session, ticket, counter, actor, at, again=True)
        return dataclasses.replace(_record(session, ticket), changes=_IN_LINE)


def skip(store: Store, actor: Actor, counter_code: str, at: datetime | None = None
         ) -> TicketRecord:
    """The citizen called did not come: the visit ends as not present."""
    require(actor, "dossier.receive")
    at = at or datetime.now(UTC)
    with store.write() as session:
        ticket = _current_or_refuse(session, counter_in(session, counter_code).code)
        _end(session, ticket, actor, ABSENT, None, at)
        return dataclasses.replace(_record(session, ticket), changes=_VISIT_ENDED)


def send(store: Store, actor: Actor, counter_code: str, to_counter: str,
         at: datetime | None = None) -> TicketRecord:
    """Send the citizen at this counter to another one, where they are called before the rest."""
    require(actor, "dossier.receive")
    at = at or datetime.now(UTC)
    with store.write() as session:
        counter = counter_in(session, counter_code)
        target = counter_in(session, to_counter)
        if target.code == counter.code:
            raise DomainError(_("Chọn một quầy khác để chuyển công dân đến."), field="counter")
        ticket = _current_or_refuse(session, counter.code)
        ticket.state, ticket.sent_to, ticket.counter_code = WAITING, target.code, None
        audit.record(session, actor, "queue.send", ticket.label,
                     {"ticket": ticket.uid, "from": counter.code, "to": target.code}, at=at)
        wake_displays(session)
        return dataclasses.replace(_record(session, ticket), changes=_IN_LINE)


def finish(store: Store, actor: Actor, counter_code: str, dossier_code: str | None = None,
           at: datetime | None = None) -> TicketRecord:
    """End the visit at this counter, tied to the dossier named or, if none is named, to the one
    the officer received (or returned) since the call; with none, the visit was advice only."""
    require(actor, "dossier.receive")
    at = at or datetime.now(UTC)
    with store.write() as session:
        ticket = _current_or_refuse(session, counter_in(session, counter_code).code)
        if dossier_code:
            tied = session.scalar(select(Dossier.code).where(Dossier.code == clean(dossier_code)
                                                             .upper()))
            if tied is None:
                raise NotFound(_("Không tìm thấy hồ sơ mã “{0}”.").format(clean(dossier_code)),
                               field="code")
            outcome = RECEIVED
        else:
            outcome, tied = tied_dossier(session, ticket, actor)
        _end(session, ticket, actor, outcome, tied, at)
        return dataclasses.replace(_record(session, ticket), changes=_VISIT_ENDED)


def serving(store: Store, counter_code: str) -> TicketRecord | None:
    """The ticket this counter called and has not finished."""
    with store.read() as session:
        ticket = _current(session, counter_in(session, counter_code).code)
        return None if ticket is None else _record(session, ticket)


def ticket_by_uid(session: Session, uid: str) -> QueueTicket:
    ticket = session.scalar(select(QueueTicket).where(QueueTicket.uid == uid))
    if ticket is None:
        raise NotFound(_("Không tìm thấy phiếu chờ này."))
    return ticket
