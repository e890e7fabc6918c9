"""Retry now: a technician sends again what the province refused or holds otherwise, and what
waits for its next attempt goes at the next run instead."""

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from onestop import audit, outbox
from onestop.dossiers import queue_for_province
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Dossier, OutboxItem


@dataclass(frozen=True)
class Retried:
    due_now: int  # waiting rows brought forward to the next run
    requeued: int  # refused rows back in the queue, under a new Idempotency-Key
    resent: int  # dossiers in conflict queued again as a new version of the counter's copy
    superseded: int  # refused or conflicting versions of a dossier that a newer one replaces
    left: int  # conflicts that sending again cannot settle (a progress row held otherwise)


def retry_queue(store: Store, actor: Actor) -> Retried:
    require(actor, "settings.devices")
    requeued = resent = superseded = left = 0
    with store.write() as session:
        brought = session.execute(
            update(OutboxItem).where(OutboxItem.state == outbox.PENDING,
                                     OutboxItem.next_attempt_at.is_not(None))
            .values(next_attempt_at=None))
        newest = dict(session.execute(
            select(OutboxItem.item_key, func.max(OutboxItem.version))
            .where(OutboxItem.kind == outbox.DOSSIER,
                   OutboxItem.state.in_((outbox.PENDING, outbox.SENT)))
            .group_by(OutboxItem.item_key)).all())
        stuck = session.scalars(select(OutboxItem).where(
            OutboxItem.state.in_((outbox.FAILED, outbox.CONFLICT))).order_by(OutboxItem.seq)).all()
        for row in stuck:
            if row.kind == outbox.DOSSIER and newest.get(row.item_key, 0) > row.version:
                row.state = outbox.SUPERSEDED
                superseded += 1
            elif row.state == outbox.FAILED:
                row.state, row.attempts, row.next_attempt_at = outbox.PENDING, 0, None
                row.batch_id = None  # the province keeps its refusal for the old key
                requeued += 1
            elif row.kind == outbox.DOSSIER and (version := _resend(session, actor, row)):
                newest[row.item_key] = version
                resent += 1
            else:
                left += 1
    return Retried(brought.rowcount, requeued, resent, superseded, left)  # type: ignore[attr-defined]


def _resend(session: Session, actor: Actor, row: OutboxItem) -> int | None:
    """The province holds this version with other content: the counter's copy goes again as a
    newer version, which replaces the province's. Returns that version, None when the counter
    no longer holds the dossier."""
    dossier = session.scalar(select(Dossier).where(Dossier.code == row.item_key))
    if dossier is None:
        return None
    row.state = outbox.SUPERSEDED
    dossier.version += 1
    session.flush()
    queue_for_province(session, dossier, None)
    audit.record(session, actor, "dossier.province_resend", dossier.code,
                 {"version": dossier.version, "conflict": row.last_error})
    return dossier.version
