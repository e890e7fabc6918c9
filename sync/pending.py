"""The outbox as the sync room works it: which rows are due, the batches they travel in, and what
became of them. Each function is one short transaction on the counter's store."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from onestop import outbox
from onestop.dossiers import mark_at_province
from onestop.i18n import _
from onestop.store.engine import Store
from onestop.store.models import OutboxItem
from sync.backoff import retry_delay
from sync.replies import ItemResult, Outcome
from sync.report import SyncReport

BATCH_SIZE = 200
_IDENTITY = {outbox.DOSSIER: "MaHoSo", outbox.PROGRESS: "MaTienDo"}


@dataclass(frozen=True)
class Waiting:
    """An outbox row on its way to the province, detached from the session."""

    seq: int
    id: str
    item_key: str
    version: int
    payload: dict[str, Any]


@dataclass(frozen=True)
class Batch:
    """Rows sent together under one Idempotency-Key; a retry sends the same rows, same key."""

    key: str
    kind: str
    rows: list[Waiting]

    @property
    def updating(self) -> bool:
        return self.rows[0].version > 1


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(OutboxItem.state == outbox.PENDING,
                or_(OutboxItem.next_attempt_at.is_(None), OutboxItem.next_attempt_at <= now))


# Rows are read as plain columns and changed by primary key in one statement per kind of change:
# a backlog of thousands goes through in seconds, not in a unit of work per row.
_WAITING = (OutboxItem.seq, OutboxItem.id, OutboxItem.item_key, OutboxItem.version,
            OutboxItem.payload)


def supersede_older_versions(store: Store) -> None:
    """A dossier waiting in several versions needs only its newest sent; rows already in a
    batch stay, so that the batch can be repeated unchanged."""
    with store.write() as session:
        rows = session.execute(select(
            OutboxItem.seq, OutboxItem.item_key, OutboxItem.version, OutboxItem.batch_id).where(
            OutboxItem.kind == outbox.DOSSIER, OutboxItem.state == outbox.PENDING)).all()
        newest: dict[str, tuple[int, int]] = {}
        for row in rows:
            newest[row.item_key] = max(newest.get(row.item_key, (0, 0)), (row.version, row.seq))
        older = [row.seq for row in rows
                 if row.batch_id is None and (row.version, row.seq) < newest[row.item_key]]
        _change(session, [{"seq": seq, "state": outbox.SUPERSEDED} for seq in older])


def claim_batches(store: Store, kind: str, now: datetime, report: SyncReport) -> list[Batch]:
    """Put every due row of `kind` that is in no batch yet into batches of at most 200, then
    return all due batches, oldest first. Rows too broken to send fail here."""
    with store.write() as session:
        # On a shared PostgreSQL store, rows another counter is batching are left to it.
        due = session.execute(select(*_WAITING, OutboxItem.batch_id).where(
            OutboxItem.kind == kind, _due(now)).order_by(OutboxItem.seq)
            .with_for_update(skip_locked=True)).all()
        keys = {row.seq: row.batch_id for row in due}
        fresh = [row for row in due if row.batch_id is None]
        broken = {row.seq for row in fresh if not _intact(row.payload, row.item_key, kind)}
        _change(session, [{"seq": seq, "state": outbox.FAILED,
                           "last_error": _("Bản ghi chờ gửi bị hỏng, không gửi được")}
                          for seq in broken])
        report.failed += len(broken)
        sendable = [row for row in fresh if row.seq not in broken]
        # A batch says once whether it updates dossiers the province already has.
        for group in ([r for r in sendable if r.version <= 1], [r for r in sendable if r.version > 1]):
            for start in range(0, len(group), BATCH_SIZE):
                key = str(uuid.uuid4())
                for row in group[start:start + BATCH_SIZE]:
                    keys[row.seq] = key
        _change(session, [{"seq": row.seq, "batch_id": keys[row.seq]} for row in sendable])
        batches: dict[str, list[Waiting]] = {}
        for row in due:
            key = keys[row.seq]
            if key is not None and row.seq not in broken:
                batches.setdefault(key, []).append(
                    Waiting(row.seq, row.id, row.item_key, row.version, row.payload))
    return [Batch(key, kind, rows) for key, rows in batches.items()]


def _intact(payload: object, item_key: str, kind: str) -> bool:
    return isinstance(payload, dict) and payload.get(_IDENTITY[kind]) == item_key


def _change(session: Session, changes: list[dict[str, Any]]) -> None:
    """Apply column changes to rows named by their seq, as one executemany."""
    if changes:
        session.execute(update(OutboxItem), changes)


def files_due(store: Store, now: datetime) -> list[Waiting]:
    with store.read() as session:
        rows = session.execute(select(*_WAITING).where(
            OutboxItem.kind == outbox.FILE, _due(now)).order_by(OutboxItem.seq)).all()
        return [Waiting(*row) for row in rows]


def settle(store: Store, batch: Batch, results: Sequence[ItemResult], now: datetime,
           report: SyncReport) -> None:
    """Record the province's answer for each row of a batch, in the same store."""
    with store.write() as session, session.no_autoflush:
        # Rows settled meanwhile by another counter sharing this store are left as they are.
        still = set(session.scalars(select(OutboxItem.seq).where(
            OutboxItem.seq.in_([row.seq for row in batch.rows]),
            OutboxItem.state == outbox.PENDING)))
        settled: list[dict[str, Any]] = []
        acknowledged: list[tuple[str, int]] = []
        for waiting, result in zip(batch.rows, results, strict=True):
            if waiting.seq in still:
                settled.append(_settle_row(session, batch.kind, waiting, result, now, report))
                if batch.kind == outbox.DOSSIER and result.outcome in _AT_PROVINCE:
                    acknowledged.append((waiting.item_key, waiting.version))
        _change(session, settled)
        mark_at_province(session, acknowledged)


_AT_PROVINCE = (Outcome.ACCEPTED, Outcome.STALE)
_STATES = {Outcome.ACCEPTED: outbox.SENT, Outcome.STALE: outbox.SUPERSEDED,
           Outcome.CONFLICT: outbox.CONFLICT, Outcome.REJECTED: outbox.FAILED}


def _settle_row(session: Session, kind: str, row: Waiting, result: ItemResult, now: datetime,
                report: SyncReport) -> dict[str, Any]:
    """The changes to one row for the province's answer about it."""
    if result.outcome is Outcome.DEFERRED:
        attempts = session.scalar(select(OutboxItem.attempts).where(
            OutboxItem.seq == row.seq)) or 0
        report.postponed += 1
        # The province keeps its answer for the key; a new one is needed.
        return {"seq": row.seq, "last_error": result.message, "attempts": attempts + 1,
                "next_attempt_at": now + timedelta(seconds=retry_delay(attempts + 1)),
                "batch_id": None}
    change = {"seq": row.seq, "last_error": result.message, "state": _STATES[result.outcome]}
    if result.outcome in _AT_PROVINCE:
        change["sent_at"] = now
        if kind == outbox.DOSSIER:
            report.dossiers_sent += 1
        else:
            report.progress_sent += 1
    elif result.outcome is Outcome.CONFLICT:
        report.conflicts += 1
    else:
        report.failed += 1
    return change


def mark_sent(store: Store, ids: Iterable[str], now: datetime) -> None:
    with store.write() as session:
        for row in _rows(session, ids):
            row.state, row.sent_at, row.last_error = outbox.SENT, now, ""


def postpone(store: Store, ids: Iterable[str], now: datetime, reason: str,
             retry_after: float | None) -> None:
    """Try these rows again later: capped exponential backoff, never sooner than asked. The rows
    of a batch get one time, so that the batch is due again whole, under its key."""
    with store.write() as session:
        rows = _rows(session, ids)
        if not rows:
            return
        attempts = max(row.attempts for row in rows) + 1
        next_attempt_at = now + timedelta(seconds=retry_delay(attempts, retry_after=retry_after))
        for row in rows:
            row.attempts, row.next_attempt_at, row.last_error = attempts, next_attempt_at, reason


def fail(store: Store, ids: Iterable[str], reason: str) -> None:
    with store.write() as session:
        for row in _rows(session, ids):
            row.state, row.last_error = outbox.FAILED, reason


def rebatch(store: Store, ids: Iterable[str]) -> None:
    """Send these rows again under a new key (the old one answers for another body)."""
    with store.write() as session:
        for row in _rows(session, ids):
            row.batch_id = None


def _rows(session: Session, ids: Iterable[str]) -> list[OutboxItem]:
    wanted = list(ids)
    found = {row.id: row for row in session.scalars(
        select(OutboxItem).where(OutboxItem.id.in_(wanted)))}
    return [found[row_id] for row_id in wanted if row_id in found]
