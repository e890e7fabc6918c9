"""How quick the counter window is, next to a bare PySide6 window on the same machine.

    .venv/bin/python bench/bench_window.py [--dossiers 1000000] [--runs 5]

1. launch → interactive login window (painted and taking keys; a login typed meanwhile waits for
   the store), launch → the store open behind it, and login → intake screen (the real program
   under Xvfb, keyboard by xdotool; offscreen and login-free when those are missing), beside a
   bare window;
2. Ctrl+Enter → the slip handed to the printer service, in a store of N dossiers.
Keystrokes and seconds of whole journeys at the counter are bench_journeys.py's.
Figures are printed, never judged.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_journeys import ID_CARD, wait_until

ONESTOP = Path(sys.executable).with_name("onestop")
BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication(sys.argv[:1])
field = QLineEdit(); field.show(); field.setFocus()
while not field.isVisible() or not field.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
print("ready", flush=True)
"""


def start_display() -> tuple[dict[str, str], subprocess.Popen[bytes] | None]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None or shutil.which("xdotool") is None:
        return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}, None
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,),
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        display = f":{numbers.readline().strip()}"
    return {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}, server


def bare_window(env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", BARE_WINDOW], env=env, stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.terminate()
    child.wait(10)
    return elapsed


def wait_for(log: Path, event: str, timeout: float = 60) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            for line in log.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record["event"] == event:
                    return float(record["at"])
        time.sleep(0.002)
    raise TimeoutError(event)


def counter_window(env: dict[str, str], data: Path,
                   typing: bool) -> tuple[float, float, float | None, float | None]:
    """Launch → login window shown, → store open, login → intake, launch → intake; the login
    is typed as soon as the window shows, as an officer who knows the program would."""
    log = Path(tempfile.mkdtemp()) / "events.jsonl"
    started = time.time()
    child = subprocess.Popen([str(ONESTOP), "--data-dir", str(data)],
                             env={**env, "ONESTOP_EVENT_LOG": str(log)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        shown = wait_for(log, "login_shown") - started
        after_login = to_intake = None
        if typing:
            def xdotool(*arguments: str) -> None:
                subprocess.run(["xdotool", *arguments], env=env, check=True)

            xdotool("search", "--sync", "--onlyvisible", "--name", "OneStop", "windowfocus",
                    "--sync")
            xdotool("type", "--delay", "40", "canbo")
            xdotool("key", "Return")
            xdotool("type", "--delay", "40", "motcua2026")
            xdotool("key", "Return")
            intake = wait_for(log, "intake_ready")
            after_login = intake - wait_for(log, "login_submitted")
            to_intake = intake - started
        return shown, wait_for(log, "login_ready") - started, after_login, to_intake
    finally:
        child.terminate()
        child.wait(10)


def fill_many(store: object, count: int) -> None:
    """`count` dossiers copied from one received the ordinary way, in one SQL statement."""
    from sqlalchemy import text

    with store.write() as session:  # type: ignore[attr-defined]
        session.execute(text("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
            INSERT INTO dossiers (code, agency_code, counter_code, procedure_code, applicant_id,
                status, channel, result_delivery, sets, note, fees_total, received_at,
                counting_from, due_at, book_year, book_entry, received_by, version,
                province_version, search_text)
            SELECT 'BENCH-' || i, agency_code, counter_code, procedure_code, applicant_id,
                status, channel, result_delivery, sets, note, fees_total,
                datetime(received_at, '-' || i || ' minutes'), counting_from, due_at, 1999, i,
                received_by, version, province_version, search_text || ' ' || i
            FROM dossiers, n WHERE dossiers.id = (SELECT min(id) FROM dossiers)
        """), {"count": count})


def save_to_slip(dossiers_wanted: int, runs: int) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from onestop import users
    from onestop.demo import fill
    from onestop.store.engine import open_store
    from printing import print_queue_worker
    from printing.print_service import PrintOutcome
    from ui.main_window import MainWindow
    from ui.operations.counter_setup import LoadCounterSetup
    from ui.tasks import TaskManager

    app = QApplication.instance() or QApplication([])
    data = Path(tempfile.mkdtemp()) / "bench"
    store = open_store(data)
    fill(store, data, dossiers=1)
    if dossiers_wanted > 1:
        fill_many(store, dossiers_wanted - 1)
    tasks = TaskManager()
    tasks.use_store(store)
    with store.read() as session:
        officer = users.actor_named(session, "canbo")
    handed: list[float] = []

    def print_slip(slip: object, uri: str, **options: object) -> PrintOutcome:
        handed.append(time.perf_counter())
        return PrintOutcome(True, "bench")

    print_queue_worker.print_slip = print_slip  # type: ignore[assignment]
    setup = LoadCounterSetup().run(_work(store))
    window = MainWindow(tasks, officer, setup)
    window.show()
    intake = window.intake
    assert intake is not None
    wait_until(lambda: intake.view.procedure.model.rowCount() > 0)
    timings = []
    for _run in range(runs):
        intake.take_scan(ID_CARD)
        intake.view.procedure.search.setText("1.001193")
        intake.view.procedure.search.returnPressed.emit()
        for row in range(intake.view.checklist_model.rowCount()):
            intake.view.checklist_model.tick(row, True)
        before = len(handed)
        started = time.perf_counter()
        QTest.keyClick(intake.view.checklist, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
        wait_until(lambda count=before: len(handed) > count)
        timings.append(handed[-1] - started)
        wait_until(lambda: intake.view.procedure.model.rowCount() > 0)
    window.close()
    tasks.shut_down()
    store.close()
    window.deleteLater()
    tasks.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # type: ignore[attr-defined]
    return timings


def _work(store: object) -> object:
    import threading

    from ui.tasks import Work

    return Work(lambda _value: None, threading.Event(), store)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # Each figure goes out as soon as it is known, whatever happens at interpreter exit.
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    env, server = start_display()
    try:
        demo = Path(tempfile.mkdtemp()) / "demo"
        subprocess.run([str(ONESTOP), "demo", "--data-dir", str(demo)], check=True,
                       capture_output=True)
        bare = statistics.median(bare_window(env) for _ in range(args.runs))
        runs = [counter_window(env, demo, server is not None) for _ in range(args.runs)]
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
    shown = statistics.median(r[0] for r in runs)
    store_open = statistics.median(r[1] for r in runs)
    print(f"platform: {env['QT_QPA_PLATFORM']}, median of {args.runs}")
    print(f"bare PySide6 window, launch → shown:              {bare * 1000:7.0f} ms")
    print(f"OneStop, launch → interactive login window:        {shown * 1000:7.0f} ms "
          f"({shown / bare:.2f}× the bare window)")
    print(f"OneStop, launch → store open behind the login:     {store_open * 1000:7.0f} ms "
          f"({store_open / bare:.2f}× the bare window)")
    if runs[0][2] is not None:
        after = statistics.median(r[2] for r in runs if r[2] is not None)
        print(f"OneStop, login → intake screen ready:              {after * 1000:7.0f} ms")
        whole = statistics.median(r[3] for r in runs if r[3] is not None)
        print(f"OneStop, launch → intake, login typed at once:     {whole * 1000:7.0f} ms")
    started = datetime.now(UTC)
    timings = save_to_slip(args.dossiers, args.runs)
    print(f"store of {args.dossiers:,} dossiers filled in "
          f"{(datetime.now(UTC) - started).total_seconds():.0f} s")
    print(f"Ctrl+Enter → slip handed to the printer service: median "
          f"{statistics.median(timings) * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
