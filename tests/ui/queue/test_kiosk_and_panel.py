"""The kiosk prints tickets by touch and by key, offers a reprint when printing failed; the call
panel calls, calls again, sends on and finishes."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from onestop import queue, settings
from onestop.citizen_view import citizen_view
from onestop.queue_office import list_counters
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house
from tests.ui.conftest import ID_CARD, SCANNER_GAP_MS, press, release, slips_in, type_text
from tests.ui.test_intake import log_in, pick_tick_and_save
from ui.counter_app import CounterApp
from ui.queue.call_panel import CallPanel, load_call_panel_setup
from ui.queue.citizen_screen import CitizenScreen
from ui.queue.kiosk_window import KioskWindow, load_kiosk_setup
from ui.tasks import TaskManager


@pytest.fixture
def front(ui_office: Office) -> Office:
    open_front_of_house(ui_office.store)
    return ui_office


@pytest.fixture
def kiosk(qtbot: QtBot, front: Office, tasks: TaskManager) -> Iterator[KioskWindow]:
    window = KioskWindow(tasks, load_kiosk_setup(front.store))
    qtbot.addWidget(window)
    window.show()
    yield window
    release(window)


def tickets_folder(office: Office) -> Path:
    return office.store.attachments_dir.parent / "tickets"


def test_a_touch_prints_a_ticket_and_a_number_key_another(qtbot: QtBot, front: Office,
                                                          kiosk: KioskWindow) -> None:
    assert [b.text() for b in kiosk.field_buttons] == [
        "1.  Hộ tịch", "2.  Chứng thực", "3.  Cư trú", "4.  Lĩnh vực khác"]
    with qtbot.waitSignal(kiosk.ticket_printed, timeout=10_000) as printed:
        qtbot.mouseClick(kiosk.field_buttons[0], Qt.MouseButton.LeftButton)
    assert printed.args[0].label == "A001"
    assert kiosk.number.text() == "Số của bạn: A001"
    with qtbot.waitSignal(kiosk.ticket_printed, timeout=10_000) as printed:
        press(kiosk.field_buttons[0], Qt.Key.Key_2, text="2")
    assert printed.args[0].label == "B001"
    assert "Có 0 người chờ trước bạn" in kiosk.message.text()
    assert [p.name.split("-so-")[1][:4] for p in slips_in(tickets_folder(front))] == ["A001", "B001"]


def test_a_ticket_whose_printing_failed_is_printed_again(qtbot: QtBot, front: Office,
                                                        kiosk: KioskWindow) -> None:
    folder = tickets_folder(front)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")  # the printer is unreachable: its folder cannot be made
    with qtbot.waitSignal(kiosk.ticket_taken, timeout=10_000):
        qtbot.mouseClick(kiosk.field_buttons[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(kiosk.reprint_button.isVisible, timeout=10_000)
    assert "Chưa in được phiếu số C001" in kiosk.message.text()
    folder.unlink()
    with qtbot.waitSignal(kiosk.ticket_printed, timeout=10_000) as printed:
        qtbot.mouseClick(kiosk.reprint_button, Qt.MouseButton.LeftButton)
    assert printed.args[0].label == "C001" and not kiosk.reprint_button.isVisible()
    assert len(slips_in(folder)) == 1
    # Reprinting took no second number.
    assert queue.take(front.store, "CTR").label == "C002"


def test_the_call_panel_calls_again_sends_and_finishes(qtbot: QtBot, front: Office,
                                                       tasks: TaskManager) -> None:
    for field in ("HT", "HT", "CT"):
        queue.take(front.store, field)
    counters = list_counters(front.store)
    panel = CallPanel(tasks, front.officer, counters[0], counters)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.again_button.isEnabled()
    with qtbot.waitSignal(panel.ticket_called, timeout=10_000):
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
    assert panel.number.text() == "Quầy 1: đang phục vụ số A001 (Hộ tịch)"
    with qtbot.waitSignal(panel.ticket_called, timeout=10_000) as again:
        qtbot.mouseClick(panel.again_button, Qt.MouseButton.LeftButton)
    assert again.args[0].label == "A001"
    panel.send_to.setCurrentIndex(panel.send_to.findData("Q2"))
    with qtbot.waitSignal(panel.visit_ended, timeout=10_000):
        qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert queue.call_next(front.store, front.officer, "Q2").label == "A001"
    with qtbot.waitSignal(panel.ticket_called, timeout=10_000) as called:
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
    assert called.args[0].label == "A002"
    with qtbot.waitSignal(panel.visit_ended, timeout=10_000) as ended:
        qtbot.mouseClick(panel.finish_button, Qt.MouseButton.LeftButton)
    assert ended.args[0].outcome == "HuongDan"
    with qtbot.waitSignal(panel.ticket_called, timeout=10_000):
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Không còn ai chờ" in panel.message.text(), timeout=10_000)
    release(panel)


def test_the_citizen_rates_the_visit_on_their_own_screen(qtbot: QtBot, front: Office,
                                                         tasks: TaskManager) -> None:
    setup = load_call_panel_setup(front.store)
    assert setup.counter is not None and setup.counter.code == "Q1"
    panel = CallPanel(tasks, front.officer, setup.counter, setup.counters)
    screen = CitizenScreen("UBND xã")
    qtbot.addWidget(panel)
    qtbot.addWidget(screen)
    panel.face_citizen(screen)
    queue.take(front.store, "HT")
    screen.show_citizen(citizen_view("Người Trước", "001185012345", "Chứng thực"))
    with qtbot.waitSignal(panel.ticket_called, timeout=10_000):
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
    # A new citizen at the counter: nothing of the one before stays on their screen.
    assert screen.pages.currentWidget() is screen.welcome and screen.details.text() == ""
    screen.ask_rating()
    with qtbot.waitSignal(panel.rating_saved, timeout=10_000) as saved:
        press(screen, Qt.Key.Key_1, text="1")
    assert (saved.args[0].ticket, saved.args[0].level, saved.args[0].officer) == ("A001", 4, "canbo")
    release(panel)
    release(screen)


def test_the_counter_window_calls_the_next_citizen_with_f12_from_the_intake(
        qtbot: QtBot, counter: CounterApp, front: Office) -> None:
    taken = queue.take(front.store, "HT")
    window = log_in(qtbot, counter)
    qtbot.waitUntil(lambda: window.call_panel is not None, timeout=10_000)
    assert window.intake is not None and window.stack.currentWidget() is window.intake.view
    assert "Gọi số" in [action.text() for action in window.navigation.actions()]
    qtbot.waitUntil(lambda: window.navigation.width() >= window.navigation.sizeHint().width())
    panel = window.call_panel
    assert panel is not None
    with qtbot.waitSignal(panel.ticket_called, timeout=10_000) as called:
        QTest.keyClick(window, Qt.Key.Key_F12)
    assert called.args[0].label == taken.label
    assert taken.label in window.status.currentMessage()
    assert window.stack.currentWidget() is window.intake.view, "calling keeps the officer's screen"
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert window.stack.currentWidget().isAncestorOf(panel)
    assert taken.label in panel.number.text()


def test_the_screen_facing_the_citizen_follows_the_intake_and_asks_for_a_rating(
        qtbot: QtBot, counter: CounterApp, front: Office) -> None:
    with front.store.write() as session:
        settings.put_in(session, front.technician, "queue.citizen_screen", 1)
    window = log_in(qtbot, counter)
    qtbot.waitUntil(lambda: window.citizen_screen is not None, timeout=10_000)
    screen, intake = window.citizen_screen, window.intake
    assert screen is not None and intake is not None
    type_text(ID_CARD, SCANNER_GAP_MS)
    qtbot.waitUntil(lambda: "001******345" in screen.details.text(), timeout=10_000)
    assert "001185012345" not in screen.details.text()
    assert "Nguyễn Thị Hoà" in screen.details.text()
    pick_tick_and_save(qtbot, intake)
    qtbot.waitUntil(lambda: "Giấy tờ đã nộp" in screen.details.text())
    qtbot.waitUntil(lambda: "Ngày hẹn trả" in screen.details.text())
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.rating, timeout=15_000)
