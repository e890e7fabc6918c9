"""`onestop queue` as a script uses it: a real process on a real data dir."""

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from onestop.store.engine import DATABASE_FILE, open_store
from onestop.workdays import LOCAL_ZONE
from tests.conftest import PASSWORD, copy_audit_keys
from tests.integration.queue.front_of_house import open_front_of_house

ROOT = Path(__file__).resolve().parents[3]


def onestop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "launch.py", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "ONESTOP_PASSWORD": PASSWORD})


def test_take_call_and_read_the_board(office_template: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(office_template, data / DATABASE_FILE)
    copy_audit_keys(office_template.parent, data)
    store = open_store(data)
    open_front_of_house(store)
    store.close()
    d = ("--data-dir", str(data))
    officer, supervisor = ("--user", "canbo"), ("--user", "lanhdao")

    taken = onestop("queue", "take", "HT", "--json", *d)
    assert taken.returncode == 0, taken.stderr
    ticket = json.loads(taken.stdout)
    assert (ticket["number"], ticket["label"], ticket["field_name"]) == (1, "A001", "Hộ tịch")
    assert onestop("queue", "take", "ct", *d).stdout.splitlines()[1] == "label: B001"

    called = onestop("queue", "call", "--counter", "Q1", "--json", *officer, *d)
    assert called.returncode == 0, called.stderr
    assert (json.loads(called.stdout)["number"], json.loads(called.stdout)["counter_number"]) == (1, 1)

    shown = json.loads(onestop("queue", "board", "--json", *d).stdout)
    assert [c["serving"] for c in shown["counters"]] == ["A001", None, None]
    assert {w["code"]: w["waiting"] for w in shown["waiting"]}["CT"] == 1

    assert onestop("queue", "call", "--counter", "Q1", *officer, *d).returncode == 0
    empty = onestop("queue", "call", "--counter", "Q1", *officer, *d)
    assert empty.returncode == 2
    assert empty.stderr.strip() == "Không còn ai chờ ở các lĩnh vực của quầy Q1."
    assert onestop("queue", "take", "XYZ", *d).returncode == 2

    today = datetime.now(LOCAL_ZONE).date().isoformat()
    figures = json.loads(onestop("queue", "figures", "--from", today, "--to", today, "--json",
                                 *supervisor, *d).stdout)
    assert (figures["tickets"], figures["advice_only"]) == (2, 1)
    assert [row["code"] for row in figures["by_counter"]] == ["Q1"]
    index = json.loads(onestop("queue", "index", "--json", *supervisor, *d).stdout)
    assert set(index) == {"today", "month", "year"}
    assert index["today"]["ratings"] == 0
