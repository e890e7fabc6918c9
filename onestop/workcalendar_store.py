"""The work calendar as the store holds it: declared days off and swapped working days."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop import audit, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import CalendarDay
from onestop.text import clean
from onestop.workdays import WorkCalendar

DAY_OFF, WORKING_DAY = "Nghi", "LamBu"


def load_calendar_in(session: Session) -> WorkCalendar:
    rows = session.execute(select(CalendarDay.day, CalendarDay.kind)).all()
    return WorkCalendar(
        hours=settings.parse_office_hours(str(settings.get_in(session, "calendar.hours"))),
        days_off=frozenset(d for d, k in rows if k == DAY_OFF),
        swapped_working_days=frozenset(d for d, k in rows if k == WORKING_DAY),
    )


def load_calendar(store: Store) -> WorkCalendar:
    with store.read() as session:
        return load_calendar_in(session)


def declare_day_in(session: Session, actor: Actor, day: date, kind: str, note: str = "",
                   source: str = "supervisor") -> None:
    require(actor, "calendar.change")
    if kind not in (DAY_OFF, WORKING_DAY):
        raise DomainError(_("Loại ngày phải là “Nghi” (nghỉ) hoặc “LamBu” (làm bù)."))
    row = session.get(CalendarDay, day) or CalendarDay(day=day)
    row.kind, row.note, row.source = kind, clean(note), source
    session.add(row)
    audit.record(session, actor, "calendar.declare", day.isoformat(), {"kind": kind, "note": note})


def declare_day(store: Store, actor: Actor, day: date, kind: str, note: str = "",
                source: str = "supervisor") -> None:
    with store.write() as session:
        declare_day_in(session, actor, day, kind, note, source)


def declared_days(store: Store, year: int) -> list[tuple[date, str, str]]:
    with store.read() as session:
        rows = session.scalars(select(CalendarDay).where(
            CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
            .order_by(CalendarDay.day))
        return [(r.day, r.kind, r.note) for r in rows]
