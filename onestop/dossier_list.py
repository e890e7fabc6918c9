"""The counter's dossier list: filters by status, procedure, day received, overdue and due today,
narrowed by typed text when given, newest first; and how urgent each dossier is."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from onestop.lifecycle import is_overdue, lifecycle
from onestop.roles import Actor, require
from onestop.search import DossierSummary, find
from onestop.store.engine import Store
from onestop.store.models import Applicant, Dossier, Procedure
from onestop.workdays import LOCAL_ZONE

OVERDUE, DUE_TODAY, DUE_SOON = "overdue", "due_today", "due_soon"
DUE_SOON_WITHIN = timedelta(days=2)
_TYPED_LIMIT = 1000


@dataclass(frozen=True)
class DossierFilter:
    typed: str = ""
    status: str | None = None
    procedure_code: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False
    due_today_only: bool = False
    limit: int = 200


def urgency(due_at: datetime | None, finished_at: datetime | None, now: datetime) -> str | None:
    """Overdue, due today (local day), due within two days, or nothing pressing."""
    if due_at is None or finished_at is not None:
        return None
    if is_overdue(due_at, finished_at, now):
        return OVERDUE
    due_day = due_at.astimezone(LOCAL_ZONE).date()
    if due_day == now.astimezone(LOCAL_ZONE).date():
        return DUE_TODAY
    return DUE_SOON if due_at - now <= DUE_SOON_WITHIN else None


def _local_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), LOCAL_ZONE).astimezone(UTC)


def _filtered(query: Select[Dossier, Applicant, Procedure], wanted: DossierFilter,
              now: datetime) -> Select[Dossier, Applicant, Procedure]:
    if wanted.status:
        query = query.where(Dossier.status == wanted.status)
    if wanted.procedure_code:
        query = query.where(Dossier.procedure_code == wanted.procedure_code)
    if wanted.received_from:
        query = query.where(Dossier.received_at >= _local_day_start(wanted.received_from))
    if wanted.received_to:
        query = query.where(
            Dossier.received_at < _local_day_start(wanted.received_to + timedelta(days=1)))
    if wanted.overdue_only or wanted.due_today_only:
        query = query.where(Dossier.finished_at.is_(None), Dossier.due_at.is_not(None))
    if wanted.overdue_only:
        query = query.where(Dossier.due_at < now)
    if wanted.due_today_only:
        today = now.astimezone(LOCAL_ZONE).date()
        query = query.where(Dossier.due_at >= max(now, _local_day_start(today)),
                            Dossier.due_at < _local_day_start(today + timedelta(days=1)))
    return query


def list_in(session: Session, wanted: DossierFilter, now: datetime) -> list[DossierSummary]:
    query = (select(Dossier, Applicant, Procedure)
             .join(Applicant, Dossier.applicant_id == Applicant.id)
             .join(Procedure, Dossier.procedure_code == Procedure.code))
    if wanted.typed.strip():
        codes = [found.code for found in find(session, wanted.typed, _TYPED_LIMIT)]
        if not codes:
            return []
        query = query.where(Dossier.code.in_(codes))
    query = _filtered(query, wanted, now).order_by(Dossier.received_at.desc()).limit(wanted.limit)
    life = lifecycle()
    return [
        DossierSummary(d.code, a.full_name, a.id_number or "", a.phone, p.code, p.name, d.status,
                       life.status(d.status).name, d.received_at, d.due_at, d.finished_at,
                       is_overdue(d.due_at, d.finished_at, now))
        for d, a, p in session.execute(query).all()
    ]


def list_dossiers(store: Store, actor: Actor, wanted: DossierFilter,
                  now: datetime | None = None) -> list[DossierSummary]:
    require(actor, "dossier.read")
    with store.read() as session:
        return list_in(session, wanted, now or datetime.now(UTC))
