"""The technician's scanner set-up against SANE's test backend, the loopback eSCL scanner, a real
store, and a handheld QR scanner on a serial port (pyserial's socket:// port on the loopback)."""

import socket
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from onestop import settings
from scanning.office_scanner import find_scanners
from tests.conftest import Office
from tests.integration.scanning.escl_server import EsclServer
from tests.ui.conftest import ID_CARD, release
from tests.ui.scanning.conftest import WAIT_MS
from ui.scanning.scanner_setup_screen import ScannerSetupScreen
from ui.tasks import TaskManager


def open_screen(qtbot: QtBot, tasks: TaskManager, office: Office,
                as_officer: bool = False) -> ScannerSetupScreen:
    screen = ScannerSetupScreen(tasks, office.officer if as_officer else office.technician,
                                find=partial(find_scanners, 0.2, ["127.0.0.1"]))
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.settings_loaded, timeout=WAIT_MS):
        pass
    return screen


@pytest.fixture
def screen(qtbot: QtBot, tasks: TaskManager, sane_office: Office) -> Iterator[ScannerSetupScreen]:
    opened = open_screen(qtbot, tasks, sane_office)
    yield opened
    opened.shut_down()
    release(opened)


def test_the_office_s_scanner_is_shown_asked_and_trial_scanned(
        qtbot: QtBot, screen: ScannerSetupScreen) -> None:
    v = screen.view
    assert screen.device() == "test:0" and v.resolution.currentData() == 150
    with qtbot.waitSignal(screen.scanners_found, timeout=WAIT_MS) as found:
        v.search.click()
    assert found.args[0] >= 2
    assert v.device.findData("test:1") >= 0 and screen.device() == "test:0"
    assert "Noname frontend-tester" in v.device.currentText()
    with qtbot.waitSignal(screen.scanner_checked, timeout=WAIT_MS) as checked:
        v.device.setCurrentIndex(v.device.findData("test:1"))
    assert checked.args[0].startswith("Máy quét có: mặt kính, khay nạp.")
    assert not v.duplex.isEnabled()
    with qtbot.waitSignal(screen.trial_scanned, timeout=WAIT_MS) as trial:
        v.trial.click()
        assert not v.trial.isEnabled()
    scanned, words = trial.args
    assert scanned and words.startswith("Quét thử được một trang:") and "150 dpi" in words
    assert not v.trial_picture.pixmap().isNull()


def test_a_network_scanner_typed_in_is_asked_and_saved_with_the_defaults(
        qtbot: QtBot, screen: ScannerSetupScreen, sane_office: Office, escl: EsclServer,
        tmp_path: Path) -> None:
    v = screen.view
    v.address.setText("127.0.0.1:1:2")
    v.add_address.click()
    assert "không hợp lệ" in v.found.text()
    v.address.setText(f"127.0.0.1:{escl.port}")
    with qtbot.waitSignal(screen.scanner_checked, timeout=WAIT_MS) as checked:
        v.add_address.click()
    assert "khay nạp hai mặt" in checked.args[0] and v.duplex.isEnabled()
    assert screen.device() == escl.base_url
    v.source.setCurrentIndex(v.source.findData("feeder"))
    v.duplex.setChecked(True)
    v.resolution.setCurrentIndex(v.resolution.findData(300))
    v.mode.setCurrentIndex(v.mode.findData("bilevel"))
    v.watch_folder.setText(str(tmp_path))
    v.qr_mode.setCurrentIndex(v.qr_mode.findData("serial"))
    v.qr_port.setEditText("COM3")
    with qtbot.waitSignal(screen.settings_saved, timeout=WAIT_MS):
        v.save.click()
    with sane_office.store.read() as session:
        saved = settings.all_values_in(session)
    assert {key: saved[key] for key in saved if key.startswith(("scanner.", "qr_scanner."))} == {
        "scanner.device": escl.base_url, "scanner.source": "feeder", "scanner.duplex": True,
        "scanner.resolution": 300, "scanner.mode": "bilevel", "scanner.watch_folder": str(tmp_path),
        "qr_scanner.mode": "serial", "qr_scanner.port": "COM3"}


def test_an_officer_cannot_change_the_scanner(qtbot: QtBot, tasks: TaskManager, sane_office: Office) -> None:
    screen = open_screen(qtbot, tasks, sane_office, as_officer=True)
    try:
        screen.view.resolution.setCurrentIndex(screen.view.resolution.findData(300))
        screen.view.save.click()
        qtbot.waitUntil(lambda: "không có quyền cài đặt máy in, máy quét" in screen.view.state.text(),
                        timeout=WAIT_MS)
    finally:
        screen.shut_down()
        release(screen)
    with sane_office.store.read() as session:
        assert settings.get_in(session, "scanner.resolution") == 150


def test_the_keyboard_qr_test_shows_the_card_or_why_not(qtbot: QtBot, screen: ScannerSetupScreen) -> None:
    v = screen.view
    assert not v.qr_port.isEnabled()
    v.qr_test.setText(ID_CARD)
    with qtbot.waitSignal(screen.qr_code_read, timeout=WAIT_MS) as read:
        qtbot.keyClick(v.qr_test, "\r")
    assert read.args[0].startswith("Đọc được thẻ: Nguyễn Thị Hoà, số 001185012345, sinh ngày 15/03/1985")
    v.qr_test.setText(ID_CARD.replace("Nguyễn Thị Hoà", "NguyÃªn Thá»‹ HoÃ"))
    with qtbot.waitSignal(screen.qr_code_read, timeout=WAIT_MS) as read:
        qtbot.keyClick(v.qr_test, "\r")
    assert "NguyÃªn" in read.args[0] and read.args[0].endswith("chế độ cổng nối tiếp (COM).")
    v.qr_test.setText("001185012345|mangled")
    with qtbot.waitSignal(screen.qr_code_read, timeout=WAIT_MS) as read:
        qtbot.keyClick(v.qr_test, "\r")
    assert "QR" in read.args[0] and v.qr_result.text() == read.args[0]


@pytest.fixture
def serial_scanner() -> Iterator[tuple[str, threading.Event]]:
    """A handheld scanner in serial mode behind pyserial's socket:// port: once the screen
    listens, it sends an ID card every tenth of a second until told to stop (pyserial empties
    the port as it opens it, so a first one may be lost)."""
    server = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def serve() -> None:
        connection, _address = server.accept()
        with connection:
            while not done.wait(0.1):
                try:
                    connection.sendall(ID_CARD.encode("utf-8") + b"\r\n")
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"socket://127.0.0.1:{server.getsockname()[1]}", done
    done.set()
    thread.join()
    server.close()


def test_a_serial_qr_scanner_is_heard_in_vietnamese(
        qtbot: QtBot, screen: ScannerSetupScreen, serial_scanner: tuple[str, threading.Event]) -> None:
    port, done = serial_scanner
    v = screen.view
    v.qr_mode.setCurrentIndex(v.qr_mode.findData("serial"))
    v.qr_port.setEditText(port)
    v.qr_baud.setCurrentIndex(v.qr_baud.findData(115200))
    with qtbot.waitSignal(screen.qr_code_read, timeout=WAIT_MS) as read:
        v.qr_listen.click()
    assert "Nguyễn Thị Hoà" in read.args[0] and v.qr_test.text() == ID_CARD
    v.qr_listen.click()
    done.set()
    qtbot.waitUntil(lambda: not v.qr_listen.isChecked(), timeout=WAIT_MS)


def test_a_serial_port_that_is_not_there_is_said(qtbot: QtBot, screen: ScannerSetupScreen) -> None:
    v = screen.view
    v.qr_mode.setCurrentIndex(v.qr_mode.findData("serial"))
    v.qr_port.setEditText("socket://127.0.0.1:1")
    v.qr_listen.click()
    qtbot.waitUntil(lambda: "Không mở được cổng" in v.qr_result.text(), timeout=WAIT_MS)
    assert not v.qr_listen.isChecked()


def wheel_over(widget: QWidget, steps: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_passing_over_a_combo_changes_nothing(qtbot: QtBot, screen: ScannerSetupScreen) -> None:
    combo = screen.view.qr_mode
    before = combo.currentIndex()
    screen.view.qr_test.setFocus()
    wheel_over(combo)
    assert combo.currentIndex() == before
    assert not screen.has_unsaved_changes()


def test_what_a_search_found_is_said_under_its_button(qtbot: QtBot, screen: ScannerSetupScreen) -> None:
    with qtbot.waitSignal(screen.scanners_found, timeout=WAIT_MS):
        screen.view.search.click()
    assert "máy quét" in screen.view.found.text()
    assert screen.view.state.text() == ""


def test_closing_with_unsaved_changes_asks_first(qtbot: QtBot, screen: ScannerSetupScreen) -> None:
    screen.show()
    screen.view.resolution.setCurrentIndex(screen.view.resolution.findData(300))
    screen.close()
    assert screen.isVisible()
    question = screen.unsaved_question
    assert question is not None and question.isVisible()
    question.stay.click()
    assert screen.isVisible() and screen.has_unsaved_changes()
    screen.close()
    question = screen.unsaved_question
    assert question is not None
    with qtbot.waitSignal(screen.settings_saved, timeout=WAIT_MS):
        question.save.click()
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=WAIT_MS)
