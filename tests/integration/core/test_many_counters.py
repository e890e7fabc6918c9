"""Several counters receiving at the same moment, and a counter killed in the middle of receiving."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from onestop.store.engine import integrity_ok
from onestop.store.models import AuditEntry, Dossier, OutboxItem, StatusChange
from tests.conftest import Office

WORKER = Path(__file__).with_name("receiving_worker.py")
ROOT = Path(__file__).resolve().parents[3]


def _spawn(office: Office, count: int, start_at: float) -> subprocess.Popen[str]:
    url = "" if office.store.is_sqlite else office.store.engine.url.render_as_string(
        hide_password=False)
    data_dir = office.store.attachments_dir.parent
    return subprocess.Popen([sys.executable, str(WORKER), str(data_dir), url, str(count),
                             str(start_at)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_four_counters_at_the_same_moment_never_share_a_code(office: Office) -> None:
    start_at = time.time() + 10
    workers = [_spawn(office, 15, start_at) for _ in range(4)]
    printed: list[str] = []
    for worker in workers:
        out, _ = worker.communicate(timeout=240)
        assert worker.returncode == 0
        printed += out.split()
    assert len(printed) == 60 and len(set(printed)) == 60
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in printed)
    assert numbers == list(range(1, 61))
    with office.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 60


def _codes_until_killed(worker: subprocess.Popen[str], kill_after: float) -> list[str]:
    """Read the codes the worker prints; once it is receiving, kill -9 it after kill_after s."""
    assert worker.stdout is not None
    printed: list[str] = []
    reader = threading.Thread(target=lambda: printed.extend(line.strip() for line in worker.stdout))
    reader.start()
    deadline = time.monotonic() + 120
    while len(printed) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(kill_after)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=60)
    reader.join(timeout=60)
    worker.stdout.close()
    return printed


@pytest.mark.parametrize("kill_after", [0.13, 0.71])
def test_killed_mid_loop_loses_nothing_it_printed(office: Office, kill_after: float) -> None:
    printed = _codes_until_killed(_spawn(office, 100_000, time.time()), kill_after)
    assert len(printed) >= 3, "the worker printed no code before it was killed"
    assert integrity_ok(office.store)
    with office.store.read() as session:
        stored = {code: dossier_id for code, dossier_id in
                  session.execute(select(Dossier.code, Dossier.id)).all()}
        assert len(stored) >= len(printed)
        assert set(printed) <= set(stored)
        for code in printed:
            dossier_id = stored[code]
            assert session.scalar(select(func.count()).select_from(StatusChange)
                                  .where(StatusChange.dossier_id == dossier_id)) == 1
            assert session.scalar(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.subject == code)) == 1
            assert session.scalar(select(func.count()).select_from(OutboxItem)
                                  .where(OutboxItem.item_key == code)) == 1
    assert len(set(printed)) == len(printed)
