"""The demo's dossiers lie in the past, their steps included."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from onestop import demo
from onestop.store.engine import open_store
from onestop.store.models import Dossier, StatusChange


def test_the_demo_shows_a_past_and_no_future(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        filled = demo.fill(store, tmp_path, dossiers=40, seed=3)
        now = datetime.now(UTC)
        with store.read() as session:
            received = session.scalars(select(Dossier.received_at)).all()
            steps = session.scalars(select(StatusChange.at)).all()
    finally:
        store.close()
    assert len(received) == filled.dossiers == 40
    assert len(steps) > len(received)
    assert max([*received, *steps]) <= now
