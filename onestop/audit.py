"""The audit log: every change that matters and every look at a citizen's personal data,
as a hash chain where each row seals the one before it."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.roles import Actor
from onestop.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _seal(entry_id: int, at: datetime, actor: str, action: str, subject: str,
          details: dict[str, Any], prev_hash: str) -> str:
    body = json.dumps(
        [entry_id, at.astimezone(UTC).isoformat(timespec="microseconds"), actor, action, subject,
         details, prev_hash],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(session: Session, actor: Actor, action: str, subject: str = "",
           details: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    """Add one row to the chain, inside the caller's transaction."""
    head = session.execute(select(AuditHead).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS)
        session.add(head)
    at = at or datetime.now(UTC)
    details = details or {}
    entry_id = head.last_id + 1
    digest = _seal(entry_id, at, actor.username, action, subject, details, head.last_hash)
    session.add(AuditEntry(id=entry_id, at=at, actor=actor.username, action=action,
                           subject=subject, details=details, prev_hash=head.last_hash,
                           hash=digest))
    head.last_id, head.last_hash = entry_id, digest


@dataclass(frozen=True)
class AuditBreak:
    entry_id: int
    problem: str


def verify(session: Session) -> list[AuditBreak]:
    """Walk the chain; each break names the row where it shows (changed, missing, out of order)."""
    breaks: list[AuditBreak] = []
    expected_prev, expected_id = GENESIS, 1
    for entry in _entries(session):
        if entry.id != expected_id:
            breaks.append(AuditBreak(expected_id, "missing"))
        if entry.prev_hash != expected_prev:
            breaks.append(AuditBreak(entry.id, "chain"))
        digest = _seal(entry.id, entry.at, entry.actor, entry.action, entry.subject,
                       entry.details, entry.prev_hash)
        if digest != entry.hash:
            breaks.append(AuditBreak(entry.id, "changed"))
        expected_prev, expected_id = entry.hash, entry.id + 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_id != expected_id - 1 or head.last_hash != expected_prev):
        breaks.append(AuditBreak(head.last_id, "missing"))
    return breaks


def _entries(session: Session) -> Iterator[AuditEntry]:
    yield from session.scalars(select(AuditEntry).order_by(AuditEntry.id).execution_options(
        yield_per=1000))
