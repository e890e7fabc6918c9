"""The admin's users screen: accounts, their roles and counters, disabling and password resets."""

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop import users
from onestop.i18n import N_, _
from onestop.roles import ROLE_NAMES, Actor
from onestop.store.engine import Store
from onestop.users import UserRecord
from onestop.workdays import LOCAL_ZONE
from ui.accounts.user_form import TemporaryPasswordDialog, UserFormDialog
from ui.dialogs import StatusLine
from ui.tasks import StoreCall, TaskManager, failure_message

_COLUMNS = (N_("Tên đăng nhập"), N_("Họ tên"), N_("Chức danh"), N_("Vai trò"), N_("Quầy"),
            N_("Tình trạng"))


def _read(store: Store, actor: Actor) -> list[UserRecord]:
    return users.list_users(store, actor)


def _write(store: Store, change: Callable[[Store], UserRecord]) -> UserRecord:
    return change(store)


def _state(record: UserRecord) -> str:
    if not record.active:
        return _("Đã vô hiệu hoá")
    if record.locked_until is not None:
        return _("Tạm khoá đến {0}").format(
            record.locked_until.astimezone(LOCAL_ZONE).strftime("%H:%M %d/%m"))
    if record.must_change_password:
        return _("Chờ đổi mật khẩu")
    return _("Đang hoạt động")


class UsersScreen(QWidget):
    users_loaded = Signal(int)
    user_changed = Signal(str)
    failed = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self._actor = tasks, actor
        self._records: list[UserRecord] = []
        self.setWindowTitle(_("Tài khoản"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in _COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Thêm tài khoản…"))
        self.roles_button = QPushButton(_("Vai trò và quầy…"))
        self.reset_button = QPushButton(_("Đặt lại mật khẩu…"))
        self.active_button = QPushButton(_("Vô hiệu hoá"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.roles_button.clicked.connect(self._on_roles_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.active_button.clicked.connect(self._on_active_clicked)
        for button in (self.add_button, self.roles_button, self.reset_button,
                       self.active_button):
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        self.status = StatusLine()
        layout.addWidget(self.status)
        self._on_table_selection_changed()
        self.reload()

    def reload(self) -> None:
        self._run(StoreCall(_read, self._actor), self._on_read_finished)

    def selected(self) -> UserRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self._records[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        for index, record in enumerate(self._records):
            if record.username == username:
                self.table.selectRow(index)

    def _run(self, call: StoreCall[object], finished: Callable[[object], None]) -> None:
        self.tasks.run_database(call, finished, self._on_task_failed)

    def _change(self, change: Callable[[Store], UserRecord]) -> None:
        self.status.show_info(_("Đang lưu…"))
        self._run(StoreCall(_write, change), self._on_write_finished)

    def _on_read_finished(self, records: object) -> None:
        assert isinstance(records, list)
        chosen = self.selected()
        self._records = records
        self.table.setRowCount(len(records))
        for index, record in enumerate(records):
            cells = (record.username, record.full_name, record.title,
                     ", ".join(_(ROLE_NAMES[r]) for r in sorted(record.roles)),
                     record.counter_code or "", _state(record))
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if chosen is not None:
            self.select(chosen.username)
        self._on_table_selection_changed()
        self.users_loaded.emit(len(records))

    def _on_write_finished(self, record: object) -> None:
        assert isinstance(record, UserRecord)
        self.status.show_info(_("Đã lưu tài khoản “{0}”.").format(record.username))
        self.user_changed.emit(record.username)
        self.reload()

    def _on_task_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.status.show_error(message)
        self.failed.emit(message)

    @Slot()
    def _on_table_selection_changed(self) -> None:
        record = self.selected()
        for button in (self.roles_button, self.reset_button, self.active_button):
            button.setEnabled(record is not None)
        self.active_button.setText(_("Kích hoạt lại") if record is not None and not record.active
                                   else _("Vô hiệu hoá"))

    @Slot()
    def _on_add_clicked(self) -> None:
        form = UserFormDialog(self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        self.add_user(form.username.text(), form.full_name.text(), form.title_field.text(),
                      form.roles(), form.counter.text(), form.password.text())

    def add_user(self, username: str, full_name: str, title: str, roles: frozenset[str],
                 counter: str, password: str) -> None:
        self._change(partial(_create, self._actor, username, full_name, title, roles, counter,
                             password))

    @Slot()
    def _on_roles_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        form = UserFormDialog(self, record)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.set_roles(record.username, form.roles(), form.counter.text())

    def set_roles(self, username: str, roles: frozenset[str], counter: str) -> None:
        self._change(partial(_set_roles, self._actor, username, roles, counter))

    @Slot()
    def _on_reset_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        form = TemporaryPasswordDialog(self, record.username)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.reset_password(record.username, form.password.text())

    def reset_password(self, username: str, password: str) -> None:
        self._change(partial(_reset, self._actor, username, password))

    @Slot()
    def _on_active_clicked(self) -> None:
        record = self.selected()
        if record is not None:
            self.set_active(record.username, not record.active)

    def set_active(self, username: str, active: bool) -> None:
        self._change(partial(_enable if active else _disable, self._actor, username))


def _create(actor: Actor, username: str, full_name: str, title: str, roles: frozenset[str],
            counter: str, password: str, store: Store) -> UserRecord:
    return users.create_user(store, actor, username, full_name, password, roles, title=title,
                             counter_code=counter.strip() or None)


def _set_roles(actor: Actor, username: str, roles: frozenset[str], counter: str,
               store: Store) -> UserRecord:
    return users.set_roles(store, actor, username, roles, counter)


def _reset(actor: Actor, username: str, password: str, store: Store) -> UserRecord:
    return users.reset_password(store, actor, username, password)


def _enable(actor: Actor, username: str, store: Store) -> UserRecord:
    return users.enable_user(store, actor, username)


def _disable(actor: Actor, username: str, store: Store) -> UserRecord:
    return users.disable_user(store, actor, username)
