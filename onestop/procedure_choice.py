"""Which procedures the intake offers first: the best fit for what was typed, then the officer's
recent ones, then the frequent ones, with diacritics and case ignored."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop.catalogue import ProcedureRecord
from onestop.procedure_match import fit
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Dossier
from onestop.text import fold

LOOK_BACK = timedelta(days=90)
RECENT_FIRST = 3


@dataclass(frozen=True)
class ProcedureUse:
    code: str
    times: int
    last_at: datetime


def uses_in(session: Session, username: str, since: datetime) -> list[ProcedureUse]:
    rows = session.execute(
        select(Dossier.procedure_code, func.count(), func.max(Dossier.received_at))
        .where(Dossier.received_by == username, Dossier.received_at >= since)
        .group_by(Dossier.procedure_code)
    ).all()
    return [ProcedureUse(code, times, last_at) for code, times, last_at in rows]


def procedure_uses(store: Store, actor: Actor, now: datetime | None = None) -> list[ProcedureUse]:
    """How often and how lately this officer received each procedure in the last 90 days."""
    require(actor, "dossier.receive")
    with store.read() as session:
        return uses_in(session, actor.username, (now or datetime.now(UTC)) - LOOK_BACK)


def with_use(uses: list[ProcedureUse], code: str, at: datetime) -> list[ProcedureUse]:
    """The uses once one more dossier of `code` was received at `at`."""
    known = next((use for use in uses if use.code == code), None)
    if known is None:
        return [*uses, ProcedureUse(code, 1, at)]
    return [ProcedureUse(code, use.times + 1, max(use.last_at, at)) if use is known else use
            for use in uses]


def ranked(procedures: list[ProcedureRecord], uses: list[ProcedureUse],
           typed: str = "") -> list[ProcedureRecord]:
    """What was typed decides first: the exact code or name, then names starting with it, then
    the typed words as one phrase, then scattered. Among equal fits the officer's few most recent,
    then the most used, then the plainest (shortest) name: "khai sinh" finds the birth
    registration itself."""
    times = {use.code: use.times for use in uses}
    recent = [use.code for use in sorted(uses, key=lambda u: u.last_at, reverse=True)]
    recent = recent[:RECENT_FIRST]

    def order(item: tuple[int, int, ProcedureRecord]) -> tuple[int, int, int, int, int]:
        position, how_well, procedure = item
        recent_place = recent.index(procedure.code) if procedure.code in recent else len(recent)
        return (how_well, recent_place, -times.get(procedure.code, 0), len(fold(procedure.name)),
                position)

    chosen = [(i, how_well, p) for i, p in enumerate(procedures)
              if (how_well := fit(p.code, p.name, typed)) is not None]
    return [p for *_, p in sorted(chosen, key=order)]
