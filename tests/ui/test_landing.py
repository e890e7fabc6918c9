"""Each role lands on a page of its own: a bar of its screens with their keys, and today's
figures for a supervisor, technician or admin instead of an empty page."""

import pytest
from pytestqt.qtbot import QtBot

from onestop import dossiers
from tests.conftest import Office
from tests.ui.conftest import counter_setup
from ui.main_window import MainWindow
from ui.tasks import TaskManager

WAIT = 10_000


def window_for(qtbot: QtBot, tasks: TaskManager, office: Office, actor_name: str) -> MainWindow:
    window = MainWindow(tasks, getattr(office, actor_name), counter_setup(office.store))
    qtbot.addWidget(window)
    window.show()
    return window


def bar_of(window: MainWindow) -> list[str]:
    return [action.iconText() for action in window.navigation.actions()]


def test_the_officer_lands_on_intake_with_a_bar_of_screens_and_their_keys(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    window = window_for(qtbot, tasks, ui_office, "officer")
    assert window.intake is not None and window.stack.currentWidget() is window.intake.view
    assert bar_of(window) == ["Hôm nay (F4)", "Tiếp nhận (F2)", "Hồ sơ (F3)", "Trả kết quả (F10)"]
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


@pytest.mark.parametrize("actor_name", ["supervisor", "technician", "admin"])
def test_other_roles_land_on_today_s_figures(qtbot: QtBot, tasks: TaskManager, ui_office: Office,
                                             actor_name: str) -> None:
    dossiers.receive(ui_office.store, ui_office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Lê Văn Tám")))
    window = window_for(qtbot, tasks, ui_office, actor_name)
    assert window.stack.currentWidget() is window.landing
    received = window.landing.tiles["received_today"]
    qtbot.waitUntil(lambda: received.text() != "…", timeout=WAIT)
    sees_dossiers = actor_name == "supervisor"
    assert received.isVisibleTo(window) is sees_dossiers
    if sees_dossiers:
        assert received.text() == "1"
    assert window.landing.tiles["waiting_for_province"].text().isdigit()
    assert window.landing.backup.text() == "chưa sao lưu lần nào"
    assert all("(" in text for text in bar_of(window)), bar_of(window)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
