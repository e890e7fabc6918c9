"""The admin's users screen and its forms."""

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from onestop import users
from onestop.roles import OFFICER, SUPERVISOR
from tests.conftest import Office
from tests.ui.accounts.conftest import TasksFor
from ui.accounts.user_form import TemporaryPasswordDialog, UserFormDialog
from ui.accounts.users_screen import UsersScreen

SQLITE_ONLY = pytest.mark.parametrize("office", ["sqlite"], indirect=True)
WAIT = 10_000


def column(screen: UsersScreen, index: int) -> list[str]:
    return [screen.table.item(row, index).text() for row in range(screen.table.rowCount())]


def opened(qtbot: QtBot, office: Office, tasks_for: TasksFor) -> UsersScreen:
    screen = UsersScreen(tasks_for(office.store), office.admin)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: not screen.tasks.busy(), timeout=WAIT)
    return screen


def changed(qtbot: QtBot, screen: UsersScreen) -> None:
    """Wait for the change and the reload that follows it."""
    with qtbot.waitSignal(screen.users_loaded, timeout=WAIT):
        qtbot.waitSignal(screen.user_changed, timeout=WAIT).wait()


@SQLITE_ONLY
def test_the_admin_adds_disables_and_resets(qtbot: QtBot, office: Office,
        tasks_for: TasksFor) -> None:
    screen = opened(qtbot, office, tasks_for)
    assert column(screen, 0) == ["canbo", "kythuat", "lanhdao", "quantri"]
    screen.add_user("Ha.PT", "Phạm Thu Hà", "Công chức", frozenset({OFFICER}), "Q2",
                    "tam-thoi-1")
    changed(qtbot, screen)
    assert "ha.pt" in column(screen, 0)
    row = column(screen, 0).index("ha.pt")
    assert (column(screen, 4)[row], column(screen, 5)[row]) == ("Q2", "Chờ đổi mật khẩu")

    screen.select("canbo")
    assert screen.active_button.text() == "Vô hiệu hoá"
    screen.active_button.click()
    changed(qtbot, screen)
    assert column(screen, 5)[0] == "Đã vô hiệu hoá"
    assert screen.selected() is not None and screen.active_button.text() == "Kích hoạt lại"

    screen.set_roles("canbo", frozenset({OFFICER, SUPERVISOR}), "Q3")
    changed(qtbot, screen)
    assert column(screen, 3)[0] == "Cán bộ tiếp nhận, Lãnh đạo / giám sát"
    screen.reset_password("canbo", "tam-thoi-2")
    changed(qtbot, screen)
    assert users.get_user(office.store, "canbo").must_change_password


@SQLITE_ONLY
def test_a_refused_change_is_shown_in_words(qtbot: QtBot, office: Office,
        tasks_for: TasksFor) -> None:
    screen = opened(qtbot, office, tasks_for)
    with qtbot.waitSignal(screen.failed, timeout=WAIT) as failure:
        screen.set_active("quantri", False)
    assert failure.args == ["Không thể tự vô hiệu hoá tài khoản đang dùng."]
    assert screen.status.text() == failure.args[0]


@SQLITE_ONLY
def test_an_officer_sees_no_accounts(qtbot: QtBot, office: Office,
        tasks_for: TasksFor) -> None:
    screen = UsersScreen(tasks_for(office.store), office.officer)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: not screen.tasks.busy(), timeout=WAIT)
    assert screen.table.rowCount() == 0
    assert "không có quyền quản lý tài khoản" in screen.status.text()


def test_the_forms_check_the_two_passwords_match(qtbot: QtBot) -> None:
    form = UserFormDialog(None)
    qtbot.addWidget(form)
    form.username.setText("moi")
    form.full_name.setText("Người Mới")
    form.role_boxes[OFFICER].setChecked(True)
    form.password.setText("mot-mat-khau")
    form.repeated.setText("mot-mat-khac")
    form._on_buttons_accepted()
    assert form.result() != QDialog.DialogCode.Accepted
    assert "không khớp" in form.status.text()
    form.repeated.setText("mot-mat-khau")
    form._on_buttons_accepted()
    assert form.result() == QDialog.DialogCode.Accepted and form.roles() == {OFFICER}

    reset = TemporaryPasswordDialog(None, "canbo")
    qtbot.addWidget(reset)
    reset.password.setText("a-b-c-d-e-f")
    reset._on_buttons_accepted()
    assert reset.result() != QDialog.DialogCode.Accepted


def test_a_new_account_form_stays_open_with_its_input_until_it_is_valid(qtbot: QtBot) -> None:
    form = UserFormDialog(None)
    qtbot.addWidget(form)
    form.username.setText("moi")
    form.password.setText("ngan")
    form.repeated.setText("ngan")
    form.show()
    form._on_buttons_accepted()
    assert form.isVisible() and form.result() != QDialog.DialogCode.Accepted
    listed = form.status.text().splitlines()
    assert len(listed) == 3, listed  # full name, role, password length
    assert form.username.text() == "moi" and form.password.text() == "ngan"
    form.full_name.setText("Người Mới")
    form.role_boxes[SUPERVISOR].setChecked(True)
    form.password.setText("du-dai-roi")
    form.repeated.setText("du-dai-roi")
    form._on_buttons_accepted()
    assert form.result() == QDialog.DialogCode.Accepted
