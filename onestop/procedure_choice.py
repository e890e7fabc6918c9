"""Which procedures the intake offers first: the officer's recent ones, then the frequent ones,
narrowed by typed words or a code with diacritics and case ignored."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop.catalogue import ProcedureRecord
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


def matches(procedure: ProcedureRecord, typed: str) -> bool:
    words = fold(typed).split()
    haystack = fold(f"{procedure.code} {procedure.name}")
    return all(word in haystack for word in words)


def ranked(procedures: list[ProcedureRecord], uses: list[ProcedureUse],
           typed: str = "") -> list[ProcedureRecord]:
    """The few most recent first, then by how often used, then by how well the name fits."""
    times = {use.code: use.times for use in uses}
    recent = [use.code for use in sorted(uses, key=lambda u: u.last_at, reverse=True)]
    recent = recent[:RECENT_FIRST]

    phrase = " ".join(fold(typed).split())

    def order(item: tuple[int, ProcedureRecord]) -> tuple[int, int, bool, int, int]:
        position, procedure = item
        recent_place = recent.index(procedure.code) if procedure.code in recent else len(recent)
        name = fold(procedure.name)
        # Among the rest, the typed words as one phrase beat scattered words, and the plainest
        # (shortest) name comes first: "khai sinh" finds the birth registration itself.
        return (recent_place, -times.get(procedure.code, 0), phrase not in name, len(name),
                position)

    chosen = [(i, p) for i, p in enumerate(procedures) if matches(p, typed)]
    return [p for _, p in sorted(chosen, key=order)]
