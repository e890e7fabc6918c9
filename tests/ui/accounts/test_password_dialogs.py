"""The first admin of a new data dir, and changing one's own password."""

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from onestop import users
from onestop.store.engine import Store
from tests.conftest import PASSWORD, Office
from tests.ui.accounts.conftest import TasksFor
from ui.accounts.first_admin_dialog import FirstAdminDialog
from ui.accounts.password_dialog import ChangePasswordDialog

WAIT = 10_000


def fill_first_admin(dialog: FirstAdminDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.full_name.setText("Phạm Thu Hà")
    dialog.password.setText(password)
    dialog.repeated.setText(password)


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_the_first_admin_is_created_once(qtbot: QtBot, store: Store,
        tasks_for: TasksFor) -> None:
    with store.read() as session:
        assert users.first_admin_needed(session)
    dialog = FirstAdminDialog(tasks_for(store))
    qtbot.addWidget(dialog)
    fill_first_admin(dialog, "QuanTri", "mat-khau-quan-tri")
    with qtbot.waitSignal(dialog.admin_created, timeout=WAIT) as created:
        dialog.ok_button.click()
    assert created.args == ["quantri"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert users.login(store, "quantri", "mat-khau-quan-tri").roles == {"admin"}

    again = FirstAdminDialog(tasks_for(store))
    qtbot.addWidget(again)
    fill_first_admin(again, "khac", "mat-khau-khac-1")
    again.ok_button.click()
    qtbot.waitUntil(lambda: not again.tasks.busy(), timeout=WAIT)
    assert again.status.text() == "Dữ liệu này đã có tài khoản quản trị."
    assert again.ok_button.isEnabled() and again.result() != QDialog.DialogCode.Accepted


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
