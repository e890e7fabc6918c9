"""What the province acknowledged need not be kept in full: a sent dossier's payload holds the
citizen's personal data, and reconciling rebuilds a dossier from the store anyway, so only its
code and version stay. A progress row or file sent more than once keeps its newest payload,
the one reconciling sends again; earlier copies keep only their key."""

from sqlalchemy import Text, cast, func, select, update
from sqlalchemy.orm import Session

from onestop import outbox
from onestop.store.engine import Store
from onestop.store.models import OutboxItem

# The field that names an item, per kind, as the sync room reads it back.
_IDENTITY = {outbox.DOSSIER: "MaHoSo", outbox.PROGRESS: "MaTienDo"}
# Longer than any reduced payload (an item key is at most 100 characters).
_REDUCED_LENGTH = 160


def _reduced(kind: str, key: str, version: int) -> dict[str, object]:
    if kind == outbox.DOSSIER:
        return {"MaHoSo": key, "PhienBan": version}
    return {_IDENTITY[kind]: key} if kind in _IDENTITY else {}


def _prunable(session: Session) -> list[tuple[int, str, str, int]]:
    # A reduced payload is short; only longer ones are read, so a daily run over a store of
    # years reads what was acknowledged since the last run.
    candidates = session.execute(select(
        OutboxItem.seq, OutboxItem.kind, OutboxItem.item_key, OutboxItem.version,
        OutboxItem.state).where(
        OutboxItem.state.in_((outbox.SENT, outbox.SUPERSEDED)),
        func.length(cast(OutboxItem.payload, Text)) > _REDUCED_LENGTH)).all()
    newest_sent = {(kind, key): seq for kind, key, seq in session.execute(
        select(OutboxItem.kind, OutboxItem.item_key, func.max(OutboxItem.seq)).where(
            OutboxItem.state == outbox.SENT, OutboxItem.kind != outbox.DOSSIER)
        .group_by(OutboxItem.kind, OutboxItem.item_key))}
    return [(row.seq, row.kind, row.item_key, row.version) for row in candidates
            if row.kind == outbox.DOSSIER or row.state != outbox.SENT
            or newest_sent.get((row.kind, row.item_key)) != row.seq]


def prune_acknowledged(store: Store) -> int:
    """Empty the payloads the province no longer needs; returns how many rows were emptied."""
    with store.write() as session:
        chosen = _prunable(session)
        for seq, kind, key, version in chosen:
            session.execute(update(OutboxItem).where(OutboxItem.seq == seq).values(
                payload=_reduced(kind, key, version)))
    return len(chosen)
