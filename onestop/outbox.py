"""What waits for the province. Rows are added in the same transaction as the change they carry;
the sync room reads and marks them."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop.store.models import OutboxItem

DOSSIER, PROGRESS, FILE = "dossier", "progress", "file"
PENDING, SENT, FAILED, CONFLICT, SUPERSEDED = "pending", "sent", "failed", "conflict", "superseded"


def enqueue(session: Session, kind: str, item_key: str, payload: dict[str, Any],
            version: int = 0) -> None:
    session.add(OutboxItem(id=str(uuid.uuid4()), kind=kind, item_key=item_key, version=version,
                           payload=payload, created_at=datetime.now(UTC), state=PENDING,
                           attempts=0, last_error=""))


def waiting_count(session: Session) -> int:
    return session.scalar(
        select(func.count()).select_from(OutboxItem).where(OutboxItem.state == PENDING)
    ) or 0
