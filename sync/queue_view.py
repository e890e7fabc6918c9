"""The queue to the province as a technician looks at it: what waits and why it has not gone
yet, what the province refused with its reason, and the conflicts."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from onestop import outbox
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Attachment, Dossier, OutboxItem


@dataclass(frozen=True)
class QueueItem:
    kind: str  # dossier, progress or file
    dossier_code: str  # the dossier it belongs to, when the counter still knows it
    item_key: str  # MaHoSo, MaTienDo or the file's sha256
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


def queue_view(store: Store, actor: Actor, *, limit: int = 500) -> QueueView:
    """The queue's counts, and at most `limit` rows of each list, oldest first."""
    require(actor, "sync.run")
    with store.read() as session:
        counts = dict(session.execute(
            select(OutboxItem.kind, func.count()).where(OutboxItem.state == outbox.PENDING)
            .group_by(OutboxItem.kind)).all())
        next_attempt = session.scalar(select(func.min(OutboxItem.next_attempt_at)).where(
            OutboxItem.state == outbox.PENDING, OutboxItem.attempts > 0))
        postponed = _items(session, limit, OutboxItem.state == outbox.PENDING,
                           OutboxItem.attempts > 0)
        failed = _items(session, limit, OutboxItem.state == outbox.FAILED)
        conflicts = _items(session, limit, OutboxItem.state == outbox.CONFLICT)
    waiting = {kind: counts.get(kind, 0) for kind in (outbox.DOSSIER, outbox.PROGRESS, outbox.FILE)}
    return QueueView(waiting, next_attempt, postponed, failed, conflicts)


def _items(session: Session, limit: int, *where: ColumnElement[bool]) -> list[QueueItem]:
    rows = session.scalars(select(OutboxItem).where(*where).order_by(OutboxItem.seq)
                           .limit(limit)).all()
    files = {row.item_key for row in rows if row.kind == outbox.FILE}
    owners = dict(session.execute(
        select(Attachment.sha256, Dossier.code).join(Dossier, Attachment.dossier_id == Dossier.id)
        .where(Attachment.sha256.in_(files))).all()) if files else {}
    return [QueueItem(row.kind, _dossier_code(row, owners), row.item_key, row.version, row.state,
                      row.attempts, row.next_attempt_at, row.last_error) for row in rows]


def _dossier_code(row: OutboxItem, owners: dict[str, str]) -> str:
    if row.kind == outbox.FILE:
        return owners.get(row.item_key, "")
    code = row.payload.get("MaHoSo") if isinstance(row.payload, dict) else None
    return code if isinstance(code, str) else ""
