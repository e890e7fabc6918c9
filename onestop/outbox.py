"""What waits for the province, and its whole life: queued in the same transaction as the change
it carries, claimed into batches that keep their Idempotency-Key until the province answers,
then settled, postponed, failed, split, retried or queued again. The sync room only moves the
bytes and reports what the province said; every function here is one short transaction.

A row goes pending → sent (or superseded by a newer version), or → failed / conflict, which a
technician's retry brings back to pending.
"""

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from onestop import audit, dossiers, province_pulls, settings
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Attachment, Dossier, OutboxItem, StatusChange
from onestop.workdays import LOCAL_ZONE

DOSSIER, PROGRESS, FILE = "dossier", "progress", "file"
# Records of protocol 1.1 that other parts of the counter queue (satisfaction ratings, queue
# visits); the province link sends them like progress rows.
RATING, VISIT = "rating", "visit"
PENDING, SENT, FAILED, CONFLICT, SUPERSEDED = "pending", "sent", "failed", "conflict", "superseded"

# The field that names each kind of record on the wire.
IDENTITY = {DOSSIER: "MaHoSo", PROGRESS: "MaTienDo", RATING: "MaDanhGia", VISIT: "MaLuot"}

Wait = Callable[[int], float]  # seconds to wait after this many failed attempts in a row


class Outcome(Enum):
    """The province's answer about one record."""

    ACCEPTED = "accepted"  # stored, or already held exactly so
    STALE = "stale"  # the province holds a newer version; nothing changed
    CONFLICT = "conflict"  # the province holds this version with other content
    REJECTED = "rejected"  # the item itself is wrong; sending it again will not help
    DEFERRED = "deferred"  # the province failed on this item; try it again later


def enqueue(session: Session, kind: str, item_key: str, payload: dict[str, Any],
            version: int = 0) -> None:
    """Queue a record inside the caller's transaction (the one making the change)."""
    session.add(OutboxItem(id=str(uuid.uuid4()), kind=kind, item_key=item_key, version=version,
                           payload=payload, created_at=datetime.now(UTC), state=PENDING,
                           attempts=0, last_error=""))


def waiting_count(session: Session) -> int:
    return session.scalar(
        select(func.count()).select_from(OutboxItem).where(OutboxItem.state == PENDING)
    ) or 0


def pending_count(store: Store) -> int:
    with store.read() as session:
        return waiting_count(session)


# --- sending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """A row on its way to the province."""

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

    @property
    def ids(self) -> list[str]:
        return [row.id for row in self.rows]


@dataclass(frozen=True)
class Claimed:
    batches: list[Batch]
    failed: int  # rows too broken or too large to send, failed with their reason


@dataclass(frozen=True)
class Settled:
    sent: int = 0  # the province holds them (accepted, or a newer version held)
    conflicts: int = 0
    failed: int = 0
    postponed: int = 0


def payload_size(payload: Any) -> int:
    """Bytes a record takes in a request body."""
    return len(json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(OutboxItem.state == PENDING,
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
            OutboxItem.kind == DOSSIER, OutboxItem.state == PENDING)).all()
        newest: dict[str, tuple[int, int]] = {}
        for row in rows:
            newest[row.item_key] = max(newest.get(row.item_key, (0, 0)), (row.version, row.seq))
        older = [row.seq for row in rows
                 if row.batch_id is None and (row.version, row.seq) < newest[row.item_key]]
        _change(session, [{"seq": seq, "state": SUPERSEDED} for seq in older])


def claim_batches(store: Store, kind: str, now: datetime, *, max_items: int,
                  max_bytes: int) -> Claimed:
    """Put every due row of `kind` that is in no batch yet into batches of at most `max_items`
    rows and `max_bytes` of records, then return all due batches, oldest first. A row too
    broken to send, or larger alone than `max_bytes`, fails here with its reason."""
    with store.write() as session:
        # On a shared PostgreSQL store, rows another counter is batching are left to it.
        due = session.execute(select(*_WAITING, OutboxItem.batch_id).where(
            OutboxItem.kind == kind, _due(now)).order_by(OutboxItem.seq)
            .with_for_update(skip_locked=True)).all()
        keys = {row.seq: row.batch_id for row in due}
        fresh = [row for row in due if row.batch_id is None]
        reasons: dict[int, str] = {}
        sizes: dict[int, int] = {}
        for row in fresh:
            if not _intact(row.payload, row.item_key, kind):
                reasons[row.seq] = _("Bản ghi chờ gửi bị hỏng, không gửi được")
                continue
            sizes[row.seq] = payload_size(row.payload)
            if sizes[row.seq] > max_bytes:
                reasons[row.seq] = _(
                    "Bản ghi lớn {size} byte, vượt giới hạn {limit} byte của một lần gửi lên "
                    "hệ thống tỉnh").format(size=sizes[row.seq], limit=max_bytes)
        _change(session, [{"seq": seq, "state": FAILED, "last_error": reason}
                          for seq, reason in reasons.items()])
        sendable = [row for row in fresh if row.seq not in reasons]
        # A batch says once whether it updates dossiers the province already has.
        for group in ([r for r in sendable if r.version <= 1], [r for r in sendable if r.version > 1]):
            for part in _packed(group, sizes, max_items, max_bytes):
                key = str(uuid.uuid4())
                for row in part:
                    keys[row.seq] = key
        _change(session, [{"seq": row.seq, "batch_id": keys[row.seq]} for row in sendable])
        batches: dict[str, list[Waiting]] = {}
        for row in due:
            key = keys[row.seq]
            if key is not None and row.seq not in reasons:
                batches.setdefault(key, []).append(
                    Waiting(row.seq, row.id, row.item_key, row.version, row.payload))
    return Claimed([Batch(key, kind, rows) for key, rows in batches.items()], len(reasons))


def _packed(rows: Sequence[Any], sizes: dict[int, int], max_items: int,
            max_bytes: int) -> Iterable[list[Any]]:
    """Consecutive runs of rows within both caps (a comma between records counts too)."""
    part: list[Any] = []
    taken = 0
    for row in rows:
        size = sizes[row.seq] + 1
        if part and (len(part) == max_items or taken + size > max_bytes):
            yield part
            part, taken = [], 0
        part.append(row)
        taken += size
    if part:
        yield part


def _intact(payload: object, item_key: str, kind: str) -> bool:
    return (isinstance(payload, dict) and kind in IDENTITY
            and payload.get(IDENTITY[kind]) == item_key)


def _change(session: Session, changes: list[dict[str, Any]]) -> None:
    """Apply column changes to rows named by their seq, as one executemany."""
    if changes:
        session.execute(update(OutboxItem), changes)


def split(store: Store, batch: Batch) -> list[Batch]:
    """The province found the batch too large: its two halves go on under keys of their own
    (the province applied nothing under the old one)."""
    half = len(batch.rows) // 2
    halves = [Batch(str(uuid.uuid4()), batch.kind, rows)
              for rows in (batch.rows[:half], batch.rows[half:]) if rows]
    with store.write() as session:
        _change(session, [{"seq": row.seq, "batch_id": part.key}
                          for part in halves for row in part.rows])
    return halves


def files_due(store: Store, now: datetime) -> list[Waiting]:
    with store.read() as session:
        rows = session.execute(select(*_WAITING).where(
            OutboxItem.kind == FILE, _due(now)).order_by(OutboxItem.seq)).all()
        return [Waiting(*row) for row in rows]


def settle(store: Store, batch: Batch, answers: Sequence[tuple[Outcome, str]], now: datetime,
           wait: Wait) -> Settled:
    """Record the province's answer (outcome, message) for each row of a batch, in order."""
    counts = {"sent": 0, "conflicts": 0, "failed": 0, "postponed": 0}
    with store.write() as session, session.no_autoflush:
        # Rows settled meanwhile by another counter sharing this store are left as they are.
        still = dict(session.execute(select(OutboxItem.seq, OutboxItem.attempts).where(
            OutboxItem.seq.in_([row.seq for row in batch.rows]),
            OutboxItem.state == PENDING)).all())
        settled: list[dict[str, Any]] = []
        acknowledged: list[tuple[str, int]] = []
        for waiting, (outcome, message) in zip(batch.rows, answers, strict=True):
            if waiting.seq not in still:
                continue
            change: dict[str, Any] = {"seq": waiting.seq, "last_error": message}
            if outcome is Outcome.DEFERRED:
                attempts = still[waiting.seq] + 1
                # The province keeps its answer for the key; a new one is needed.
                change.update(attempts=attempts, batch_id=None,
                              next_attempt_at=now + timedelta(seconds=wait(attempts)))
                counts["postponed"] += 1
            elif outcome in _AT_PROVINCE:
                change.update(state=_STATES[outcome], sent_at=now)
                counts["sent"] += 1
                if batch.kind == DOSSIER:
                    acknowledged.append((waiting.item_key, waiting.version))
            else:
                change["state"] = _STATES[outcome]
                counts["conflicts" if outcome is Outcome.CONFLICT else "failed"] += 1
            settled.append(change)
        _change(session, settled)
        dossiers.mark_at_province(session, acknowledged)
    return Settled(**counts)


_AT_PROVINCE = (Outcome.ACCEPTED, Outcome.STALE)
_STATES = {Outcome.ACCEPTED: SENT, Outcome.STALE: SUPERSEDED, Outcome.CONFLICT: CONFLICT,
           Outcome.REJECTED: FAILED}


def mark_sent(store: Store, ids: Iterable[str], now: datetime) -> None:
    with store.write() as session:
        for row in _rows(session, ids):
            row.state, row.sent_at, row.last_error = SENT, now, ""


def postpone(store: Store, ids: Iterable[str], now: datetime, reason: str, wait: Wait) -> None:
    """Try these rows again later, after `wait(attempts)` seconds. The rows of a batch get one
    time, so that the batch is due again whole, under its key."""
    with store.write() as session:
        rows = _rows(session, ids)
        if not rows:
            return
        attempts = max(row.attempts for row in rows) + 1
        next_attempt_at = now + timedelta(seconds=wait(attempts))
        for row in rows:
            row.attempts, row.next_attempt_at, row.last_error = attempts, next_attempt_at, reason


def hold(store: Store, ids: Iterable[str], until: datetime, reason: str) -> None:
    """Keep these rows queued without counting an attempt: the province does not take their
    kind yet, which no retry of theirs can change."""
    with store.write() as session:
        for row in _rows(session, ids):
            row.next_attempt_at, row.last_error = until, reason


def fail(store: Store, ids: Iterable[str], reason: str) -> None:
    with store.write() as session:
        for row in _rows(session, ids):
            row.state, row.last_error = FAILED, reason


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


# --- a technician's retry ---------------------------------------------------------------------


@dataclass(frozen=True)
class Retried:
    due_now: int  # waiting rows brought forward to the next run
    requeued: int  # refused rows back in the queue, under a new Idempotency-Key
    resent: int  # dossiers in conflict queued again as a new version of the counter's copy
    superseded: int  # refused or conflicting versions of a dossier that a newer one replaces
    left: int  # conflicts that sending again cannot settle (a progress row held otherwise)


def retry(store: Store, actor: Actor) -> Retried:
    """Send again now what the province refused or holds otherwise; what waits for its next
    attempt goes at the next run instead."""
    require(actor, "settings.devices")
    requeued = resent = superseded = left = 0
    with store.write() as session:
        brought = session.execute(
            update(OutboxItem).where(OutboxItem.state == PENDING,
                                     OutboxItem.next_attempt_at.is_not(None))
            .values(next_attempt_at=None))
        newest = dict(session.execute(
            select(OutboxItem.item_key, func.max(OutboxItem.version))
            .where(OutboxItem.kind == DOSSIER, OutboxItem.state.in_((PENDING, SENT)))
            .group_by(OutboxItem.item_key)).all())
        stuck = session.scalars(select(OutboxItem).where(
            OutboxItem.state.in_((FAILED, CONFLICT))).order_by(OutboxItem.seq)).all()
        for row in stuck:
            if row.kind == DOSSIER and newest.get(row.item_key, 0) > row.version:
                row.state = SUPERSEDED
                superseded += 1
            elif row.state == FAILED:
                row.state, row.attempts, row.next_attempt_at = PENDING, 0, None
                row.batch_id = None  # the province keeps its refusal for the old key
                requeued += 1
            elif row.kind == DOSSIER and (version := _resend(session, actor, row)):
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
    row.state = SUPERSEDED
    dossier.version += 1
    session.flush()
    dossiers.queue_for_province(session, dossier, None)
    audit.record(session, actor, "dossier.province_resend", dossier.code,
                 {"version": dossier.version, "conflict": row.last_error})
    return dossier.version


# --- reconciling ------------------------------------------------------------------------------


def requeue_missing(store: Store, held: dict[str, int], first_day: date, last_day: date) -> int:
    """Queue again the dossiers received in these days (in the province's zone) that the
    province lacks or holds at a lower version than `held` says, with their files and progress
    rows; returns how many dossiers."""
    start = datetime.combine(first_day, time.min, LOCAL_ZONE)
    end = datetime.combine(last_day + timedelta(days=1), time.min, LOCAL_ZONE)
    requeued = 0
    with store.write() as session:
        agency = settings.get_in(session, "agency.code")
        waiting = set(session.scalars(select(OutboxItem.item_key).where(
            OutboxItem.kind == DOSSIER, OutboxItem.state == PENDING)))
        found = session.scalars(select(Dossier).where(
            Dossier.agency_code == agency, Dossier.received_at >= start,
            Dossier.received_at < end)).all()
        for dossier in found:
            province_version = held.get(dossier.code, 0)
            if province_version >= dossier.version or dossier.code in waiting:
                continue
            dossier.province_version = province_version
            dossiers.queue_for_province(session, dossier, None)
            shas = session.scalars(select(Attachment.sha256).where(
                Attachment.dossier_id == dossier.id)).all()
            uids = session.scalars(select(StatusChange.uid).where(
                StatusChange.dossier_id == dossier.id, StatusChange.source == "counter")).all()
            _send_again(session, FILE, shas)
            _send_again(session, PROGRESS, uids)
            requeued += 1
    return requeued


def _send_again(session: Session, kind: str, keys: Sequence[str]) -> None:
    """Queue again the payloads already sent for these keys, exactly as they were frozen."""
    sent = session.scalars(select(OutboxItem).where(
        OutboxItem.kind == kind, OutboxItem.item_key.in_(keys),
        OutboxItem.state == SENT).order_by(OutboxItem.seq)).all()
    latest = {row.item_key: row for row in sent}
    for key, row in latest.items():
        enqueue(session, kind, key, row.payload, version=row.version)


# --- what a technician looks at ---------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    kind: str  # dossier, progress, file, rating or visit
    dossier_code: str  # the dossier it belongs to, when the counter still knows it
    item_key: str  # MaHoSo, MaTienDo, the file's sha256, MaDanhGia or MaLuot
    version: int
    state: str
    attempts: int
    next_attempt_at: datetime | None
    reason: str  # the province's or the network's last word on it


@dataclass(frozen=True)
class QueueView:
    waiting: dict[str, int]  # kind → rows waiting to go
    next_attempt_at: datetime | None  # the earliest retry of a postponed row
    postponed: list[QueueItem]  # waiting after at least one failed attempt
    failed: list[QueueItem]
    conflicts: list[QueueItem]
    changes_set_aside: int = 0  # changes from the province the counter could not apply
    set_aside: "list[province_pulls.SetAside]" = field(default_factory=list)  # the newest of them


def queue_view(store: Store, actor: Actor, *, limit: int = 500) -> QueueView:
    """The queue's counts, and at most `limit` rows of each list, oldest first."""
    require(actor, "sync.run")
    with store.read() as session:
        counts = dict(session.execute(
            select(OutboxItem.kind, func.count()).where(OutboxItem.state == PENDING)
            .group_by(OutboxItem.kind)).all())
        next_attempt = session.scalar(select(func.min(OutboxItem.next_attempt_at)).where(
            OutboxItem.state == PENDING, OutboxItem.attempts > 0))
        postponed = _items(session, limit, OutboxItem.state == PENDING,
                           or_(OutboxItem.attempts > 0, OutboxItem.last_error != ""))
        failed = _items(session, limit, OutboxItem.state == FAILED)
        conflicts = _items(session, limit, OutboxItem.state == CONFLICT)
    waiting = {kind: counts.get(kind, 0) for kind in (DOSSIER, PROGRESS, FILE)}
    waiting.update({kind: counts[kind] for kind in (RATING, VISIT) if kind in counts})
    set_aside_count, set_aside = province_pulls.set_aside_changes(store, actor, limit=limit)
    return QueueView(waiting, next_attempt, postponed, failed, conflicts, set_aside_count,
                     set_aside)


def _items(session: Session, limit: int, *where: ColumnElement[bool]) -> list[QueueItem]:
    rows = session.scalars(select(OutboxItem).where(*where).order_by(OutboxItem.seq)
                           .limit(limit)).all()
    files = {row.item_key for row in rows if row.kind == FILE}
    owners = dict(session.execute(
        select(Attachment.sha256, Dossier.code).join(Dossier, Attachment.dossier_id == Dossier.id)
        .where(Attachment.sha256.in_(files))).all()) if files else {}
    return [QueueItem(row.kind, _dossier_code(row, owners), row.item_key, row.version, row.state,
                      row.attempts, row.next_attempt_at, row.last_error) for row in rows]


def _dossier_code(row: OutboxItem, owners: dict[str, str]) -> str:
    if row.kind == FILE:
        return owners.get(row.item_key, "")
    code = row.payload.get("MaHoSo") if isinstance(row.payload, dict) else None
    return code if isinstance(code, str) else ""
