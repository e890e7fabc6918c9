"""The window's status bar follows the reference provincial server on loopback going down and
coming back: online or not, and how many items wait for the province."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pytestqt.qtbot import QtBot

from onestop import dossiers, settings
from sync.link_state import LinkState
from sync.province_password import save_password
from sync.provincial_server import serve
from tests.conftest import Office
from tests.ui.conftest import counter_setup
from ui.main_window import MainWindow
from ui.tasks import TaskManager

pytestmark = pytest.mark.usefixtures("no_keyring")

WAIT_MS = 30_000
BIRTH = "1.001193"


def receive(office: Office) -> str:
    intake = dossiers.Intake(BIRTH, dossiers.ApplicantInput("Phạm Thu Trang"))
    return dossiers.receive(office.store, office.officer, intake).code


def checked(qtbot: QtBot, window: MainWindow) -> LinkState:
    """What one more run of the window's watch tells. A run under way (the watch's own retry,
    started before the province came back, say) refuses a new one: ask until one starts, and
    take the report of that one."""
    told: list[LinkState] = []
    started = False

    def tell(state: LinkState) -> None:
        if started:
            told.append(state)

    window.province_watch.link_checked.connect(tell)

    def run_told() -> bool:
        nonlocal started
        if not started:
            started = window.province_watch.sync_now()
        return bool(told)

    qtbot.waitUntil(run_told, timeout=WAIT_MS)
    window.province_watch.link_checked.disconnect(tell)
    return told[0]


def test_the_status_bar_follows_the_province_going_down_and_up(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, tmp_path: Path) -> None:
    folder = tmp_path / "tinh"
    province = serve(0, folder, catalogue=[])
    port = urlsplit(province.url).port
    assert port is not None
    with ui_office.store.write() as session:
        settings.put_in(session, ui_office.technician, "province.url", province.url)
        settings.put_in(session, ui_office.technician, "province.username", "motcua")
    save_password(ui_office.store, ui_office.technician, "motcua", "motcua-demo", use_keyring=False)
    receive(ui_office)
    with province:
        window = MainWindow(tasks, ui_office.officer, counter_setup(ui_office.store))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.province_watch.link_checked, timeout=WAIT_MS) as first:
            pass
        assert first.args[0].online is True
        qtbot.waitUntil(lambda: window.status.province.text() == "Tỉnh: trực tuyến · chờ gửi: 0",
                        timeout=WAIT_MS)

    receive(ui_office)
    down = checked(qtbot, window)
    assert down.online is False and down.waiting > 0
    assert window.status.province.text() == f"Tỉnh: mất kết nối · chờ gửi: {down.waiting}"
    assert window.status.province.toolTip() == down.message != ""

    with serve(port, folder, catalogue=[]):
        up = checked(qtbot, window)
        # the refused item keeps its next attempt time; it waits, the link is up
        assert up.online is True and up.waiting <= down.waiting
        assert window.status.province.text() == f"Tỉnh: trực tuyến · chờ gửi: {up.waiting}"
        window.shut_down()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT_MS)
