"""The window's entry points: `onestop` with no subcommand, and the demo.

The login window shows first, with nothing but Qt loaded; the rest of the counter (the store,
printing and scanning libraries) loads on a thread while the officer types."""

import importlib
import os
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

from onestop.data_dir import default_data_dir
from onestop.i18n import _
from ui.login.login_window import LoginWindow
from ui.qt_words import speak_our_language
from ui.theme import apply_theme
from ui.wheel_guard import guard_wheels

if TYPE_CHECKING:
    from onestop.demo import DemoFilled
    from ui.counter_app import CounterApp

DemoCompanion = Callable[[Path], AbstractContextManager[object]]
COUNTER_MODULE = "ui.counter_app"
# Needed only once the officer is logged in: loaded meanwhile, after the counter has started.
WINDOW_MODULE = "ui.main_window"


def _data_dir(data_dir: str | None, database_url: str | None) -> Path | None:
    if data_dir:
        return Path(data_dir)
    if database_url:
        return None
    return default_data_dir()


class CounterLoader(QObject):
    """Loads the counter's modules on a thread, then starts the counter behind the login window
    already on screen."""

    _loaded = Signal(str)

    def __init__(self, login: LoginWindow, data_dir: Path | None, database_url: str | None) -> None:
        super().__init__()
        self.login = login
        self.counter: CounterApp | None = None
        self._data_dir = data_dir
        self._database_url = database_url
        self._loaded.connect(self._on_loaded)
        threading.Thread(target=self._load, name="onestop-load", daemon=True).start()

    def _load(self) -> None:
        try:
            importlib.import_module(COUNTER_MODULE)
        except Exception as error:  # noqa: BLE001 - shown on the login window
            self._loaded.emit(str(error) or type(error).__name__)
            return
        self._loaded.emit("")
        importlib.import_module(WINDOW_MODULE)

    @Slot(str)
    def _on_loaded(self, failure: str) -> None:
        if failure:
            self.login.store_failed(failure)
            return
        from ui.counter_app import CounterApp

        self.counter = CounterApp(self._data_dir, self._database_url, login=self.login)
        self.counter.start()

    def shut_down(self) -> None:
        if self.counter is not None:
            self.counter.shut_down()


def missing_display() -> str | None:
    """Why no window can open here, in one line; None when one can. Without this, Qt aborts the
    program when it finds no display."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return _("Không có màn hình để mở cửa sổ (chưa đặt DISPLAY hay WAYLAND_DISPLAY); hãy chạy "
             "trong phiên đồ hoạ, hoặc dùng các lệnh dòng lệnh của onestop.")


def run_window(data_dir: str | None = None, database_url: str | None = None) -> int:
    """Show the login window, open the store behind it, then the intake screen; returns the exit
    code (2 when there is no display to show it on)."""
    missing = missing_display() if QApplication.instance() is None else None
    if missing is not None:
        print(missing, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("OneStop")
    apply_theme(app)
    guard_wheels(app)
    speak_our_language(app)
    login = LoginWindow()
    login.show()
    loader = CounterLoader(login, _data_dir(data_dir, database_url), database_url)
    try:
        return app.exec()
    finally:
        loader.shut_down()


def open_demo(data_dir: Path, companion: DemoCompanion | None = None,
              filled: Callable[["DemoFilled"], object] | None = None) -> int:
    """Fill an empty data dir with demo data and open the window on it. `companion` is started
    beside the window for as long as it is open (the reference provincial server, say); `filled`
    hears what a new demo holds (to say where it is)."""
    from onestop import catalogue, demo
    from onestop.store.engine import open_store

    store = open_store(data_dir)
    try:
        if not catalogue.list_procedures(store, active_only=False):
            made = demo.fill(store, data_dir)
            if filled is not None:
                filled(made)
    finally:
        store.close()
    with (companion or nullcontext)(data_dir):
        return run_window(str(data_dir))
