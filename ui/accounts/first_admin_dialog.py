"""The first run of a new data dir: the person setting up the counter creates the admin account."""

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from onestop import users
from onestop.i18n import _
from onestop.store.engine import Store
from ui.dialogs import StatusLine, button_box, hold_wrapped, password_line
from ui.tasks import StoreCall, TaskManager, failure_message


def _create(store: Store, username: str, full_name: str, password: str) -> users.UserRecord:
    with store.write() as session:
        return users.create_first_admin(session, username, full_name, password)


class FirstAdminDialog(QDialog):
    """Shown when `users.first_admin_needed` says the store has no account yet."""

    admin_created = Signal(str)

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(_("Tạo tài khoản quản trị"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Dữ liệu này chưa có tài khoản nào. Hãy tạo tài khoản quản trị đầu tiên; "
                         "người quản trị sẽ tạo tài khoản cho cán bộ, lãnh đạo và kỹ thuật viên."))
        hold_wrapped(intro)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.password = password_line(_("ít nhất {0} ký tự").format(users.MIN_PASSWORD_LENGTH))
        self.repeated = password_line()
        form.addRow(_("Tên đăng nhập"), self.username)
        form.addRow(_("Họ tên"), self.full_name)
        form.addRow(_("Mật khẩu"), self.password)
        form.addRow(_("Nhập lại mật khẩu"), self.repeated)
        layout.addLayout(form)
        self.status = StatusLine()
        layout.addWidget(self.status)
        buttons, self.ok_button = button_box(self, _("Tạo tài khoản"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.password.text() != self.repeated.text():
            self.status.show_error(_("Hai lần nhập mật khẩu không khớp."))
            return
        self.ok_button.setEnabled(False)
        self.status.show_info(_("Đang tạo tài khoản…"))
        self.tasks.run_database(
            StoreCall(_create, self.username.text(), self.full_name.text(), self.password.text()),
            self._on_task_finished, self._on_task_failed)

    def _on_task_finished(self, created: object) -> None:
        assert isinstance(created, users.UserRecord)
        self.admin_created.emit(created.username)
        self.accept()

    def _on_task_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.ok_button.setEnabled(True)
        self.status.show_error(message)
