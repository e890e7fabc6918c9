"""The outbox as the sync room works it: which rows are due, the batches they travel in, and what
became of them. Each function is one short transaction on the counter's store."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
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

    id: str
    item_key: str
    version: int
    payload: dict[str, Any]
    attempts: int


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


def _waiting(row: OutboxItem) -> Waiting:
    return Waiting(row.id, row.item_key, row.version, row.payload, row.attempts)


def supersede_older_versions(store: Store) -> None:
    """A dossier waiting in several versions needs only its newest sent; rows already in a
    batch stay, so that the batch can be repeated unchanged."""
    with store.write() as session:
        rows = session.scalars(select(OutboxItem).where(
            OutboxItem.kind == outbox.DOSSIER, OutboxItem.state == outbox.PENDING)).all()
        newest: dict[str, tuple[int, int]] = {}
        for row in rows:
            newest[row.item_key] = max(newest.get(row.item_key, (0, 0)), (row.version, row.seq))
        for row in rows:
            if row.batch_id is None and (row.version, row.seq) < newest[row.item_key]:
                row.state = outbox.SUPERSEDED


def claim_batches(store: Store, kind: str, now: datetime, report: SyncReport) -> list[Batch]:
    """Put every due row of `kind` that is in no batch yet into batches of at most 200, then
    return all due batches, oldest first. Rows too broken to send fail here."""
    with store.write() as session:
        # On a shared PostgreSQL store, rows another counter is batching are left to it.
        fresh = session.scalars(select(OutboxItem).where(
            OutboxItem.kind == kind, _due(now), OutboxItem.batch_id.is_(None))
            .order_by(OutboxItem.seq).with_for_update(skip_locked=True)).all()
        sendable = [row for row in fresh if _intact(row, kind, report)]
        # A batch says once whether it updates dossiers the province already has.
        for group in ([r for r in sendable if r.version <= 1], [r for r in sendable if r.version > 1]):
            for start in range(0, len(group), BATCH_SIZE):
                key = str(uuid.uuid4())
                for row in group[start:start + BATCH_SIZE]:
                    row.batch_id = key
        session.flush()
        batched = session.scalars(select(OutboxItem).where(
            OutboxItem.kind == kind, _due(now), OutboxItem.batch_id.is_not(None))
            .order_by(OutboxItem.seq)).all()
        batches: dict[str, list[Waiting]] = {}
        for row in batched:
            batches.setdefault(str(row.batch_id), []).append(_waiting(row))
    return [Batch(key, kind, rows) for key, rows in batches.items()]


def _intact(row: OutboxItem, kind: str, report: SyncReport) -> bool:
    identity = row.payload.get(_IDENTITY[kind]) if isinstance(row.payload, dict) else None
    if identity == row.item_key:
        return True
    row.state = outbox.FAILED
    row.last_error = _("Bản ghi chờ gửi bị hỏng, không gửi được")
    report.failed += 1
    return False


def files_due(store: Store, now: datetime) -> list[Waiting]:
    with store.read() as session:
        rows = session.scalars(select(OutboxItem).where(
            OutboxItem.kind == outbox.FILE, _due(now)).order_by(OutboxItem.seq)).all()
        return [_waiting(row) for row in rows]


def settle(store: Store, batch: Batch, results: Sequence[ItemResult], now: datetime,
           report: SyncReport) -> None:
    """Record the province's answer for each row of a batch, in the same store."""
    with store.write() as session:
        rows = {row.id: row for row in _rows(session, [row.id for row in batch.rows])}
        for waiting, result in zip(batch.rows, results, strict=True):
            row = rows.get(waiting.id)
            if row is None or row.state != outbox.PENDING:
                continue  # settled meanwhile by another counter sharing this store
            _settle_row(session, row, result, now, report)


def _settle_row(session: Session, row: OutboxItem, result: ItemResult, now: datetime,
                report: SyncReport) -> None:
    row.last_error = result.message
    if result.outcome is Outcome.DEFERRED:
        row.attempts += 1
        row.next_attempt_at = now + timedelta(seconds=retry_delay(row.attempts))
        row.batch_id = None  # the province keeps its answer for the key; a new one is needed
        report.postponed += 1
        return
    row.state = {Outcome.ACCEPTED: outbox.SENT, Outcome.STALE: outbox.SUPERSEDED,
                 Outcome.CONFLICT: outbox.CONFLICT, Outcome.REJECTED: outbox.FAILED,
                 }[result.outcome]
    if result.outcome in (Outcome.ACCEPTED, Outcome.STALE):
        row.sent_at = now
        if row.kind == outbox.DOSSIER:
            mark_at_province(session, row.item_key, row.version)
            report.dossiers_sent += 1
        else:
            report.progress_sent += 1
    elif result.outcome is Outcome.CONFLICT:
        report.conflicts += 1
    else:
        report.failed += 1


def mark_sent(store: Store, ids: Iterable[str], now: datetime) -> None:
    with store.write() as session:
        for row in _rows(session, ids):
            row.state, row.sent_at, row.last_error = outbox.SENT, now, ""


def postpone(store: Store, ids: Iterable[str], now: datetime, reason: str,
             retry_after: float | None) -> None:
    """Try these rows again later: capped exponential backoff, never sooner than asked."""
    with store.write() as session:
        for row in _rows(session, ids):
            row.attempts += 1
            row.next_attempt_at = now + timedelta(
                seconds=retry_delay(row.attempts, retry_after=retry_after))
            row.last_error = reason


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
