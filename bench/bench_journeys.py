"""Keystrokes and seconds for the counter's journeys, driven through the real window (the
program from its login window on, offscreen) with key events as a keyboard and a handheld QR
scanner send them, beside the figures measured before.

    .venv/bin/python bench/bench_journeys.py [--runs 3]

1. intake from an ID card: the QR burst, the procedure, the papers ticked, Ctrl+Enter;
2. intake typed by hand: name, ID number, birth date, sex, address, phone, then the same;
3. a supplement request: an ID card, a paper missing, Ctrl+Enter, the request chosen and saved;
4. a marriage typed in full right after a re-marriage (the officer's recent procedure);
5. correct and reprint: in the dossier's window Ctrl+E, Tab to the phone, retype it, Tab to the
   reason, type it (its ASCII letters, as Telex takes them), Ctrl+Enter;
6. return a result, the receipt scanned: F10, the receipt's code scanned, Enter, Ctrl+Enter;
7. return a result, the name typed: F10, the applicant's name typed without diacritics, Enter,
   Ctrl+Enter.

The officer types a procedure's words one letter at a time and takes the top offer with Enter as
soon as it is the one wanted. Keys the QR scanner sends are not the officer's and are not counted.
Each intake runs on a demo office with no dossier yet (the first time), then again (the procedure
now among the officer's recent ones); the dossier corrected or returned is received just before
each run, in a demo office of 300 dossiers. Seconds are from the first key (for the correction,
the dossier's window opening) to the journey's end (the dossier stored, the slip handed over, the
dossier's window closed), with the officer typing one key every 110 ms; "waiting" is the part of
it spent on the program rather than on typing; "to slip" is the median from the last key to the
slip handed to the printer service. Before the return screen, a result was returned as the
dossier window's bare status move, which kept neither the collector's ID number nor the fees: F3,
the receipt scanned into the search, Enter, the move's button, the collector's name typed, Enter
(14 keys). Figures are printed, never judged.

Another journey is one more `Journey(name, label, steps)` in a list given to `run_journeys`.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ID_CARD = "036190001234||Vũ Thị Lan|02021990|Nữ|Xóm 3, xã Minh Khai, Hưng Yên|10052022"
PHONE = "0912345679"
REASON = "go nham so dien thoai"  # typed in Telex: Gõ nhầm số điện thoại
NAME_TYPED = "xuan khiem"  # Trịnh Xuân Khiêm, without diacritics
PERSON_GAP_MS = 110
SCANNER_GAP_MS = 3
# Measured by this script on main before the procedure picker ranked the typed words first
# (same machine, median of 3): keys the first time / again, seconds the first time. The earlier
# figure in bench_window.py (8 / 2 keys for the ID card) counted the papers' keys by arithmetic.
BEFORE: dict[str, tuple[int | None, int | None, float | None]] = {
    "id_card": (13, 7, 2.84),
    "by_hand": (89, 83, 10.28),
    "supplement": (14, 8, 2.01),
    "marriage": (21, 21, 2.57),
    # the bare status move, the only way to return a result before the return screen
    "return_scanned": (14, 14, None),
    "return_typed": (14, 14, None),
}
# when the printer service was handed each slip, from time.perf_counter()
SLIPS_HANDED: list[float] = []


class Officer:
    """The counter window after a login, and a keyboard that counts the officer's keys."""

    def __init__(self, counter: Any, dossier: str | None = None) -> None:
        self.counter = counter
        # the dossier the officer has in hand, received before the journey
        self.dossier = dossier
        self.keys = 0
        self.typing_seconds = 0.0
        self.last_key_at = 0.0
        self.to_slip: float | None = None
        self._slips_before = len(SLIPS_HANDED)

    @property
    def intake(self) -> Any:
        return self.counter.window.intake

    def press(self, key: Any, modifiers: Any = None, text: str = "", gap_ms: int = PERSON_GAP_MS,
              stamp_ms: int = 0, to: Any = None) -> None:
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        widget = to or QApplication.focusWidget()
        assert widget is not None, "nothing has keyboard focus"
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, modifiers or Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(stamp_ms or round(time.monotonic() * 1000))
            QApplication.sendEvent(widget, event)
        if gap_ms:
            started = time.perf_counter()
            QTest.qWait(gap_ms)
            self.typing_seconds += time.perf_counter() - started

    def key(self, key: Any, modifiers: Any = None, text: str = "", to: Any = None) -> None:
        self.last_key_at = time.perf_counter()
        self.press(key, modifiers, text, to=to)
        self.keys += 1

    def slip_handed(self) -> None:
        """Waits for the slip handed to the printer service after the last key, and notes when."""
        wait_until(lambda: len(SLIPS_HANDED) > self._slips_before)
        self.to_slip = SLIPS_HANDED[-1] - self.last_key_at

    def type(self, text: str) -> None:
        for char in text:
            self.key(*_key_of(char))

    def scan_card(self, qr: str) -> None:
        """The handheld scanner's burst, stamped a few milliseconds apart and sent at once, as the
        window system hands over a burst it queued; not the officer's keys."""
        first = round(time.monotonic() * 1000)
        for number, char in enumerate(qr):
            self.press(*_key_of(char), gap_ms=0, stamp_ms=first + number * SCANNER_GAP_MS)
        number = qr.split("|")[0]
        wait_until(lambda: self.intake.view.applicant.id_number.text() == number)

    def pick(self, words: str, code: str) -> None:
        """Letters of `words` until `code` is the top offer (none if it is already), else Down to
        it once every word is typed, then Enter."""
        from PySide6.QtCore import Qt

        picker = self.intake.view.procedure
        for char in words:
            top = picker.model.procedure_at(0)
            if top is not None and top.code == code:
                break
            self.type(char)
        offered = [picker.model.procedure_at(row) for row in range(picker.model.rowCount())]
        place = next((row for row, p in enumerate(offered) if p is not None and p.code == code), None)
        if place is None:
            raise AssertionError(f"{code} is not offered after “{words}”")
        for _row in range(place):  # down the list to it
            self.key(Qt.Key.Key_Down)
        self.key(Qt.Key.Key_Return)

    def tick_papers(self, leave_out: int = 0) -> None:
        """Space on each mandatory paper handed in, Down to the next one; `leave_out` mandatory
        papers (the first ones) stay missing."""
        from PySide6.QtCore import Qt

        mandatory = [number for number, row in enumerate(self.intake.view.checklist_model.rows())
                     if row.item.mandatory][leave_out:]
        for number in range(max(mandatory, default=-1) + 1):
            if number:
                self.key(Qt.Key.Key_Down)
            if number in mandatory:
                self.key(Qt.Key.Key_Space, text=" ")

    def save(self, answer_box: bool = False) -> None:
        """Ctrl+Enter; `answer_box`: Enter on the question that comes up (its default button)."""
        from PySide6.QtCore import Qt, QTimer

        banner = self.intake.view.banner
        before = banner.text()
        if answer_box:
            QTimer.singleShot(50, self._answer_box)
        self.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if answer_box:
            self.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        # the banner naming the dossier saved, as the officer sees it
        wait_until(lambda: banner.text() != before and self.intake.view.applicant.full_name.text() == "")

    def _answer_box(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        box = QApplication.activeModalWidget()
        if box is None:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(20, self._answer_box)
            return
        # offscreen, the box never takes the focus from the window: the key goes to it directly
        self.key(Qt.Key.Key_Return, to=box)


def _key_of(char: str) -> tuple[Any, Any, str]:
    from PySide6.QtCore import Qt

    key = Qt.Key(ord(char.upper())) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
    shifted = char.isupper() or char == "|"
    return key, Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier, char


def id_card_intake(officer: Officer) -> None:
    officer.scan_card(ID_CARD)
    officer.pick("khai sinh", "1.001193")
    officer.tick_papers()
    officer.save()


def intake_typed_by_hand(officer: Officer) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    applicant = officer.intake.view.applicant
    for text in ("Trần Văn Bình", "001095012345", "05/07/1995", "N", "Thôn Đông, xã Minh Khai",
                 "0912345678"):
        officer.type(text)
        officer.key(Qt.Key.Key_Tab)
    wait_until(lambda: applicant.sex.currentText() != "")
    # on through e-mail to the procedure, as the officer would
    while QApplication.focusWidget() is not officer.intake.view.procedure.search:
        officer.key(Qt.Key.Key_Tab)
    officer.pick("khai sinh", "1.001193")
    officer.tick_papers()
    officer.save()


def remarriage_intake(officer: Officer) -> None:
    """What comes before each marriage: the officer's last dossier was a re-marriage."""
    officer.scan_card(ID_CARD)
    officer.pick("dang ky lai ket hon", "1.004746")
    officer.tick_papers()
    officer.save()


def marriage_after_a_remarriage(officer: Officer) -> None:
    officer.scan_card(ID_CARD)
    officer.pick("dang ky ket hon", "1.000894")
    officer.tick_papers()
    officer.save()


def supplement_request(officer: Officer) -> None:
    officer.scan_card(ID_CARD)
    officer.pick("khai sinh", "1.001193")
    officer.tick_papers(leave_out=1)
    officer.save(answer_box=True)


def received_for_correction(officer: Officer) -> str:
    return _received(officer, ready=False)


def received_result_ready(officer: Officer) -> str:
    return _received(officer, ready=True)


def _received(officer: Officer, ready: bool) -> str:
    from onestop import dossiers

    store, actor = officer.counter.tasks.store, officer.counter.actor
    code: str = dossiers.receive(store, actor, dossiers.Intake(
        "2.000815", dossiers.ApplicantInput("Trịnh Xuân Khiêm", phone="0912345678"))).code
    if ready:
        dossiers.transition(store, actor, code, "result_ready")
    return code


def correct_and_reprint(officer: Officer) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.dossiers.correction_dialog import CorrectionDialog

    ctrl = Qt.KeyboardModifier.ControlModifier
    dossier = officer.counter.window.open_dossier(officer.dossier)
    wait_until(lambda: dossier.view.isVisible() and dossier.view.correct.isEnabled())
    dossier.view.activateWindow()
    wait_until(dossier.view.isActiveWindow)
    officer.key(Qt.Key.Key_E, ctrl)
    wait_until(lambda: bool(dossier.view.findChildren(CorrectionDialog)))
    dialog = dossier.view.findChildren(CorrectionDialog)[0]
    wait_until(lambda: dialog.isActiveWindow() and dialog.papers_model.rowCount() > 0)
    for _tab in range(3):
        officer.key(Qt.Key.Key_Tab)
    officer.key(Qt.Key.Key_A, ctrl)
    officer.type(PHONE)
    for _tab in range(4):
        officer.key(Qt.Key.Key_Tab)
    assert dialog.reason.hasFocus(), QApplication.focusWidget()
    officer.type(REASON)
    officer.key(Qt.Key.Key_Return, ctrl)
    officer.slip_handed()
    wait_until(lambda: not officer.counter.tasks.busy())
    dossier.view.close()
    wait_until(lambda: not officer.counter.tasks.busy())


def return_with_receipt_scanned(officer: Officer) -> None:
    _return_result(officer, scanned=True)


def return_with_name_typed(officer: Officer) -> None:
    _return_result(officer, scanned=False)


def _return_result(officer: Officer, scanned: bool) -> None:
    from PySide6.QtCore import Qt

    from ui.returns.return_dialog import ReturnDialog

    window = officer.counter.window
    window.activateWindow()
    wait_until(window.isActiveWindow)
    officer.key(Qt.Key.Key_F10)
    returns = window.returns
    assert returns is not None and window.stack.currentWidget() is returns.view
    if scanned:
        window.take_scan(officer.dossier)  # the receipt's CODE128 or QR: no key of the officer's
    else:
        officer.type(NAME_TYPED)
    model = returns.view.model
    wait_until(lambda: model.rowCount() == 1 and model.result_at(0).code == officer.dossier)
    officer.key(Qt.Key.Key_Return)
    wait_until(lambda: any(d.isActiveWindow() for d in window.findChildren(ReturnDialog)))
    officer.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    officer.slip_handed()
    wait_until(lambda: not officer.counter.tasks.busy())


@dataclass(frozen=True)
class Journey:
    name: str
    label: str
    steps: Callable[[Officer], None]
    # done before each counted run, its keys not counted; a dossier it returns is the officer's
    before_each: Callable[[Officer], str | None] | None = None
    dossiers: int = 0  # the demo office's dossiers


JOURNEYS = (
    Journey("id_card", "intake from an ID card (QR burst)", id_card_intake),
    Journey("by_hand", "intake typed by hand", intake_typed_by_hand),
    Journey("supplement", "a supplement request", supplement_request),
    Journey("marriage", "a marriage, the last one a re-marriage", marriage_after_a_remarriage,
            before_each=remarriage_intake),
    Journey("correct", "correct the phone and reprint", correct_and_reprint,
            before_each=received_for_correction, dossiers=300),
    Journey("return_scanned", "return a result, receipt scanned", return_with_receipt_scanned,
            before_each=received_result_ready, dossiers=300),
    Journey("return_typed", "return a result, name typed", return_with_name_typed,
            before_each=received_result_ready, dossiers=300),
)


@dataclass(frozen=True)
class Run:
    keys: int
    seconds: float
    waiting: float
    to_slip: float | None


def wait_until(ready: Callable[[], bool], seconds: float = 30) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError
        QApplication.processEvents()


def open_counter(data: Path, username: str = "canbo", password: str = "motcua2026") -> Any:
    """The program at the counter on `data`, logged in through its login window."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.counter_app import CounterApp

    counter = CounterApp(data, None)
    counter.start()
    wait_until(lambda: counter.tasks.store is not None)
    view = counter.login.view
    QTest.keyClicks(view.username, username)
    QTest.keyClicks(view.password, password)
    QTest.keyClick(view.password, Qt.Key.Key_Return)
    wait_until(lambda: counter.window is not None and counter.window.intake is not None)
    wait_until(lambda: counter.window.intake.view.procedure.model.rowCount() > 0)
    return counter


def close_counter(counter: Any) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window = counter.window
    if window is not None:
        window.close()
    counter.shut_down()
    # the window goes too, lest a screen's timer (a search's typing pause) fire on the next office
    if window is not None:
        window.deleteLater()
    counter.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # type: ignore[arg-type]


def demo_office(dossiers: int) -> Path:
    """A demo office with its catalogue, accounts, virtual printer and `dossiers` dossiers."""
    from onestop.demo import fill
    from onestop.store.engine import open_store

    data = Path(tempfile.mkdtemp()) / "office"
    store = open_store(data)
    try:
        fill(store, data, dossiers=dossiers)
    finally:
        store.close()
    return data


def run_journey(journey: Journey, runs: int) -> list[Run]:
    """The journey `runs` times on a fresh office: the first run is the officer's first time."""
    counter = open_counter(demo_office(journey.dossiers))
    try:
        done = []
        for _run in range(runs):
            dossier = None if journey.before_each is None else journey.before_each(Officer(counter))
            officer = Officer(counter, dossier)
            started = time.perf_counter()
            journey.steps(officer)
            seconds = time.perf_counter() - started
            done.append(Run(officer.keys, seconds, seconds - officer.typing_seconds, officer.to_slip))
            wait_until(lambda: counter.window.intake.view.applicant.full_name.text() == "")
        return done
    finally:
        close_counter(counter)


def _shown(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.2f}{unit}" if isinstance(value, float) else f"{value}{unit}"


def note_slips_handed() -> None:
    """The printer service notes in SLIPS_HANDED when it is handed each slip, then prints it."""
    from printing import print_queue_worker
    from printing.print_service import print_slip

    def noted(*args: Any, **options: Any) -> Any:
        SLIPS_HANDED.append(time.perf_counter())
        return print_slip(*args, **options)

    print_queue_worker.print_slip = noted  # type: ignore[attr-defined]


def run_journeys(journeys: Sequence[Journey], runs: int,
                 before: dict[str, tuple[int | None, int | None, float | None]]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    note_slips_handed()
    print(f"{'journey':36} {'keys first/again':>16} {'before':>8}   {'s first':>7} {'before':>6} "
          f"{'waiting':>7} {'s again':>7} {'to slip':>7}")
    for journey in journeys:
        done = run_journey(journey, runs)
        first, again = done[0], done[1:]
        old_first, old_again, old_seconds = before.get(journey.name, (None, None, None))
        to_slip = [r.to_slip for r in done if r.to_slip is not None]
        print(f"{journey.label:36} {first.keys:>10}/{again[-1].keys:<5} "
              f"{_shown(old_first):>4}/{_shown(old_again):<4} {first.seconds:>8.2f} "
              f"{_shown(old_seconds):>6} {first.waiting:>7.2f} "
              f"{statistics.median(r.seconds for r in again):>7.2f} "
              f"{_shown(statistics.median(to_slip) if to_slip else None):>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    run_journeys(JOURNEYS, max(args.runs, 2), BEFORE)


if __name__ == "__main__":
    main()
