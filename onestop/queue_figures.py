"""The supervisor's queue figures for a period: waiting and serving times per field and counter,
ratings per officer and procedure, and the visits that ended without a dossier."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.queue_office import counters_in, fields_in
from onestop.queue_wire import ABSENT, ADVICE
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Procedure, User
from onestop.store.queue_models import QueueRating, QueueTicket
from onestop.workdays import LOCAL_ZONE


@dataclass(frozen=True)
class TimesRow:
    code: str
    name: str
    tickets: int
    served: int
    absent: int
    average_wait_minutes: float | None
    average_service_minutes: float | None


@dataclass(frozen=True)
class RatingRow:
    code: str
    name: str
    ratings: int
    average: float | None
    very_satisfied: int
    satisfied: int
    neutral: int
    not_satisfied: int


@dataclass(frozen=True)
class QueueFigures:
    start: date
    end: date
    tickets: int
    advice_only: int
    overall: TimesRow
    by_field: tuple[TimesRow, ...]
    by_counter: tuple[TimesRow, ...]
    by_officer: tuple[RatingRow, ...]
    by_procedure: tuple[RatingRow, ...]


def utc_span(start: date, end: date) -> tuple[datetime, datetime]:
    """The local days start..end (both included) as a half-open span of moments."""
    return (datetime.combine(start, time(0), LOCAL_ZONE),
            datetime.combine(end + timedelta(days=1), time(0), LOCAL_ZONE))


def _minutes(spans: list[timedelta]) -> float | None:
    return round(sum(s.total_seconds() for s in spans) / 60 / len(spans), 1) if spans else None


def _times(code: str, name: str, tickets: list[QueueTicket]) -> TimesRow:
    waits = [t.first_called_at - t.taken_at for t in tickets if t.first_called_at is not None]
    served = [t for t in tickets if t.ended_at is not None and t.outcome != ABSENT]
    services = [t.ended_at - t.called_at for t in served
                if t.ended_at is not None and t.called_at is not None]
    return TimesRow(code, name, len(tickets), len(served),
                    sum(1 for t in tickets if t.outcome == ABSENT), _minutes(waits),
                    _minutes(services))


def _ratings(code: str, name: str, levels: list[int]) -> RatingRow:
    return RatingRow(code, name, len(levels),
                     round(sum(levels) / len(levels), 2) if levels else None,
                     *(levels.count(level) for level in (4, 3, 2, 1)))


def _grouped(pairs: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for key, level in pairs:
        grouped[key].append(level)
    return grouped


def figures_in(session: Session, start: date, end: date) -> QueueFigures:
    since, until = utc_span(start, end)
    tickets = list(session.scalars(select(QueueTicket).where(
        QueueTicket.day >= start, QueueTicket.day <= end).order_by(QueueTicket.id)))
    by_field: dict[str, list[QueueTicket]] = defaultdict(list)
    by_counter: dict[str, list[QueueTicket]] = defaultdict(list)
    for ticket in tickets:
        by_field[ticket.field_code].append(ticket)
        if ticket.counter_code:
            by_counter[ticket.counter_code].append(ticket)
    ratings = session.execute(select(QueueRating.officer, QueueRating.procedure_code,
                                     QueueRating.level)
                              .where(QueueRating.at >= since, QueueRating.at < until)).all()
    officer_names = dict(session.execute(select(User.username, User.full_name)).all())
    procedure_names = dict(session.execute(select(Procedure.code, Procedure.name)).all())
    field_names = {f.code: f.name for f in fields_in(session)}
    counter_names = {c.code: c.name for c in counters_in(session)}
    return QueueFigures(
        start, end, len(tickets), sum(1 for t in tickets if t.outcome == ADVICE),
        _times("", "", tickets),
        tuple(_times(code, field_names.get(code, code), rows) for code, rows in by_field.items()),
        tuple(_times(code, counter_names.get(code, code), rows)
              for code, rows in sorted(by_counter.items())),
        tuple(_ratings(who, officer_names.get(who, who), levels) for who, levels in
              sorted(_grouped((officer, level) for officer, _p, level in ratings).items())),
        tuple(_ratings(code, procedure_names.get(code, code), levels) for code, levels in
              sorted(_grouped((procedure or "", level) for _o, procedure, level in ratings
                              if procedure).items())),
    )


def queue_figures(store: Store, actor: Actor, start: date, end: date) -> QueueFigures:
    require(actor, "report.read")
    with store.read() as session:
        return figures_in(session, start, end)
