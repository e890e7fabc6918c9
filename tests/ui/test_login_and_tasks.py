"""Login keeps each user's language; background work comes back on the main thread; the serial
scanner reads whole codes."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from onestop import i18n, users
from onestop.errors import DomainError
from tests.conftest import PASSWORD, Office
from tests.ui.conftest import ID_CARD, release
from ui.counter_app import CounterApp
from ui.scanner.key_bursts import BurstTiming, BurstTracker
from ui.scanner.serial_reader import SerialQrPort
from ui.scanner.wedge_filter import WedgeScannerFilter
from ui.tasks import Call, ReportingCall, TaskManager, Work


def log_in(qtbot: QtBot, data: Path, language: str | None) -> CounterApp:
    counter = CounterApp(data, None)
    counter.start()
    qtbot.addWidget(counter.login.view)
    qtbot.waitUntil(lambda: counter.tasks.store is not None)
    view = counter.login.view
    if language is not None:
        view.language.setCurrentIndex(view.language.findData(language))
        view.language.activated.emit(view.language.currentIndex())
    view.username.setText("canbo")
    view.password.setText(PASSWORD)
    view.submit.click()
    qtbot.waitUntil(lambda: counter.window is not None, timeout=10_000)
    return counter


def close(counter: CounterApp) -> None:
    assert counter.window is not None
    counter.window.close()
    counter.shut_down()
    release(counter)


def test_the_language_chosen_at_login_is_kept_for_that_user(
        qtbot: QtBot, ui_office: Office, tmp_path: Path) -> None:
    counter = log_in(qtbot, tmp_path / "data", "en")
    assert i18n.language() == "en"
    qtbot.waitUntil(lambda: _language_of(ui_office) == "en")
    close(counter)
    i18n.set_language("vi")
    counter = log_in(qtbot, tmp_path / "data", None)
    assert i18n.language() == "en"
    close(counter)


def test_a_wrong_password_is_refused_at_login(qtbot: QtBot, ui_office: Office,
                                              tmp_path: Path) -> None:
    counter = CounterApp(tmp_path / "data", None)
    counter.start()
    qtbot.addWidget(counter.login.view)
    qtbot.waitUntil(lambda: counter.tasks.store is not None)
    counter.login.view.username.setText("canbo")
    counter.login.view.password.setText("khong-dung")
    counter.login.view.submit.click()
    qtbot.waitUntil(lambda: counter.login.view.error.text() != "", timeout=10_000)
    assert counter.window is None
    counter.shut_down()
    release(counter)


def _language_of(office: Office) -> str:
    return users.get_user(office.store, "canbo").language


@dataclass
class WhereItRan:
    label: str = ""

    def run(self, work: Work) -> str:
        work.report("half way")
        return threading.current_thread().name


@dataclass
class Refused:
    label: str = ""

    def run(self, work: Work) -> None:
        raise DomainError("Không được")


def test_results_and_reports_come_back_on_the_main_thread(qtbot: QtBot, tasks: TaskManager) -> None:
    seen: list[tuple[str, str]] = []
    tasks.run_device(WhereItRan(), lambda name: seen.append(("done", name)),
                     on_report=lambda value: seen.append(("report", value)))
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[0] == ("report", "half way")
    assert seen[1][1].startswith("onestop-io")
    with qtbot.waitSignal(tasks.failure_shown) as failed:
        tasks.run_database(Refused(), lambda _none: None)
    assert failed.args == ["Không được"]


def _pages(count: int, gate: threading.Event, report: Callable[[object], None]) -> int:
    for page in range(1, count + 1):
        report(page)
    gate.wait(10)
    return count


def test_a_screen_can_wait_for_its_work_and_let_its_result_go(qtbot: QtBot,
                                                                tasks: TaskManager) -> None:
    seen: list[object] = []
    gate = threading.Event()
    ticket = tasks.run_device(ReportingCall(_pages, 3, gate), seen.append, on_report=seen.append)
    assert not ticket.wait(0.05)
    gate.set()
    assert ticket.wait(10)
    qtbot.waitUntil(lambda: not tasks.busy())
    assert seen == [1, 2, 3, 3]

    seen.clear()
    closing = tasks.run_database(Call(_pages, 2, gate, lambda _page: None), seen.append)
    closing.cancel()
    assert closing.wait(10)
    qtbot.waitUntil(lambda: not tasks.busy())
    assert seen == [], "a closed screen hears nothing of its work"


def test_a_serial_scanner_gives_whole_codes_with_vietnamese_intact() -> None:
    port = SerialQrPort("loop://", timeout=0.05)
    port.write(ID_CARD[:30].encode())
    assert port.read_code() is None
    port.write(ID_CARD[30:].encode() + b"\r\n")
    assert port.read_code() == ID_CARD
    port.close()


def test_key_timing_tells_a_scanner_from_a_person() -> None:
    tracker = BurstTracker(BurstTiming(max_gap=0.03, min_length=4, end_gap=0.1))
    steps = [tracker.key(0.005 * i) for i in range(5)]
    assert steps == ["hold", "hold", "hold", "burst", "burst"]
    tracker.reset()
    assert tracker.key(0.0) == "hold"
    assert tracker.gap_exceeded(0.1)


def test_a_burst_taken_late_by_a_busy_window_stays_whole(qtbot: QtBot) -> None:
    """The window system stamps each key as the scanner types it, 3 ms apart; the window takes
    them 80 ms apart because it was busy. The stamps decide: one burst, nothing in the field."""
    scanned: list[str] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    wedge = WedgeScannerFilter(lambda text: scanned.append(text) or True)
    QApplication.instance().installEventFilter(wedge)
    try:
        for number, char in enumerate("036190001234"):
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                key = QKeyEvent(kind, Qt.Key(ord(char)), Qt.KeyboardModifier.NoModifier, char)
                key.setTimestamp(1_000_000 + 3 * number)
                QApplication.sendEvent(field, key)
            time.sleep(0.08)
        qtbot.waitUntil(lambda: scanned != [])
    finally:
        QApplication.instance().removeEventFilter(wedge)
    assert scanned == ["036190001234"]
    assert field.text() == ""
