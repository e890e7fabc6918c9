"""The commune's own figures for the components of the national service index (Decision
766/QĐ-TTg) that the counter can count: resolved on time or late, share received online,
satisfaction, dossiers with no move for some working days, and the share of the papers handed in
that became signed digitised copies."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from onestop.lifecycle import LATE, lifecycle, timeliness
from onestop.queue_figures import utc_span
from onestop.roles import Actor, require
from onestop.store.digitised_models import SIGNED, DigitisedCopy
from onestop.store.engine import Store
from onestop.store.models import Dossier, DossierDocument, StatusChange
from onestop.store.queue_models import QueueRating
from onestop.workcalendar_store import load_calendar_in
from onestop.workdays import LOCAL_ZONE

ONLINE = 2
SATISFIED_LEVELS = (3, 4)
STALLED_DAYS = 5


@dataclass(frozen=True)
class ServiceIndex:
    start: date
    end: date
    resolved: int
    resolved_on_time: int
    resolved_late: int
    on_time_share: float | None
    received: int
    received_online: int
    online_share: float | None
    ratings: int
    satisfied: int
    satisfaction_share: float | None
    stalled: int
    stalled_days: int
    digitisation_share: float | None = None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def periods(today: date) -> dict[str, tuple[date, date]]:
    """Today, this month and this year, as the index page shows them."""
    return {"today": (today, today), "month": (today.replace(day=1), today),
            "year": (today.replace(month=1, day=1), today)}


def service_index(store: Store, actor: Actor, start: date, end: date, stalled_days: int = STALLED_DAYS,
                  now: datetime | None = None) -> ServiceIndex:
    require(actor, "report.read")
    now = now or datetime.now(UTC)
    since, until = utc_span(start, end)
    final = [s.code for s in lifecycle().statuses.values() if s.final]
    with store.read() as session:
        finished = session.execute(select(Dossier.due_at, Dossier.finished_at).where(
            Dossier.finished_at >= since, Dossier.finished_at < until)).all()
        classes = [timeliness(due, done) for due, done in finished]
        received = session.execute(select(Dossier.channel, func.count()).where(
            Dossier.received_at >= since, Dossier.received_at < until)
            .group_by(Dossier.channel)).all()
        in_period = (Dossier.received_at >= since, Dossier.received_at < until)
        papers = session.scalar(select(func.count()).select_from(DossierDocument).join(
            Dossier, DossierDocument.dossier_id == Dossier.id).where(*in_period)) or 0
        signed = session.scalar(select(func.count()).select_from(DigitisedCopy).join(
            Dossier, DigitisedCopy.dossier_id == Dossier.id).where(
            *in_period, DigitisedCopy.sign_state == SIGNED)) or 0
        levels = list(session.scalars(select(QueueRating.level).where(
            QueueRating.at >= since, QueueRating.at < until)))
        calendar = load_calendar_in(session)
        day, counted = now.astimezone(LOCAL_ZONE).date(), 0
        while counted < stalled_days:
            day -= timedelta(days=1)
            counted += calendar.is_working_day(day)
        last_move = (select(StatusChange.dossier_id, func.max(StatusChange.at).label("at"))
                     .group_by(StatusChange.dossier_id).subquery())
        stalled = session.scalar(
            select(func.count()).select_from(Dossier).join(last_move, last_move.c.dossier_id
                                                           == Dossier.id)
            .where(Dossier.finished_at.is_(None), Dossier.status.not_in(final),
                   last_move.c.at < datetime.combine(day, time(0), LOCAL_ZONE))) or 0
    resolved = [c for c in classes if c is not None]
    on_time = sum(1 for c in resolved if c != LATE)
    counts = dict(received)
    total, online = sum(counts.values()), counts.get(ONLINE, 0)
    satisfied = sum(1 for level in levels if level in SATISFIED_LEVELS)
    return ServiceIndex(start, end, len(resolved), on_time, len(resolved) - on_time,
                        _share(on_time, len(resolved)), total, online, _share(online, total),
                        len(levels), satisfied, _share(satisfied, len(levels)), stalled,
                        stalled_days, _share(min(signed, papers), papers))
