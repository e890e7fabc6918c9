"""The audit trail's head as the counter anchors it outside its store (sent to the province)."""

from dataclasses import dataclass

from sqlalchemy import func, select

from onestop.store.engine import Store
from onestop.store.models import AuditEntry


@dataclass(frozen=True)
class TrailHead:
    rows: int  # audit rows held
    digest: str  # the stored digest of the last row; empty for an empty trail


def trail_head(store: Store) -> TrailHead:
    with store.read() as session:
        rows = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        digest = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    return TrailHead(rows, digest or "")
