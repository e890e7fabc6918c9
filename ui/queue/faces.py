"""`onestop kiosk` and `onestop display`: the kiosk and the call display as windows of their own,
full screen, on the office's store."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from announcing.announcer import Announcer
from announcing.speaker import system_speaker
from announcing.voice import EspeakVoice
from onestop.data_dir import default_data_dir
from onestop.store.engine import open_store
from ui.queue.board_feed import BoardFeed
from ui.queue.display_window import CallDisplayWindow
from ui.queue.kiosk_window import KioskWindow, load_kiosk_setup
from ui.tasks import TaskManager
from ui.theme import apply_theme

KIOSK, DISPLAY = "kiosk", "display"


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("OneStop")
    apply_theme(app)
    return app


def _data_dir(data_dir: str | None, database_url: str | None) -> Path | None:
    if data_dir or not database_url:
        return Path(data_dir) if data_dir else default_data_dir()
    return None


def run_kiosk(data_dir: str | None, database_url: str | None) -> int:
    app = _application()
    store = open_store(_data_dir(data_dir, database_url), database_url)
    tasks = TaskManager()
    tasks.use_store(store)
    window = KioskWindow(tasks, load_kiosk_setup(store))
    window.showFullScreen()
    try:
        return app.exec()
    finally:
        tasks.shut_down()
        store.close()


def voice_for_display() -> Announcer | None:
    """The hall's voice, when this machine has both a voice and a sound device."""
    speaker = system_speaker()
    if speaker is None or not EspeakVoice.available():
        return None
    return Announcer(EspeakVoice(), speaker)


def run_display(data_dir: str | None, database_url: str | None) -> int:
    app = _application()
    store = open_store(_data_dir(data_dir, database_url), database_url)
    feed = BoardFeed(store)
    window = CallDisplayWindow(feed, voice_for_display())
    window.showFullScreen()
    feed.start()
    try:
        return app.exec()
    finally:
        window.shut_down()
        store.close()


def run_face(face: str, data_dir: str | None, database_url: str | None) -> int:
    return run_kiosk(data_dir, database_url) if face == KIOSK else run_display(data_dir,
                                                                               database_url)
