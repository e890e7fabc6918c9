"""What the province sends back, taken into the counter's store: changes made at the province,
catalogue pages, days off, and the cursors of the pulls.

Each page is taken in one transaction with its cursor, and only if the cursor is still the one the
page was asked from: two counters sharing a store never take the same page twice. A change the
counter cannot apply is set aside with its reason and the cursor moves on, so one bad change never
stops the changes after it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from onestop import audit, dossiers
from onestop.catalogue import upsert_procedures
from onestop.changes import NOTHING, StoreChanges
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import SYSTEM, Actor, require
from onestop.store.engine import Store
from onestop.store.models import CalendarDay, SyncCursor
from onestop.store.sync_models import SetAsideChange
from onestop.text import clean
from onestop.workcalendar_store import declare_day_in

CATALOGUE, CHANGES = "catalogue", "changes"
# Years a date from the province may fall in; anything else is a mistake at the province.
SENSIBLE_YEARS = range(2000, 2101)


@dataclass(frozen=True)
class ProvinceChange:
    """A status change made at the province, to bring back to the counter."""

    dossier_code: str
    status: int
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    note: str
    changed_at: datetime
    content: dict[str, Any] = field(default_factory=dict, compare=False)  # as the province sent it


@dataclass(frozen=True)
class UnreadableChange:
    """A change the counter could not even read; it is set aside like one it cannot apply."""

    dossier_code: str
    content: dict[str, Any]
    reason: str


@dataclass(frozen=True)
class PageTaken:
    taken: bool  # False when another counter sharing the store took this page first
    applied: int = 0
    set_aside: int = 0
    refused: list[str] = field(default_factory=list)  # why items of the page were left out
    changes: StoreChanges = NOTHING


@dataclass(frozen=True)
class SetAside:
    dossier_code: str
    reason: str
    pulled_at: datetime
    content: dict[str, Any]


def cursor(store: Store, name: str) -> str:
    """Where the pull `name` stands; made empty the first time."""
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


def take_changes(store: Store, asked_from: str, next_cursor: str,
                 changes: Sequence[ProvinceChange | UnreadableChange], now: datetime) -> PageTaken:
    with store.write() as session:
        if not _advance(session, CHANGES, asked_from, next_cursor, now):
            return PageTaken(False)
        applied = set_aside = 0
        codes: set[str] = set()
        for change in changes:
            reason = change.reason if isinstance(change, UnreadableChange) else _apply(session,
                                                                                       change)
            if reason:
                session.add(SetAsideChange(dossier_code=clean(change.dossier_code)[:100],
                                           content=change.content, reason=reason, pulled_at=now))
                set_aside += 1
            else:
                applied += 1
                codes.add(change.dossier_code)
    return PageTaken(True, applied, set_aside, changes=StoreChanges(dossiers=frozenset(codes)))


def _apply(session: Session, change: ProvinceChange) -> str:
    """Apply one change; returns why it could not be, or an empty string."""
    for name, moment in (("NgayHenTra", change.due_at), ("NgayKetThucXuLy", change.finished_at),
                         ("NgayTra", change.returned_at), ("ThoiDiem", change.changed_at)):
        if moment is not None and moment.year not in SENSIBLE_YEARS:
            return _("Ngày {name} không hợp lệ: {value}").format(
                name=name, value=change.content.get(name, moment.isoformat()))
    try:
        with session.begin_nested():
            held = dossiers.apply_province_change(
                session, SYSTEM, change.dossier_code, change.status, change.due_at,
                change.finished_at, change.returned_at, change.note, change.changed_at)
    except DomainError as error:
        return str(error)
    if not held:
        return _("Quầy không có hồ sơ mã “{code}”").format(code=change.dossier_code)
    return ""


def take_procedures(store: Store, asked_from: str, next_cursor: str,
                    procedures: Sequence[dict[str, Any]], now: datetime) -> PageTaken:
    """A page of the catalogue; a procedure the counter cannot store is left out with its
    reason and the others are taken."""
    with store.write() as session:
        if not _advance(session, CATALOGUE, asked_from, next_cursor, now):
            return PageTaken(False)
        taken: list[str] = []
        refused: list[str] = []
        for procedure in procedures:
            try:
                with session.begin_nested():
                    upsert_procedures(session, [procedure])
                taken.append(procedure["MaTTHC"])
            except DomainError as error:
                refused.append(f"{procedure.get('MaTTHC')}: {error}")
        if taken:
            audit.record(session, SYSTEM, "catalogue.pull", "", {"procedures": taken}, at=now)
    return PageTaken(True, len(taken), refused=refused, changes=StoreChanges(catalogue=bool(taken)))


def take_days_off(store: Store, days: Sequence[tuple[date, str, str]]) -> int:
    """Days off and swapped working days (day, Nghi or LamBu, note) declared by the province;
    unchanged days are left alone, so a pull writes no audit rows when nothing changed. Returns
    how many changed."""
    changed = 0
    with store.write() as session:
        for day, kind, note in days:
            held = session.get(CalendarDay, day)
            if held is not None and (held.kind, held.note) == (kind, clean(note)):
                continue
            declare_day_in(session, SYSTEM, day, kind, note, source="province")
            changed += 1
    return changed


def _advance(session: Session, name: str, expected: str, new: str, now: datetime) -> bool:
    moved = session.execute(
        update(SyncCursor).where(SyncCursor.name == name, SyncCursor.cursor == expected)
        .values(cursor=new, updated_at=now))
    return bool(moved.rowcount == 1)  # type: ignore[attr-defined]


def set_aside_changes(store: Store, actor: Actor, *, limit: int = 500) -> tuple[int, list[SetAside]]:
    """How many changes from the province were set aside, and the newest `limit` of them."""
    require(actor, "sync.run")
    with store.read() as session:
        count = session.scalar(select(func.count()).select_from(SetAsideChange)) or 0
        rows = session.scalars(select(SetAsideChange).order_by(SetAsideChange.id.desc())
                               .limit(limit)).all()
        return count, [SetAside(row.dossier_code, row.reason, row.pulled_at, row.content)
                       for row in rows]
