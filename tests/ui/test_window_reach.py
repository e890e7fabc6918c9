"""Each screen is reached from the window's menu by the roles its permission names, and by no
other, and fits a 1366×768 counter screen; the first admin and a reset password are asked for at
login; a restore asks for login again."""

from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget, QWizard
from pytestqt.qtbot import QtBot

from onestop import users
from onestop.store.engine import open_store
from onestop.store.migrations import newest_revision
from tests.conftest import PASSWORD, Office
from tests.ui.conftest import counter_setup, release
from ui.accounts.audit_view import AuditView
from ui.accounts.backup_dialog import BackupDialog
from ui.accounts.password_dialog import ChangePasswordDialog
from ui.accounts.users_screen import UsersScreen
from ui.counter_app import CounterApp
from ui.idcard.chip_setup_screen import ChipSetupScreen
from ui.main_window import MainWindow
from ui.printing.printer_setup_screen import PrinterSetupScreen
from ui.printing.supervisor_screen import SupervisorScreen
from ui.scanning.scanner_setup_screen import ScannerSetupScreen
from ui.setup.setup_assistant import SetupAssistant
from ui.sync.province_link_screen import ProvinceLinkScreen
from ui.tasks import TaskManager

WAIT = 10_000
D = TypeVar("D", bound=QDialog)
SCREENS: dict[str, type[QWidget]] = {
    "Báo cáo và theo dõi hồ sơ": SupervisorScreen,
    "Nhật ký thao tác": AuditView,
    "Tài khoản người dùng": UsersScreen,
    "Máy in phiếu": PrinterSetupScreen,
    "Máy quét": ScannerSetupScreen,
    "Kết nối hệ thống tỉnh": ProvinceLinkScreen,
    "Chip thẻ căn cước": ChipSetupScreen,
    "Sao lưu và phục hồi": BackupDialog,
}
REACHED = {
    "officer": set(),
    "supervisor": {"Báo cáo và theo dõi hồ sơ", "Nhật ký thao tác"},
    "technician": {"Máy in phiếu", "Máy quét", "Kết nối hệ thống tỉnh", "Chip thẻ căn cước",
                   "Sao lưu và phục hồi"},
    "admin": {"Nhật ký thao tác", "Tài khoản người dùng", "Máy in phiếu", "Máy quét",
              "Kết nối hệ thống tỉnh", "Chip thẻ căn cước", "Sao lưu và phục hồi"},
}


@pytest.mark.parametrize("actor_name", sorted(REACHED))
def test_each_screen_is_reached_by_its_roles_only(qtbot: QtBot, tasks: TaskManager,
                                                  ui_office: Office, actor_name: str) -> None:
    window = MainWindow(tasks, getattr(ui_office, actor_name), counter_setup(ui_office.store))
    qtbot.addWidget(window)
    window.show()
    assert set(window.admin_actions) == REACHED[actor_name]
    for title, action in window.admin_actions.items():
        assert not action.shortcut().isEmpty()
        action.trigger()
        opened = window.findChildren(SCREENS[title])
        assert len(opened) == 1 and opened[0].isVisible()
        assert opened[0].windowTitle() == title
        needed = opened[0].minimumSizeHint()
        assert needed.width() <= 1366 and needed.height() <= 768 - 40, (title, needed)
        room, size = window.screen().availableGeometry(), opened[0].size()
        assert size.width() <= max(room.width(), needed.width()), title
        assert size.height() <= max(room.height(), needed.height()), title
        opened[0].activateWindow()
        qtbot.keyClick(opened[0], Qt.Key.Key_Escape)
        assert not opened[0].isVisible(), f"Esc leaves {title} open"
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    window.close()


def test_everyone_changes_their_own_password_from_the_menu(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    window = MainWindow(tasks, ui_office.technician, counter_setup(ui_office.store))
    qtbot.addWidget(window)
    dialog = window.change_password()
    dialog.old_password.setText(PASSWORD)
    dialog.new_password.setText("mat-khau-ky-thuat")
    dialog.repeated.setText("mat-khau-ky-thuat")
    with qtbot.waitSignal(dialog.password_changed, timeout=WAIT):
        dialog.ok_button.click()
    assert users.login(ui_office.store, "kythuat", "mat-khau-ky-thuat").username == "kythuat"
    window.close()


def _started(qtbot: QtBot, data: Path) -> CounterApp:
    counter = CounterApp(data, None)
    counter.start()
    qtbot.addWidget(counter.login.view)
    return counter


def _stop(counter: CounterApp) -> None:
    if counter.window is not None:
        counter.window.close()
    counter.shut_down()
    release(counter)


def _log_in(counter: CounterApp, username: str, password: str) -> None:
    counter.login.view.username.setText(username)
    counter.login.view.password.setText(password)
    counter.login.view.submit.click()


def _dialog(qtbot: QtBot, parent: QWidget, kind: type[D]) -> D:
    qtbot.waitUntil(lambda: bool(parent.findChildren(kind)), timeout=WAIT)
    return parent.findChildren(kind)[0]


def test_a_new_store_opens_the_set_up_assistant(qtbot: QtBot, tmp_path: Path) -> None:
    counter = _started(qtbot, tmp_path / "new")
    assistant = _dialog(qtbot, counter.login.view, SetupAssistant)
    assistant.office.code.setText("000.00.21.H40")
    assistant.office.name.setText("UBND xã Tân Phú")
    assistant.next()
    assistant.next()
    assistant.admin.username.setText("quantri")
    assistant.admin.full_name.setText("Phạm Thu Hà")
    assistant.admin.password.setText("mat-khau-quan-tri")
    assistant.admin.repeated.setText("mat-khau-quan-tri")
    for _step in range(3):
        assistant.next()
    assistant.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: counter.login.view.username.text() == "quantri", timeout=WAIT)
    counter.login.view.password.setText("mat-khau-quan-tri")
    counter.login.view.submit.click()
    qtbot.waitUntil(lambda: counter.window is not None, timeout=WAIT)
    assert counter.window is not None
    assert "Tài khoản người dùng" in counter.window.admin_actions
    _stop(counter)


def test_a_reset_password_is_changed_before_work(qtbot: QtBot, ui_office: Office,
                                                 tmp_path: Path) -> None:
    users.reset_password(ui_office.store, ui_office.admin, "canbo", "tam-thoi-123")
    counter = _started(qtbot, tmp_path / "data")
    _log_in(counter, "canbo", "tam-thoi-123")
    dialog = _dialog(qtbot, counter.login.view, ChangePasswordDialog)
    assert counter.window is None
    dialog.old_password.setText("tam-thoi-123")
    dialog.new_password.setText("mat-khau-rieng-1")
    dialog.repeated.setText("mat-khau-rieng-1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: counter.window is not None, timeout=WAIT)
    assert not users.get_user(ui_office.store, "canbo").must_change_password
    _stop(counter)


def test_a_restore_asks_for_login_again(qtbot: QtBot, ui_office: Office, tmp_path: Path) -> None:
    counter = _started(qtbot, tmp_path / "data")
    _log_in(counter, "canbo", PASSWORD)
    qtbot.waitUntil(lambda: counter.window is not None, timeout=WAIT)
    assert counter.window is not None
    old_store = counter.tasks.store
    counter.window.store_restored.emit()
    assert counter.window is None
    qtbot.addWidget(counter.login.view)
    qtbot.waitUntil(lambda: counter.tasks.store is not old_store, timeout=WAIT)
    assert counter.login.view.error.text() == "Đã phục hồi dữ liệu; hãy đăng nhập lại."
    _log_in(counter, "canbo", PASSWORD)
    qtbot.waitUntil(lambda: counter.window is not None, timeout=WAIT)
    _stop(counter)


def test_no_first_admin_is_asked_once_there_is_one(qtbot: QtBot, tmp_path: Path) -> None:
    store = open_store(tmp_path / "new")
    with store.write() as session:
        users.create_first_admin(session, "quantri", "Phạm Thu Hà", "mat-khau-quan-tri")
    store.close()
    counter = _started(qtbot, tmp_path / "new")
    qtbot.waitUntil(lambda: counter.login.view.state.text() == "", timeout=WAIT)
    assert not counter.login.view.findChildren(SetupAssistant)
    _stop(counter)


def test_the_about_box_tells_the_version_the_store_schema_and_the_protocol(
        qtbot: QtBot, tmp_path: Path) -> None:
    store = open_store(tmp_path / "new")
    with store.write() as session:
        users.create_first_admin(session, "quantri", "Phạm Thu Hà", "mat-khau-quan-tri")
    store.close()
    counter = _started(qtbot, tmp_path / "new")
    _log_in(counter, "quantri", "mat-khau-quan-tri")
    qtbot.waitUntil(lambda: counter.window is not None, timeout=WAIT)
    assert counter.window is not None
    about = counter.window.show_about()
    qtbot.waitUntil(lambda: about.schema.text() == newest_revision(), timeout=WAIT)
    qtbot.waitUntil(lambda: str(tmp_path / "new") in about.place.text(), timeout=WAIT)
    assert about.protocol.text() == "1.1" and about.program.text()
    about.close()
    _stop(counter)
