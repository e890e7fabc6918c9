"""Changing one's own password."""

import pytest
from pytestqt.qtbot import QtBot

from onestop import users
from tests.conftest import PASSWORD, Office
from tests.ui.accounts.conftest import TasksFor
from ui.accounts.password_dialog import ChangePasswordDialog

WAIT = 10_000


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_changing_ones_own_password(qtbot: QtBot, office: Office,
        tasks_for: TasksFor) -> None:
    dialog = ChangePasswordDialog(tasks_for(office.store), office.officer, forced=True)
    qtbot.addWidget(dialog)
    dialog.old_password.setText("doan-sai-roi")
    dialog.new_password.setText("mat-khau-moi-1")
    dialog.repeated.setText("mat-khau-moi-2")
    dialog.ok_button.click()
    assert dialog.status.text() == "Hai lần nhập mật khẩu mới không khớp."
    dialog.repeated.setText("mat-khau-moi-1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.tasks.busy(), timeout=WAIT)
    assert dialog.status.text() == "Mật khẩu hiện tại không đúng."
    dialog.old_password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.password_changed, timeout=WAIT):
        dialog.ok_button.click()
    assert users.login(office.store, "canbo", "mat-khau-moi-1").username == "canbo"
