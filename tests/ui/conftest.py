"""A counter window on a copy of the ready office (SQLite): the office's printer is a virtual one
whose slips land as PNG files in the test's folder."""

import gc
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QtMsgType
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from onestop import i18n, settings, users
from onestop.roles import SYSTEM
from onestop.store.engine import DATABASE_FILE, Store, open_store
from tests.conftest import Office, copy_audit_keys
from ui.counter_app import CounterApp
from ui.main_window import MainWindow
from ui.operations.counter_setup import CounterSetup, LoadCounterSetup
from ui.qt_words import speak_our_language
from ui.tasks import TaskManager, Work
from ui.theme import apply_theme
from ui.wheel_guard import guard_wheels

if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    # two counter monitors, 1366×768 and 1280×720, for the windows to be tried on
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('screens.json')}"

# what a wait for something that is to come gives a loaded machine (a parallel run on two cores),
# where pytest-qt's 5 s can run out; a passing test waits no longer for it
PATIENCE_MS = 60_000
ID_CARD = "001185012345|123456789|Nguyễn Thị Hoà|15031985|Nữ|Số 5 ngõ 12, phường Láng, Hà Nội|20042021"
SCANNER_GAP_MS = 3
PERSON_GAP_MS = 110


class PatientQtBot(QtBot):
    def waitUntil(self, callback: Callable[[], bool | None], *, timeout: int = PATIENCE_MS) -> None:
        super().waitUntil(callback, timeout=timeout)

    def waitSignal(self, signal: Any = None, *, timeout: int = PATIENCE_MS, **options: Any) -> Any:
        return super().waitSignal(signal, timeout=timeout, **options)

    def waitSignals(self, signals: Any = None, *, timeout: int = PATIENCE_MS, **options: Any) -> Any:
        return super().waitSignals(signals, timeout=timeout, **options)


@pytest.fixture
def qtbot(qapp: QApplication, request: pytest.FixtureRequest) -> QtBot:
    """pytest-qt's robot, with waits for what is to come that a loaded machine does not outlast."""
    return PatientQtBot(request)


@pytest.fixture
def ui_office(office_template: Path, tmp_path: Path) -> Iterator[Office]:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(office_template, data / DATABASE_FILE)
    copy_audit_keys(office_template.parent, data)
    store = open_store(data)
    with store.write() as session:
        settings.put_in(session, SYSTEM, "printer.uri", f"virtual://{tmp_path / 'slips'}")
    with store.read() as session:
        named = [users.actor_named(session, name) for name in ("canbo", "lanhdao", "kythuat", "quantri")]
    yield Office(store, *named)
    store.close()


@pytest.fixture(scope="session", autouse=True)
def counter_application(qapp: QApplication) -> None:
    """The application as the program sets it up: the counter's large type and style, which
    decide what fits, the wheel kept off unfocused combo boxes, Qt's own words in ours."""
    apply_theme(qapp)
    guard_wheels(qapp)
    speak_our_language(qapp)


# the offscreen platform cannot pass size hints to a window manager it does not have
_PLATFORM_NOISE = ("does not support propagateSizeHints",)


@pytest.fixture(autouse=True)
def nothing_goes_wrong_unseen(qtlog: Any, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every ui test fails on a warning from Qt and on an error logged by background work."""
    caplog.set_level(logging.WARNING)
    yield
    warned = [r.message for r in qtlog.records
              if r.type not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
              and not any(noise in r.message for noise in _PLATFORM_NOISE)]
    logged = [f"{r.name}: {r.getMessage()}" for r in caplog.get_records("call")
              if r.levelno >= logging.ERROR]
    assert not warned, f"Qt warned: {warned}"
    assert not logged, f"background work logged errors: {logged}"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    yield
    i18n.set_language("vi")


def task_manager(store: Store) -> Iterator[TaskManager]:
    """A task manager on `store`, shut down and let go of on the main thread afterwards."""
    manager = TaskManager()
    manager.use_store(store)
    yield manager
    manager.shut_down()
    release(manager)


@pytest.fixture
def counter(qtbot: QtBot, ui_office: Office, tmp_path: Path) -> Iterator[CounterApp]:
    """The program at the counter on the office's data, from its login window on."""
    app = CounterApp(tmp_path / "data", None)
    app.start()
    qtbot.addWidget(app.login.view)
    yield app
    if app.window is not None:
        app.window.close()
    app.shut_down()
    release(app)


@pytest.fixture
def tasks(ui_office: Office) -> Iterator[TaskManager]:
    yield from task_manager(ui_office.store)


def release(root: QObject) -> None:
    """Delete a test's Qt objects here, on the main thread, before the garbage collector
    would get to them from whatever thread it happens to run in."""
    root.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def officer_window(qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> Iterator[MainWindow]:
    """An officer's counter window, its intake's procedures listed."""
    window = MainWindow(tasks, ui_office.officer, counter_setup(ui_office.store))
    qtbot.addWidget(window)
    window.show()
    assert window.intake is not None
    qtbot.waitUntil(lambda: window.intake is not None
                    and window.intake.view.procedure.model.rowCount() > 0)
    yield window
    window.shut_down()
    qtbot.waitUntil(lambda: not tasks.busy())


def counter_setup(store: Store) -> CounterSetup:
    return LoadCounterSetup().run(Work(lambda _value: None, threading.Event(), store))


def slips_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.png")) if folder.exists() else []


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          text: str = "", stamp_ms: int = 0) -> None:
    """A key going through the application's event filters, as a keyboard's would; `stamp_ms` is
    the window system's time of the key (0: none, as for keys a program makes up)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, modifiers, text)
        event.setTimestamp(stamp_ms)
        QApplication.sendEvent(widget, event)


def type_text(text: str, gap_ms: int,
              target: Callable[[], QWidget | None] = QApplication.focusWidget) -> None:
    """Keys into whatever has focus, stamped `gap_ms` apart as the window system would stamp a
    keyboard's or scanner's keys, with the event loop running `gap_ms` in between."""
    first = round(time.monotonic() * 1000)
    for number, char in enumerate(text):
        widget = target()
        assert widget is not None, "nothing has keyboard focus"
        key = Qt.Key(ord(char.upper())) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        modifiers = Qt.KeyboardModifier.ShiftModifier if char.isupper() or char == "|" \
            else Qt.KeyboardModifier.NoModifier
        press(widget, key, modifiers, char, first + number * gap_ms)
        started = time.monotonic()
        QTest.qWait(gap_ms)
        assert time.monotonic() - started < 0.5, "the event loop stalled while typing"


@dataclass
class Keys:
    """Keystrokes the officer made, counted for the keyboard-first promise."""

    count: int = 0

    def click(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              text: str = "") -> None:
        widget = QApplication.focusWidget()
        assert widget is not None
        press(widget, key, modifiers, text)
        self.count += 1

    def type(self, text: str, gap_ms: int = PERSON_GAP_MS) -> None:
        type_text(text, gap_ms)
        self.count += len(text)
