"""Pulling from the province: the catalogue and the changes by cursor, the days off by year.

Each page is applied in one transaction with its cursor, and only if the cursor is still the one
the page was asked from: two counters sharing a store never apply the same page twice.
"""

import logging
from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from onestop import audit
from onestop.catalogue import upsert_procedures
from onestop.dossiers import apply_province_change
from onestop.errors import DomainError
from onestop.roles import SYSTEM
from onestop.store.engine import Store
from onestop.store.models import CalendarDay, SyncCursor
from onestop.text import clean
from onestop.workcalendar_store import declare_day
from sync.client import ProvincialClient
from sync.replies import ProvinceChange
from sync.report import SyncReport

logger = logging.getLogger(__name__)

CATALOGUE, CHANGES = "catalogue", "changes"


def pull_procedures(store: Store, client: ProvincialClient, now: datetime,
                    report: SyncReport) -> Iterator[None]:
    more = True
    while more:
        cursor = _cursor(store, CATALOGUE)
        page = client.pull_procedures(cursor)
        with store.write() as session:
            if not _advance(session, CATALOGUE, cursor, page.cursor, now):
                continue
            if page.items:
                report.procedures_pulled += upsert_procedures(session, page.items)
                audit.record(session, SYSTEM, "catalogue.pull", "",
                             {"procedures": [item["MaTTHC"] for item in page.items]}, at=now)
        more = page.more
        yield


def pull_changes(store: Store, client: ProvincialClient, now: datetime,
                 report: SyncReport) -> Iterator[None]:
    more = True
    while more:
        cursor = _cursor(store, CHANGES)
        page = client.pull_changes(cursor)
        with store.write() as session:
            if not _advance(session, CHANGES, cursor, page.cursor, now):
                continue
            for change in page.items:
                _apply(session, change, report)
        more = page.more
        yield


def _apply(session: Session, change: ProvinceChange, report: SyncReport) -> None:
    try:
        with session.begin_nested():
            held = apply_province_change(
                session, SYSTEM, change.dossier_code, change.status, change.due_at,
                change.finished_at, change.returned_at, change.note, change.changed_at)
    except DomainError as error:
        logger.warning("change to %s from the province skipped: %s", change.dossier_code, error)
        held = False
    if held:
        report.changes_applied += 1
    else:
        report.changes_skipped += 1


def pull_days_off(store: Store, client: ProvincialClient, years: Iterable[int],
                  report: SyncReport) -> Iterator[None]:
    """Days off and swapped working days declared by the province; unchanged days are left
    alone, so a pull writes no audit rows when nothing changed."""
    for year in years:
        days = client.pull_days_off(year)
        with store.write() as session:
            for day in days:
                held = session.get(CalendarDay, day.day)
                if held is not None and (held.kind, held.note) == (day.kind.value,
                                                                    clean(day.note)):
                    continue
                declare_day(session, SYSTEM, day.day, day.kind.value, day.note,
                            source="province")
                report.days_pulled += 1
        yield


def _cursor(store: Store, name: str) -> str:
    with store.read() as session:
        held = session.get(SyncCursor, name)
        if held is not None:
            return held.cursor
    try:
        with store.write() as session:
            session.add(SyncCursor(name=name, cursor=""))
    except IntegrityError:
        pass  # another counter sharing the store made it first
    return ""


def _advance(session: Session, name: str, expected: str, new: str, now: datetime) -> bool:
    moved = session.execute(
        update(SyncCursor).where(SyncCursor.name == name, SyncCursor.cursor == expected)
        .values(cursor=new, updated_at=now))
    return bool(moved.rowcount == 1)  # type: ignore[attr-defined]
