"""Six counters calling at the same moment, each in its own process: every ticket is called
exactly once, and within a field in the order the tickets were taken."""

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from onestop import queue, queue_office
from onestop.roles import SYSTEM
from onestop.store.queue_models import QueueCall, QueueTicket
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house

WORKER = Path(__file__).with_name("calling_worker.py")
ROOT = Path(__file__).resolve().parents[3]
COUNTERS = [f"Q{n}" for n in range(1, 7)]
FIELDS = ("HT", "CT", "CTR")


def _spawn(office: Office, counter: str, go: Path) -> subprocess.Popen[str]:
    url = "" if office.store.is_sqlite else office.store.engine.url.render_as_string(
        hide_password=False)
    return subprocess.Popen([sys.executable, str(WORKER), str(office.store.attachments_dir.parent),
                             url, counter, str(go)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_six_counters_calling_at_once_call_every_ticket_once_in_order(office: Office,
                                                                     tmp_path: Path) -> None:
    open_front_of_house(office.store)
    for number, code in enumerate(COUNTERS, start=1):
        queue_office.set_counter(office.store, SYSTEM, code, f"Quầy {number}", number, FIELDS)
    taken = [queue.take(office.store, FIELDS[i % 3]) for i in range(72)]
    go = tmp_path / "go"
    workers = [_spawn(office, counter, go) for counter in COUNTERS]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    go.touch()  # every counter is ready: all call from the same moment on
    printed: list[str] = []
    for worker in workers:
        out, _ = worker.communicate(timeout=240)
        assert worker.returncode == 0
        printed += out.split()
    assert sorted(printed) == sorted(t.uid for t in taken)
    with office.store.read() as session:
        calls = session.execute(select(QueueTicket.field_code, QueueTicket.number, QueueCall.counter_code)
                                .join(QueueCall, QueueCall.ticket_id == QueueTicket.id)
                                .order_by(QueueCall.id)).all()
    assert len(calls) == 72
    in_call_order: dict[str, list[int]] = defaultdict(list)
    for field, number, _counter in calls:
        in_call_order[field].append(number)
    assert all(numbers == list(range(1, 25)) for numbers in in_call_order.values()), in_call_order
    # Every counter took part: the calls were really made at the same time.
    assert len({counter for _f, _n, counter in calls}) > 1
