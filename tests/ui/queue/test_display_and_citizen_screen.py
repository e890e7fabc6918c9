"""The call display follows calls, speaks them, and finds its way back after
the database restarts; the citizen's screen shows only the citizen's own, masked, details and
takes the rating by touch or keypad."""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from announcing.announcer import Announcer
from announcing.voice import EspeakVoice
from onestop import queue, settings
from onestop.citizen_view import citizen_view
from onestop.roles import SYSTEM
from onestop.store.engine import Store, open_store
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house
from tests.machine import need_program
from tests.postgres_server import PostgresServer
from tests.ui.conftest import press, release
from ui.queue import citizen_screen
from ui.queue.board_feed import BoardFeed
from ui.queue.citizen_screen import CitizenScreen, show_facing_citizen
from ui.queue.display_window import CallDisplayWindow


class FolderSpeaker:
    """The hall's loudspeaker cannot exist here: each call it would play is kept as a file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def play(self, wav: Path) -> None:
        self.folder.mkdir(exist_ok=True)
        shutil.copy(wav, self.folder / f"{len(list(self.folder.iterdir())):03d}.wav")


def open_display(qtbot: QtBot, store: Store, announcer: Announcer | None) -> CallDisplayWindow:
    feed = BoardFeed(store)
    window = CallDisplayWindow(feed, announcer)
    qtbot.addWidget(window)
    window.show()
    feed.start()
    qtbot.waitUntil(lambda: "Q1" in window.serving, timeout=10_000)
    return window


def test_a_call_shows_and_is_spoken(qtbot: QtBot, ui_office: Office,
                                                    tmp_path: Path) -> None:
    need_program("espeak-ng")
    open_front_of_house(ui_office.store)
    queue.take(ui_office.store, "HT")
    window = open_display(qtbot, ui_office.store,
                          Announcer(EspeakVoice(), FolderSpeaker(tmp_path / "hall")))
    try:
        assert window.serving["Q1"].text() == "—"
        queue.call_next(ui_office.store, ui_office.officer, "Q1")
        qtbot.waitUntil(lambda: window.serving["Q1"].text() == "A001")
        assert window.latest.text() == "Mời công dân số A001 đến quầy số 1"
        assert list(window.spoken) == ["Mời công dân số A001 đến quầy số 1"]
        assert "Hộ tịch 0" in window.waiting.text()
        qtbot.waitUntil(lambda: len(list((tmp_path / "hall").glob("*.wav"))) == 1, timeout=30_000)
    finally:
        window.shut_down()
        release(window)


def test_with_the_voice_off_calls_show_but_are_not_spoken(qtbot: QtBot, ui_office: Office) -> None:
    open_front_of_house(ui_office.store)
    with ui_office.store.write() as session:
        settings.put_in(session, SYSTEM, "queue.announce", False)
    queue.take(ui_office.store, "CT")
    window = open_display(qtbot, ui_office.store, None)
    try:
        queue.call_next(ui_office.store, ui_office.officer, "Q3")
        qtbot.waitUntil(lambda: window.serving["Q3"].text() == "B001")
        assert list(window.spoken) == []
    finally:
        window.shut_down()
        release(window)


def test_the_display_comes_back_after_the_database_restarts(qtbot: QtBot, tmp_path: Path) -> None:
    server = PostgresServer()
    server.admin_url = ""  # a server of its own, which this test restarts
    server.start()
    store = open_store(tmp_path / "data", server.new_database())
    window: CallDisplayWindow | None = None
    try:
        open_front_of_house(store)
        queue.take(store, "HT")
        queue.take(store, "HT")
        window = open_display(qtbot, store, None)
        queue.call_next(store, SYSTEM, "Q1")
        qtbot.waitUntil(lambda: window is not None and window.serving["Q1"].text() == "A001",
                        timeout=5_000)
        assert server.folder is not None
        pg_ctl = shutil.which("pg_ctl") or str(next(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")))
        subprocess.run([*server._as_user, pg_ctl, "-D", str(server.folder / "data"), "-l",
                        str(server.folder / "log"), "-m", "immediate", "-w", "restart"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        queue.call_next(store, SYSTEM, "Q1")
        qtbot.waitUntil(lambda: window is not None and window.serving["Q1"].text() == "A002",
                        timeout=15_000)
        assert not window.link.isVisible()
    finally:
        if window is not None:
            window.shut_down()
            release(window)
        store.close()
        server.stop()


@pytest.fixture
def screen(qtbot: QtBot) -> Iterator[CitizenScreen]:
    shown = CitizenScreen("UBND xã Minh Khai")
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    release(shown)


def test_the_citizen_sees_their_details_with_the_id_number_masked(screen: CitizenScreen) -> None:
    assert screen.pages.currentWidget() is screen.welcome
    screen.show_citizen(citizen_view("Nguyễn Thị Hoà", "001185012345", "Đăng ký khai sinh",
                                     ("Tờ khai đăng ký khai sinh",)))
    shown = screen.details.text()
    assert "001185012345" not in shown and "001******345" in shown
    assert "Nguyễn Thị Hoà" in shown and "Tờ khai đăng ký khai sinh" in shown


def test_the_rating_by_keypad_and_by_touch(qtbot: QtBot, screen: CitizenScreen) -> None:
    screen.ask_rating()
    screen.reason_boxes["cho_lau"].setChecked(True)
    with qtbot.waitSignal(screen.rated) as rated:
        press(screen, Qt.Key.Key_3, text="3")
    assert rated.args == [2, ("cho_lau",)]
    assert screen.pages.currentWidget() is screen.thanks
    screen.ask_rating()
    assert not screen.reason_boxes["cho_lau"].isChecked()
    with qtbot.waitSignal(screen.rated) as rated:
        qtbot.mouseClick(screen.level_buttons[0], Qt.MouseButton.LeftButton)
    assert rated.args == [4, ()]


def test_the_screen_returns_to_welcome_when_idle(qtbot: QtBot, screen: CitizenScreen,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(citizen_screen, "IDLE_MS", 50)
    screen.show_citizen(citizen_view("Trần Văn Đức", "", "Chứng thực bản sao"))
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.welcome)
    assert screen.details.text() == ""


def test_the_screen_goes_to_the_monitor_the_setting_names(screen: CitizenScreen) -> None:
    screen.hide()
    assert not show_facing_citizen(screen, 0) and not screen.isVisible()
    assert not show_facing_citizen(screen, 9) and not screen.isVisible()
    assert show_facing_citizen(screen, 1) and screen.isFullScreen()
