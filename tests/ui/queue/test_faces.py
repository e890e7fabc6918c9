"""`onestop kiosk` and `onestop display` open their windows full screen on the office's store."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

import launch
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house
from tests.ui.conftest import release
from ui.queue.display_window import CallDisplayWindow
from ui.queue.kiosk_window import KioskWindow


@pytest.mark.parametrize(("argv", "face"), [
    (["kiosk"], ("kiosk", [])),
    (["--data-dir", "d", "display", "--lang", "en"], ("display", ["--data-dir", "d", "--lang", "en"])),
    (["--data-dir", "kiosk", "queue", "board"], None),
    (["queue", "take", "HT"], None),
    ([], None),
])
def test_the_entry_point_tells_the_front_of_house_faces_apart(
        argv: list[str], face: tuple[str, list[str]] | None) -> None:
    assert launch._queue_face(argv) == face


@pytest.mark.parametrize(("face", "kind"), [("kiosk", KioskWindow), ("display", CallDisplayWindow)])
def test_each_face_opens_full_screen(qtbot: QtBot, ui_office: Office, face: str,
                                     kind: type[QWidget], monkeypatch: pytest.MonkeyPatch) -> None:
    open_front_of_house(ui_office.store)
    data_dir = ui_office.store.attachments_dir.parent
    seen: list[QWidget] = []

    def look_and_close(*_args: object) -> int:
        """The window's event loop, for as long as the test looks at what opened."""
        qtbot.waitUntil(lambda: any(isinstance(w, kind) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=10_000)
        seen.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())
        for window in seen:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", look_and_close)
    assert launch.main([face, "--data-dir", str(Path(data_dir))]) == 0
    assert len(seen) == 1 and seen[0].isFullScreen()
    for window in seen:
        release(window)
