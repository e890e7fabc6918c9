"""Changing one's own password, asked for after login when an admin has reset it."""

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from onestop import users
from onestop.i18n import _
from onestop.roles import Actor
from onestop.store.engine import Store
from ui.dialogs import StatusLine, button_box, password_line
from ui.tasks import StoreCall, TaskManager, failure_message


def _change(store: Store, actor: Actor, old: str, new: str) -> None:
    users.change_own_password(store, actor, old, new)


class ChangePasswordDialog(QDialog):
    password_changed = Signal()

    def __init__(self, tasks: TaskManager, actor: Actor, *, forced: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self._actor = tasks, actor
        self.setWindowTitle(_("Đổi mật khẩu"))
        layout = QVBoxLayout(self)
        if forced:
            layout.addWidget(QLabel(_("Mật khẩu của bạn vừa được đặt lại; hãy đổi mật khẩu mới "
                                      "trước khi làm việc.")))
        form = QFormLayout()
        self.old_password = password_line()
        self.new_password = password_line(_("ít nhất {0} ký tự").format(
            users.MIN_PASSWORD_LENGTH))
        self.repeated = password_line()
        form.addRow(_("Mật khẩu hiện tại"), self.old_password)
        form.addRow(_("Mật khẩu mới"), self.new_password)
        form.addRow(_("Nhập lại mật khẩu mới"), self.repeated)
        layout.addLayout(form)
        self.status = StatusLine()
        layout.addWidget(self.status)
        buttons, self.ok_button = button_box(self, _("Đổi mật khẩu"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.new_password.text() != self.repeated.text():
            self.status.show_error(_("Hai lần nhập mật khẩu mới không khớp."))
            return
        self.ok_button.setEnabled(False)
        self.status.show_info(_("Đang lưu…"))
        self.tasks.run_database(
            StoreCall(_change, self._actor, self.old_password.text(), self.new_password.text()),
            self._on_task_finished, self._on_task_failed)

    def _on_task_finished(self, _result: object) -> None:
        self.password_changed.emit()
        self.accept()

    def _on_task_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.ok_button.setEnabled(True)
        self.status.show_error(message)
