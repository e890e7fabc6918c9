"""Keystrokes and seconds for two counter journeys after receiving, in the counter window.

    .venv/bin/python bench/bench_return_journeys.py [--dossiers 300] [--runs 5]

1. correct and reprint: in the dossier's window Ctrl+E, Tab to the phone, retype it, Tab to the
   reason, type it, Ctrl+Enter → the corrected receipt handed to the printer service;
2. return a result: F10, the receipt's code scanned (or the applicant's name typed), Enter,
   Ctrl+Enter → the return confirmation handed to the printer service.
Keys are counted as the officer presses them (a reason typed in Telex counts its ASCII letters);
seconds run from the last key to the slip handed over. Figures are printed, never judged.
Baseline: a result returned before this screen, as the dossier window's bare status move that
kept neither the collector's ID number nor the fees: F3, the receipt scanned into the search,
Enter, the move's button, the collector's name typed, Enter.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_window import _wait, _work

PHONE = "0912345679"
REASON = "go nham so dien thoai"
NAME_TYPED = "xuan khiem"  # Trịnh Xuân Khiêm, without diacritics  # typed in Telex: Gõ nhầm số điện thoại


def journeys(dossiers_wanted: int, runs: int) -> dict[str, tuple[list[float], int]]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from onestop import dossiers, settings, users
    from onestop.demo import fill
    from onestop.roles import SYSTEM
    from onestop.store.engine import open_store
    from printing import print_queue_worker
    from printing.print_service import PrintOutcome
    from ui.dossiers.correction_dialog import CorrectionDialog
    from ui.main_window import MainWindow
    from ui.operations.counter_setup import LoadCounterSetup
    from ui.returns.return_dialog import ReturnDialog
    from ui.tasks import TaskManager

    app = QApplication.instance() or QApplication([])
    data = Path(tempfile.mkdtemp()) / "bench"
    store = open_store(data)
    fill(store, data, dossiers=dossiers_wanted)
    with store.write() as session:
        settings.put_in(session, SYSTEM, "printer.uri", f"virtual://{data / 'slips'}")
    with store.read() as session:
        officer = users.actor_named(session, "canbo")
    handed: list[float] = []

    def print_slip(slip: object, uri: str, **options: object) -> PrintOutcome:
        handed.append(time.perf_counter())
        return PrintOutcome(True, "bench")

    print_queue_worker.print_slip = print_slip  # type: ignore[assignment]
    tasks = TaskManager()
    tasks.use_store(store)
    window = MainWindow(tasks, officer, LoadCounterSetup().run(_work(store)))  # type: ignore[arg-type]
    window.show()
    window.activateWindow()
    _wait(app, window.isActiveWindow)

    def key(combination: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
            ) -> None:
        focus = QApplication.focusWidget()
        assert focus is not None
        QTest.keyClick(focus, combination, modifiers)
        app.processEvents()

    def typed(text: str) -> int:
        focus = QApplication.focusWidget()
        assert focus is not None
        QTest.keyClicks(focus, text)
        return len(text)

    def slip_after(last_key: object) -> float:
        before = len(handed)
        started = time.perf_counter()
        last_key()  # type: ignore[operator]
        _wait(app, lambda: len(handed) > before)
        return handed[-1] - started

    def a_dossier(ready: bool) -> str:
        code = dossiers.receive(store, officer, dossiers.Intake(
            "2.000815", dossiers.ApplicantInput("Trịnh Xuân Khiêm", phone="0912345678"))).code
        if ready:
            dossiers.transition(store, officer, code, "result_ready")
        return code

    correct: list[float] = []
    correct_keys = 0
    for _run in range(runs):
        dossier = window.open_dossier(a_dossier(ready=False))
        _wait(app, lambda d=dossier: d.view.isVisible() and d.view.correct.isEnabled())
        dossier.view.activateWindow()
        _wait(app, dossier.view.isActiveWindow)
        keys = 1
        key(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        _wait(app, lambda d=dossier: bool(d.view.findChildren(CorrectionDialog)))
        dialog = dossier.view.findChildren(CorrectionDialog)[0]
        _wait(app, lambda d=dialog: d.isActiveWindow() and d.papers_model.rowCount() > 0)
        for _tab in range(3):
            key(Qt.Key.Key_Tab)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        keys += 4 + typed(PHONE)
        for _tab in range(4):
            key(Qt.Key.Key_Tab)
        assert dialog.reason.hasFocus(), QApplication.focusWidget()
        keys += 4 + typed(REASON) + 1
        correct.append(slip_after(lambda: key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)))
        _wait(app, lambda: not tasks.busy())
        correct_keys = keys
        dossier.view.close()
        _wait(app, lambda: not tasks.busy())

    scanned: list[float] = []
    typed_by_name: list[float] = []
    name_keys = 0
    for run in range(2 * runs):
        code = a_dossier(ready=True)
        window.activateWindow()
        _wait(app, window.isActiveWindow)
        key(Qt.Key.Key_F10)
        returns = window.returns
        assert returns is not None
        if run % 2 == 0:
            window.take_scan(code)  # the receipt's CODE128 or QR: no key of the officer's
            keys = 1
        else:
            keys = 1 + typed(NAME_TYPED)
        assert window.stack.currentWidget() is returns.view
        _wait(app, lambda r=returns, c=code: r.view.model.rowCount() == 1
              and r.view.model.result_at(0).code == c)  # type: ignore[union-attr]
        key(Qt.Key.Key_Return)
        _wait(app, lambda: any(d.isActiveWindow() for d in window.findChildren(ReturnDialog)))
        keys += 2
        took = slip_after(lambda: key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
        (scanned if run % 2 == 0 else typed_by_name).append(took)
        if run % 2:
            name_keys = keys
        _wait(app, lambda: not tasks.busy())
    window.close()
    tasks.shut_down()
    store.close()
    window.deleteLater()
    tasks.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # type: ignore[attr-defined]
    return {"correct and reprint": (correct, correct_keys),
            "return a result, receipt scanned": (scanned, 3),
            "return a result, name typed": (typed_by_name, name_keys)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    baseline = 1 + 1 + 1 + len(NAME_TYPED) + 1
    print(f"store of {args.dossiers:,} dossiers, median of {args.runs}, offscreen")
    for journey, (timings, keys) in journeys(args.dossiers, args.runs).items():
        print(f"{journey:34s} {keys:3d} keys, last key → slip handed over: median "
              f"{statistics.median(timings) * 1000:5.0f} ms, worst {max(timings) * 1000:5.0f} ms")
    print(f"baseline, return as the bare status move (no collector's ID, no fees): {baseline} keys")


if __name__ == "__main__":
    main()
