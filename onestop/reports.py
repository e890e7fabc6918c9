"""The figures behind the supervisors' reports: a day at the counter, and Biểu 06 for a period.

Counted in SQL so that a period over a million dossiers stays within seconds. Vietnam keeps one
offset all year (UTC+7, no summer time), so a local day is a fixed span of UTC.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select, text
from sqlalchemy.orm import Session

from onestop import settings
from onestop.i18n import _
from onestop.report_figures import (
    ChannelCounts,
    DailyReport,
    OfficerDay,
    OverdueDossier,
    PeriodFigures,
    PeriodReport,
    PeriodRow,
    ProcedureDay,
)
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Applicant, Dossier, Procedure, StatusChange
from onestop.store.returning_models import ResultReturn
from onestop.workdays import LOCAL_ZONE

RESOLVED = ("result_ready", "returned")
ENDED_OTHERWISE = ("refused", "withdrawn", "stopped")
PAUSED = ("supplement_requested", "financial_obligation")
ONLINE = 2
OVERDUE_LIST_LIMIT = 500


def _day_span(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), LOCAL_ZONE).astimezone(UTC)
    return start, start + timedelta(days=1)


def _count(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


def daily(store: Store, actor: Actor, day: date, now: datetime | None = None) -> DailyReport:
    require(actor, "report.read")
    now = now or datetime.now(UTC)
    start, end = _day_span(day)
    in_day = and_(Dossier.received_at >= start, Dossier.received_at < end)
    with store.read() as session:
        agency = str(settings.get_in(session, "agency.name"))
        channels = dict(session.execute(
            select(Dossier.channel, func.count()).where(in_day).group_by(Dossier.channel)).all())
        # fees are taken as results are handed over, by the counter's record of each handover
        fees = session.scalar(select(func.coalesce(func.sum(ResultReturn.fees_collected), 0))
                              .where(ResultReturn.returned_at >= start,
                                     ResultReturn.returned_at < end)) or 0
        moves = dict(session.execute(
            select(StatusChange.to_status, func.count())
            .where(StatusChange.at >= start, StatusChange.at < end,
                   StatusChange.from_status.is_not(None))
            .group_by(StatusChange.to_status)).all())
        intake_refusals = session.scalar(
            select(func.count()).select_from(StatusChange)
            .where(StatusChange.at >= start, StatusChange.at < end,
                   StatusChange.from_status.is_(None), StatusChange.to_status == "refused")) or 0
        intake_supplements = session.scalar(
            select(func.count()).select_from(StatusChange)
            .where(StatusChange.at >= start, StatusChange.at < end,
                   StatusChange.from_status.is_(None),
                   StatusChange.to_status == "supplement_requested")) or 0
        received_by = dict(session.execute(
            select(Dossier.received_by, func.count()).where(in_day)
            .group_by(Dossier.received_by)).all())
        returned_by = dict(session.execute(
            select(StatusChange.actor, func.count())
            .where(StatusChange.at >= start, StatusChange.at < end,
                   StatusChange.to_status == "returned")
            .group_by(StatusChange.actor)).all())
        by_procedure_received = {code: (name, n) for code, name, n in session.execute(
            select(Procedure.code, Procedure.name, func.count())
            .join(Dossier, Dossier.procedure_code == Procedure.code).where(in_day)
            .group_by(Procedure.code, Procedure.name)).all()}
        by_procedure_returned = {code: (name, n) for code, name, n in session.execute(
            select(Procedure.code, Procedure.name, func.count())
            .join(Dossier, Dossier.procedure_code == Procedure.code)
            .join(StatusChange, StatusChange.dossier_id == Dossier.id)
            .where(StatusChange.at >= start, StatusChange.at < end,
                   StatusChange.to_status == "returned")
            .group_by(Procedure.code, Procedure.name)).all()}
        overdue_at = min(now, end)
        overdue = [
            OverdueDossier(code, name, procedure, (due or now).astimezone(LOCAL_ZONE), officer)
            for code, name, procedure, due, officer in session.execute(
                select(Dossier.code, Applicant.full_name, Procedure.name, Dossier.due_at,
                       Dossier.received_by)
                .join(Applicant, Dossier.applicant_id == Applicant.id)
                .join(Procedure, Dossier.procedure_code == Procedure.code)
                .where(Dossier.finished_at.is_(None), Dossier.due_at < overdue_at)
                .order_by(Dossier.due_at).limit(OVERDUE_LIST_LIMIT)).all()
        ]
    officers = sorted(set(received_by) | set(returned_by))
    procedures = sorted(set(by_procedure_received) | set(by_procedure_returned))
    return DailyReport(
        agency=agency, day=day, made_at=now.astimezone(LOCAL_ZONE),
        received=ChannelCounts(channels.get(1, 0), channels.get(2, 0), channels.get(3, 0)),
        results_ready=moves.get("result_ready", 0), returned=moves.get("returned", 0),
        supplement_requests=moves.get("supplement_requested", 0) + intake_supplements,
        refusals=moves.get("refused", 0) + intake_refusals,
        withdrawals=moves.get("withdrawn", 0), fees_collected=int(fees),
        by_officer=tuple(OfficerDay(o, received_by.get(o, 0), returned_by.get(o, 0))
                         for o in officers),
        by_procedure=tuple(
            ProcedureDay(code, (by_procedure_received.get(code) or by_procedure_returned[code])[0],
                         by_procedure_received.get(code, ("", 0))[1],
                         by_procedure_returned.get(code, ("", 0))[1])
            for code in procedures),
        overdue=tuple(overdue),
    )


def _local_day(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, "+7 hours")
    return func.date(column + text("interval '7 hours'"))


def period(store: Store, actor: Actor, first: date, last: date,
           now: datetime | None = None) -> PeriodReport:
    """Biểu 06: received (online / in person or postal / carried over), resolved (early / on time
    / late), in process at the end (within time / overdue), paused, returned or withdrawn."""
    require(actor, "report.read")
    now = now or datetime.now(UTC)
    start = _day_span(first)[0]
    end = _day_span(last)[1]
    end_at = min(end, now)
    d = Dossier
    with store.read() as session:
        finished_in = and_(d.finished_at >= start, d.finished_at < end)
        resolved = and_(finished_in, d.status.in_(RESOLVED))
        due_day, finished_day = _local_day(session, d.due_at), _local_day(session, d.finished_at)
        open_at_end = and_(d.received_at < end, d.finished_at.is_(None) | (d.finished_at >= end))
        columns = [
            _count(and_(d.received_at >= start, d.received_at < end, d.channel == ONLINE)),
            _count(and_(d.received_at >= start, d.received_at < end, d.channel != ONLINE)),
            _count(and_(d.received_at < start,
                        d.finished_at.is_(None) | (d.finished_at >= start))),
            _count(and_(resolved, d.due_at.is_not(None), finished_day < due_day)),
            _count(resolved),
            _count(and_(resolved, d.due_at.is_not(None), d.finished_at > d.due_at,
                        finished_day > due_day)),
            _count(and_(open_at_end, d.due_at.is_(None) | (d.due_at >= end_at))),
            _count(and_(open_at_end, d.due_at < end_at)),
            _count(and_(open_at_end, d.status.in_(PAUSED))),
            _count(and_(finished_in, d.status.in_(ENDED_OTHERWISE))),
        ]
        relevant = d.received_at < end
        # On SQLite, grouping on the bare column walks the whole procedure index row by row;
        # a unary plus makes it one table scan, several times faster at a million dossiers.
        group: Any = (text("+dossiers.procedure_code")
                      if session.get_bind().dialect.name == "sqlite" else d.procedure_code)
        rows = session.execute(
            select(d.procedure_code, *columns).where(
                relevant, d.finished_at.is_(None) | (d.finished_at >= start))
            .group_by(group)).all()
        procedures = {p.code: p for p in session.scalars(select(Procedure))}
        agency = str(settings.get_in(session, "agency.name"))
    grouped: dict[str, list[PeriodRow]] = defaultdict(list)
    for code, *counts in rows:
        online, in_person, carried, early, resolved_all, late, *rest = (int(c or 0) for c in counts)
        figures = PeriodFigures(online, in_person, carried, early, resolved_all - early - late,
                                late, *rest)
        if figures == PeriodFigures():
            continue
        procedure = procedures.get(code)
        field = (procedure.field_name if procedure else None) or _("Khác")
        grouped[field].append(PeriodRow(field, code, procedure.name if procedure else code,
                                        figures))
    ordered = tuple(row for field in sorted(grouped) for row in
                    sorted(grouped[field], key=lambda r: r.procedure_code))
    return PeriodReport(agency, first, last, now.astimezone(LOCAL_ZONE), ordered)
