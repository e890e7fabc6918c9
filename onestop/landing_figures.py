"""Today's figures for the page each role lands on: dossiers received today, due today and
overdue, changes waiting for the province, slips not yet on paper, and the last backup."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from onestop.outbox import waiting_count
from onestop.print_jobs import waiting
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.store.models import AuditEntry, Dossier
from onestop.workdays import LOCAL_ZONE


@dataclass(frozen=True)
class TodayFigures:
    received_today: int | None  # None: the role does not see dossiers
    due_today: int | None
    overdue: int | None
    waiting_for_province: int
    unprinted_slips: int | None
    last_backup_at: datetime | None


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), LOCAL_ZONE).astimezone(UTC)


def today_figures(store: Store, actor: Actor, now: datetime | None = None) -> TodayFigures:
    now = now or datetime.now(UTC)
    today = now.astimezone(LOCAL_ZONE).date()
    start, end = _day_start(today), _day_start(today + timedelta(days=1))
    sees_dossiers = actor.may("dossier.read")
    with store.read() as session:
        received = due = overdue = None
        if sees_dossiers:
            count = select(func.count()).select_from(Dossier)
            received = session.scalar(count.where(Dossier.received_at >= start,
                                                  Dossier.received_at < end)) or 0
            open_due = count.where(Dossier.finished_at.is_(None), Dossier.due_at.is_not(None))
            due = session.scalar(open_due.where(Dossier.due_at >= max(now, start),
                                                Dossier.due_at < end)) or 0
            overdue = session.scalar(open_due.where(Dossier.due_at < now)) or 0
        waiting_now = waiting_count(session)
    unprinted = len(waiting(store, actor)) if actor.may("dossier.print") else None
    return TodayFigures(received, due, overdue, waiting_now, unprinted, last_backup_at(store))


def last_backup_at(store: Store) -> datetime | None:
    """When the last backup, daily or by hand, was made (the audit log keeps each one)."""
    with store.read() as session:
        return session.scalar(select(AuditEntry.at).where(AuditEntry.action == "backup.create")
                              .order_by(AuditEntry.id.desc()).limit(1))
