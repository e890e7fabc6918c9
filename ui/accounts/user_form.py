"""The forms of the users screen: a new account, an account's roles and counter, and a
temporary password."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from onestop.roles import ROLE_NAMES, ROLES
from onestop.users import MIN_PASSWORD_LENGTH, UserRecord
from ui.dialogs import StatusLine, button_box, password_line


class UserFormDialog(QDialog):
    """A new account (with its first password) or, given a record, its roles and counter."""

    def __init__(self, parent: QWidget | None, record: UserRecord | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Tài khoản mới") if record is None else _("Vai trò và quầy"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit(record.username if record else "")
        self.full_name = QLineEdit(record.full_name if record else "")
        self.title_field = QLineEdit(record.title if record else "")
        for field in (self.username, self.full_name, self.title_field):
            field.setReadOnly(record is not None)
        form.addRow(_("Tên đăng nhập"), self.username)
        form.addRow(_("Họ tên"), self.full_name)
        form.addRow(_("Chức danh"), self.title_field)
        roles_row = QHBoxLayout()
        self.role_boxes: dict[str, QCheckBox] = {}
        for role in ROLES:
            box = QCheckBox(_(ROLE_NAMES[role]))
            box.setChecked(record is not None and role in record.roles)
            self.role_boxes[role] = box
            roles_row.addWidget(box)
        form.addRow(_("Vai trò"), roles_row)
        self.counter = QLineEdit(record.counter_code or "" if record else "")
        self.counter.setPlaceholderText(_("bỏ trống nếu không gắn với quầy nào"))
        form.addRow(_("Quầy"), self.counter)
        self.password = password_line(_("ít nhất {0} ký tự").format(MIN_PASSWORD_LENGTH))
        self.repeated = password_line()
        if record is None:
            form.addRow(_("Mật khẩu tạm"), self.password)
            form.addRow(_("Nhập lại"), self.repeated)
        layout.addLayout(form)
        self.status = StatusLine()
        layout.addWidget(self.status)
        buttons, _ok = button_box(self, _("Lưu"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def roles(self) -> frozenset[str]:
        return frozenset(role for role, box in self.role_boxes.items() if box.isChecked())

    def problems(self) -> list[str]:
        """What keeps the form from being saved, all at once; the form stays open until none."""
        found = []
        if not self.username.isReadOnly():
            if not self.username.text().strip():
                found.append(_("Chưa nhập tên đăng nhập."))
            if not self.full_name.text().strip():
                found.append(_("Chưa nhập họ tên."))
        if not self.roles():
            found.append(_("Chưa chọn vai trò nào."))
        if not self.username.isReadOnly():
            found.extend(password_problems(self.password.text(), self.repeated.text()))
        return found

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problems = self.problems()
        if problems:
            self.status.show_error("\n".join(problems))
            return
        self.accept()


def password_problems(password: str, repeated: str) -> list[str]:
    found = []
    if len(password) < MIN_PASSWORD_LENGTH:
        found.append(_("Mật khẩu cần ít nhất {0} ký tự.").format(MIN_PASSWORD_LENGTH))
    if password != repeated:
        found.append(_("Hai lần nhập mật khẩu không khớp."))
    return found


class TemporaryPasswordDialog(QDialog):
    def __init__(self, parent: QWidget | None, username: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Đặt lại mật khẩu cho “{0}”").format(username))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.password = password_line(_("ít nhất {0} ký tự").format(MIN_PASSWORD_LENGTH))
        self.repeated = password_line()
        form.addRow(_("Mật khẩu tạm"), self.password)
        form.addRow(_("Nhập lại"), self.repeated)
        layout.addLayout(form)
        self.status = StatusLine()
        self.status.show_info(_("Người dùng sẽ phải đổi mật khẩu này ở lần đăng nhập tới."))
        layout.addWidget(self.status)
        buttons, _ok = button_box(self, _("Đặt lại"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problems = password_problems(self.password.text(), self.repeated.text())
        if problems:
            self.status.show_error("\n".join(problems))
            return
        self.accept()
