"""What the call display shows, and how it learns that something changed: on PostgreSQL a call
notifies every display at once (LISTEN/NOTIFY); on SQLite, or while that link is down, it polls."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from sqlalchemy import Connection, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from onestop import settings
from onestop.queue_office import counters_in, fields_in
from onestop.store.engine import Store
from onestop.store.queue_models import QueueCall, QueueTicket
from onestop.workdays import LOCAL_ZONE

CHANNEL = "onestop_queue"
POLL_SECONDS = 0.3


@dataclass(frozen=True)
class CounterOnBoard:
    code: str
    name: str
    number: int
    serving: str | None


@dataclass(frozen=True)
class CallOnBoard:
    call_id: int
    label: str
    counter_code: str
    counter_number: int
    at: datetime
    again: bool


@dataclass(frozen=True)
class FieldWaiting:
    code: str
    name: str
    waiting: int


@dataclass(frozen=True)
class Board:
    office: str
    counters: tuple[CounterOnBoard, ...]
    last_calls: tuple[CallOnBoard, ...]
    waiting: tuple[FieldWaiting, ...]
    last_call_id: int
    announce: bool
    made_at: datetime


def wake_displays(session: Session) -> None:
    """Inside a write: the displays hear of it when the transaction commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


def board(store: Store, at: datetime | None = None, calls: int = 8) -> Board:
    """Numbers being served per counter, the last calls and the waiting per field, today."""
    at = at or datetime.now(UTC)
    day = at.astimezone(LOCAL_ZONE).date()
    with store.read() as session:
        serving = dict(session.execute(
            select(QueueTicket.counter_code, QueueTicket.label)
            .where(QueueTicket.state == "called", QueueTicket.day == day)
            .order_by(QueueTicket.called_at)).all())
        counters = counters_in(session)
        numbers = {c.code: c.number for c in counters}
        recent = session.execute(
            select(QueueCall.id, QueueTicket.label, QueueCall.counter_code, QueueCall.at,
                   QueueCall.again)
            .join(QueueTicket, QueueTicket.id == QueueCall.ticket_id)
            .where(QueueTicket.day == day).order_by(QueueCall.id.desc()).limit(calls)).all()
        waiting = dict(session.execute(
            select(QueueTicket.field_code, func.count())
            .where(QueueTicket.state == "waiting", QueueTicket.day == day)
            .group_by(QueueTicket.field_code)).all())
        last_call_id = session.scalar(select(func.max(QueueCall.id))) or 0
        office = str(settings.get_in(session, "agency.name"))
        announce = bool(settings.get_in(session, "queue.announce"))
        fields = fields_in(session)
    return Board(
        office=office,
        counters=tuple(CounterOnBoard(c.code, c.name, c.number, serving.get(c.code))
                       for c in counters),
        last_calls=tuple(CallOnBoard(call_id, label, counter, numbers.get(counter, 0), called_at,
                                     again)
                         for call_id, label, counter, called_at, again in recent),
        waiting=tuple(FieldWaiting(f.code, f.name, waiting.get(f.code, 0)) for f in fields),
        last_call_id=last_call_id, announce=announce, made_at=at)


class BoardWatcher:
    """Waits until the board may have changed. A link that breaks (the server restarted, the
    network dropped) is opened again on the next wait; meanwhile the wait polls."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._connection: Connection | None = None

    @property
    def listening(self) -> bool:
        return self._connection is not None

    def _listen(self) -> Connection | None:
        if self._store.is_sqlite:
            return None
        if self._connection is None:
            try:
                connection = self._store.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT")
                connection.exec_driver_sql(f"LISTEN {CHANNEL}")
                self._connection = connection
            except (SQLAlchemyError, psycopg.Error, OSError):
                return None
        return self._connection

    def wait(self, timeout: float) -> bool:
        """True when a change was announced within timeout seconds; False when the wait ran out
        (or this store cannot announce), after which the caller reads the board anyway."""
        connection = self._listen()
        if connection is None:
            time.sleep(min(timeout, POLL_SECONDS))
            return False
        driver = connection.connection.driver_connection
        assert isinstance(driver, psycopg.Connection)
        try:
            for _notice in driver.notifies(timeout=timeout, stop_after=1):
                return True
            return False
        except (psycopg.Error, OSError):
            self.close()
            time.sleep(min(timeout, POLL_SECONDS))
            return False

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except (SQLAlchemyError, psycopg.Error, OSError):
                pass
            self._connection = None
