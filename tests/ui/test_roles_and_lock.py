"""The dossier view offers only the moves a role allows; the idle lock opens only for its user;
a window whose account an admin disabled stops working within the account check."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from onestop import dossiers, users
from tests.conftest import PASSWORD, Office
from tests.ui.conftest import counter_setup, release
from ui import counter_app
from ui.counter_app import CounterApp
from ui.dossiers.ending_question import EndingQuestion
from ui.main_window import MainWindow
from ui.tasks import TaskManager


def window_for(qtbot: QtBot, tasks: TaskManager, office: Office, actor_name: str) -> MainWindow:
    actor = getattr(office, actor_name)
    window = MainWindow(tasks, actor, counter_setup(office.store))
    qtbot.addWidget(window)
    window.show()
    return window


def logged_in(qtbot: QtBot, counter: CounterApp, *, window_kept: bool = True) -> CounterApp:
    """Logged in as the officer; `window_kept` False for a test whose window goes away by itself."""
    counter.start()
    qtbot.addWidget(counter.login.view)
    qtbot.waitUntil(lambda: counter.tasks.store is not None)
    counter.login.view.username.setText("canbo")
    counter.login.view.password.setText(PASSWORD)
    counter.login.view.submit.click()
    qtbot.waitUntil(lambda: counter.window is not None, timeout=10_000)
    if window_kept:
        qtbot.addWidget(counter.window)
    return counter


def a_dossier(office: Office) -> str:
    return dossiers.receive(office.store, office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Phạm Văn Đồng", phone="0912345678"))).code


@pytest.mark.parametrize(("actor_name", "may_stop", "may_reschedule"),
                         [("officer", False, False), ("supervisor", True, True)])
def test_the_dossier_view_offers_what_the_role_allows(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, actor_name: str, may_stop: bool,
        may_reschedule: bool) -> None:
    code = a_dossier(ui_office)
    window = window_for(qtbot, tasks, ui_office, actor_name)
    dialog = window.open_dossier(code)
    qtbot.waitUntil(lambda: bool(dialog.action_buttons))
    offered = set(dialog.action_buttons)
    assert {"in_process", "supplement_requested", "refused", "withdrawn"} <= offered
    assert ("stopped" in offered) is may_stop
    assert ("reschedule" in offered) is may_reschedule
    assert dialog.view.history_model.rowCount() == 1
    dialog.view.reject()


def answer_ending(reason: str, seen: list[bool], *, confirm: bool = True) -> None:
    """Answers the question a move that ends a dossier asks, noting whether its confirm button
    was enabled before and after the reason was typed."""
    question = QApplication.activeModalWidget()
    assert isinstance(question, EndingQuestion)
    seen.append(question.confirm.isEnabled())
    question.reason.setPlainText(reason)
    seen.append(question.confirm.isEnabled())
    if confirm:
        question.confirm.click()
    else:
        question.reject()


def test_a_move_that_ends_the_dossier_looks_apart_and_needs_a_confirmed_reason(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    code = a_dossier(ui_office)
    window = window_for(qtbot, tasks, ui_office, "officer")
    dialog = window.open_dossier(code)
    qtbot.waitUntil(lambda: "withdrawn" in dialog.action_buttons)
    assert dialog.action_buttons["withdrawn"].property("role") == "destructive"
    assert dialog.action_buttons["refused"].property("role") == "destructive"
    assert dialog.action_buttons["in_process"].property("role") != "destructive"

    seen: list[bool] = []
    QTimer.singleShot(0, lambda: answer_ending("Công dân đổi ý", seen, confirm=False))
    dialog.action_buttons["withdrawn"].click()
    assert seen == [False, True]
    assert dossiers.show(ui_office.store, ui_office.supervisor, code).status == "received"

    seen.clear()
    QTimer.singleShot(0, lambda: answer_ending("Công dân xin rút", seen))
    with qtbot.waitSignal(tasks.store_changed, timeout=10_000):
        dialog.action_buttons["withdrawn"].click()
    stored = dossiers.show(ui_office.store, ui_office.supervisor, code)
    assert stored.status == "withdrawn"
    assert stored.history[-1].note == "Công dân xin rút"
    qtbot.waitUntil(lambda: "withdrawn" not in dialog.action_buttons)


def test_a_technician_gets_no_intake_nor_dossiers(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    window = window_for(qtbot, tasks, ui_office, "technician")
    assert window.intake is None and window.dossier_list is None


def test_the_screen_locks_when_idle_and_opens_for_its_user_only(
        qtbot: QtBot, ui_office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(counter_app, "MINUTE_MS", 300)
    counter = logged_in(qtbot, CounterApp(tmp_path / "data", None))
    assert counter.window is not None
    qtbot.waitUntil(lambda: counter.lock is not None)
    lock = counter.lock
    assert lock is not None
    assert not counter.window.centralWidget().isVisible()
    lock.password.setText("sai-mat-khau")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.error.text() != "", timeout=10_000)
    assert counter.lock is lock
    lock.password.setText(PASSWORD)
    lock.unlock.click()
    qtbot.waitUntil(lambda: counter.lock is None, timeout=10_000)
    assert counter.window.centralWidget().isVisible()
    counter.window.close()
    counter.shut_down()
    release(counter)


def test_a_window_whose_account_is_disabled_locks_and_stays_locked(
        qtbot: QtBot, ui_office: Office, tmp_path: Path) -> None:
    counter = logged_in(qtbot, CounterApp(tmp_path / "data", None, account_check_ms=100))
    assert counter.window is not None
    qtbot.wait(300)
    assert counter.lock is None, "an active account keeps its window"

    users.disable_user(ui_office.store, ui_office.admin, "canbo")
    qtbot.waitUntil(lambda: counter.lock is not None)
    lock = counter.lock
    assert lock is not None and "vô hiệu hoá" in lock.error.text()
    assert not counter.window.centralWidget().isVisible()
    lock.password.setText(PASSWORD)
    lock.unlock.click()
    qtbot.waitUntil(lambda: lock.unlock.isEnabled(), timeout=10_000)
    assert counter.lock is lock and not counter.window.centralWidget().isVisible()
    counter.window.close()
    counter.shut_down()
    release(counter)


def test_an_officer_logs_out_from_the_menu_and_another_logs_in(
        qtbot: QtBot, ui_office: Office, tmp_path: Path) -> None:
    counter = logged_in(qtbot, CounterApp(tmp_path / "data", None), window_kept=False)
    window = counter.window
    assert window is not None
    log_out = next(a for a in window.findChildren(QAction) if a.text().startswith("Đăng xuất"))
    log_out.trigger()
    assert counter.window is None and counter.actor is None
    qtbot.addWidget(counter.login.view)
    assert counter.login.view.isVisible()
    counter.login.view.username.setText("lanhdao")
    counter.login.view.password.setText(PASSWORD)
    counter.login.view.submit.click()
    qtbot.waitUntil(lambda: counter.window is not None, timeout=10_000)
    assert counter.actor is not None and counter.actor.username == "lanhdao"
    counter.window.close()
    counter.shut_down()
    release(counter)


def test_a_locked_screen_lets_another_person_log_in(
        qtbot: QtBot, ui_office: Office, tmp_path: Path) -> None:
    counter = logged_in(qtbot, CounterApp(tmp_path / "data", None), window_kept=False)
    counter.lock_screen()
    lock = counter.lock
    assert lock is not None
    lock.switch_user.click()
    assert counter.lock is None and counter.window is None
    qtbot.addWidget(counter.login.view)
    assert counter.login.view.isVisible()
    counter.shut_down()
    release(counter)
