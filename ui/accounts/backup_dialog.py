"""Backup and restore for technicians and admins: a backup now, a restore from a file, and the
daily backup's folder, how many to keep, and its passphrase; on an office's server also which
computer makes the daily backup."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from onestop import settings
from onestop.backup import BACKUP_SUFFIX, BackupContents, BackupMade, read_backup
from onestop.backup import take_backup as make_backup
from onestop.backup_file import MIN_PASSPHRASE_LENGTH
from onestop.backup_schedule import save_daily, this_computer
from onestop.i18n import _
from onestop.landing_figures import last_backup_at
from onestop.restore import Restored, restore_store
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.workdays import LOCAL_ZONE
from printing.counter_time import format_moment
from ui.dialogs import StatusLine, password_line
from ui.tasks import StoreCall, TaskManager, failure_message


def _backup_name() -> str:
    return f"onestop-{datetime.now(LOCAL_ZONE):%Y%m%d-%H%M}{BACKUP_SUFFIX}"


@dataclass(frozen=True)
class DailySettings:
    folder: str
    keep: int
    last_backup_at: datetime | None = None
    # on an office's server, the computer that makes the daily backup ("" on a counter's own store)
    computer: str = ""


def _daily_settings(store: Store) -> DailySettings:
    values = settings.read_all(store)
    folder, keep = str(values["backup.folder"]), int(values["backup.keep"])
    computer = "" if store.is_sqlite else str(values["backup.computer"])
    return DailySettings(folder, keep, last_backup_at(store), computer)


def _save_daily(store: Store, actor: Actor, daily: DailySettings, passphrase: str) -> None:
    save_daily(store, actor, daily.folder, daily.keep, passphrase)


def _check(_store: Store, source: Path, passphrase: str) -> BackupContents:
    return read_backup(source, passphrase)


def _restore(store: Store, actor: Actor, source: Path, passphrase: str) -> Restored:
    return restore_store(store, actor, source, passphrase)


def describe(contents: BackupContents) -> str:
    return _("Bản sao lưu của {0} (quầy {1}), tạo lúc {2} bởi {3}: {4} hồ sơ, {5} tệp đính "
             "kèm.").format(contents.agency_code, contents.counter_code,
                            contents.created_at.astimezone(LOCAL_ZONE).strftime("%H:%M %d/%m/%Y"),
                            contents.made_by, contents.dossiers, contents.attachment_files)


def _path_row(field: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(field)
    row.addWidget(button)
    return row


class BackupDialog(QDialog):
    backup_made = Signal(str)
    backup_checked = Signal(object)
    restored = Signal()
    daily_saved = Signal()
    failed = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert tasks.store is not None
        self.tasks, self._actor = tasks, actor
        self.setWindowTitle(_("Sao lưu và phục hồi"))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._backup_tab(), _("Sao lưu"))
        self.tabs.addTab(self._restore_tab(), _("Phục hồi"))
        self.tabs.addTab(self._daily_tab(), _("Sao lưu hằng ngày"))
        layout.addWidget(self.tabs)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = StatusLine()
        layout.addWidget(self.status)
        close = QDialogButtonBox()
        close.addButton(_("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self._idle()
        tasks.run_database(StoreCall(_daily_settings), self._on_daily_read, self._on_task_failed)

    def _backup_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.backup_path = QLineEdit(str(Path.home() / _backup_name()))
        choose = QPushButton(_("Chọn…"))
        choose.clicked.connect(self._on_choose_backup_path_clicked)
        form.addRow(_("Lưu vào tệp"), _path_row(self.backup_path, choose))
        self.backup_passphrase = password_line(_("ít nhất {0} ký tự").format(
            MIN_PASSPHRASE_LENGTH))
        self.backup_repeated = password_line()
        form.addRow(_("Mật khẩu sao lưu"), self.backup_passphrase)
        form.addRow(_("Nhập lại"), self.backup_repeated)
        form.addRow(QLabel(_("Không có mật khẩu này thì không ai phục hồi được bản sao lưu; hãy "
                             "giữ nó ở nơi an toàn, tách khỏi tệp sao lưu.")))
        self.backup_button = QPushButton(_("Sao lưu ngay"))
        self.backup_button.clicked.connect(self._on_backup_clicked)
        form.addRow(self.backup_button)
        return tab

    def _restore_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.restore_path = QLineEdit()
        choose = QPushButton(_("Chọn…"))
        choose.clicked.connect(self._on_choose_restore_path_clicked)
        form.addRow(_("Tệp sao lưu"), _path_row(self.restore_path, choose))
        self.restore_passphrase = password_line()
        form.addRow(_("Mật khẩu sao lưu"), self.restore_passphrase)
        self.check_button = QPushButton(_("Kiểm tra tệp"))
        self.check_button.clicked.connect(self._on_check_clicked)
        form.addRow(self.check_button)
        self.understood = QCheckBox(_("Tôi hiểu: dữ liệu hiện tại sẽ được thay bằng bản sao lưu "
                                      "(bản hiện tại được giữ lại bên cạnh)."))
        self.restore_button = QPushButton(_("Phục hồi"))
        self.restore_button.setEnabled(False)
        self.understood.toggled.connect(self._on_understood_toggled)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        form.addRow(self.understood)
        form.addRow(self.restore_button)
        return tab

    def _daily_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.daily_folder = QLineEdit()
        choose = QPushButton(_("Chọn…"))
        choose.clicked.connect(self._on_choose_daily_folder_clicked)
        form.addRow(_("Thư mục"), _path_row(self.daily_folder, choose))
        self.daily_keep = QSpinBox()
        self.daily_keep.setRange(1, 365)
        form.addRow(_("Số bản giữ lại"), self.daily_keep)
        self.last_backup = QLabel("…")
        form.addRow(_("Sao lưu gần nhất"), self.last_backup)
        self.daily_computer = QLabel()
        self.daily_computer.setWordWrap(True)
        self.daily_computer.hide()
        form.addRow(self.daily_computer)
        self.daily_passphrase = password_line(_("bỏ trống để giữ mật khẩu đã lưu"))
        self.daily_repeated = password_line()
        form.addRow(_("Mật khẩu sao lưu"), self.daily_passphrase)
        form.addRow(_("Nhập lại"), self.daily_repeated)
        self.daily_button = QPushButton(_("Lưu cài đặt"))
        self.daily_button.clicked.connect(self._on_daily_clicked)
        form.addRow(self.daily_button)
        return tab

    def _busy(self, text: str) -> None:
        self.progress.show()
        self.status.show_info(text)
        for button in (self.backup_button, self.check_button, self.restore_button,
                       self.daily_button):
            button.setEnabled(False)

    def _idle(self) -> None:
        self.progress.hide()
        for button in (self.daily_button, self.backup_button, self.check_button):
            button.setEnabled(True)
        self.restore_button.setEnabled(self.understood.isChecked())

    def take_backup(self, target: Path, passphrase: str) -> None:
        self._busy(_("Đang sao lưu…"))
        self.tasks.run_device(StoreCall(make_backup, self._actor, target, passphrase),
                              self._on_backup_finished, self._on_task_failed)

    def check_backup(self, source: Path, passphrase: str) -> None:
        self._busy(_("Đang đọc và kiểm tra tệp sao lưu…"))
        self.tasks.run_device(StoreCall(_check, source, passphrase), self._on_check_finished,
                              self._on_task_failed)

    def restore_from(self, source: Path, passphrase: str) -> None:
        self._busy(_("Đang phục hồi…"))
        self.tasks.run_device(StoreCall(_restore, self._actor, source, passphrase),
                              self._on_restore_finished, self._on_task_failed)

    def save_daily(self, folder: str, keep: int, passphrase: str) -> None:
        self._busy(_("Đang lưu…"))
        self.tasks.run_database(StoreCall(_save_daily, self._actor, DailySettings(folder, keep),
                                          passphrase),
                                self._on_daily_saved, self._on_task_failed)

    @Slot()
    def _on_choose_backup_path_clicked(self) -> None:
        name, _chosen = QFileDialog.getSaveFileName(self, _("Lưu bản sao lưu"),
                                                   self.backup_path.text(),
                                                   _("Bản sao lưu OneStop (*{0})").format(
                                                       BACKUP_SUFFIX))
        if name:
            self.backup_path.setText(name)

    @Slot()
    def _on_choose_restore_path_clicked(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(self, _("Chọn bản sao lưu"), "",
                                                   _("Bản sao lưu OneStop (*{0})").format(
                                                       BACKUP_SUFFIX))
        if name:
            self.restore_path.setText(name)

    @Slot()
    def _on_choose_daily_folder_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(self, _("Thư mục sao lưu hằng ngày"),
                                                self.daily_folder.text())
        if name:
            self.daily_folder.setText(name)

    @Slot()
    def _on_backup_clicked(self) -> None:
        if self.backup_passphrase.text() != self.backup_repeated.text():
            self.status.show_error(_("Hai lần nhập mật khẩu không khớp."))
            return
        self.take_backup(Path(self.backup_path.text().strip()), self.backup_passphrase.text())

    @Slot()
    def _on_check_clicked(self) -> None:
        self.check_backup(Path(self.restore_path.text().strip()), self.restore_passphrase.text())

    @Slot(bool)
    def _on_understood_toggled(self, checked: bool) -> None:
        self.restore_button.setEnabled(checked)

    @Slot()
    def _on_restore_clicked(self) -> None:
        self.restore_from(Path(self.restore_path.text().strip()), self.restore_passphrase.text())

    @Slot()
    def _on_daily_clicked(self) -> None:
        if self.daily_passphrase.text() != self.daily_repeated.text():
            self.status.show_error(_("Hai lần nhập mật khẩu không khớp."))
            return
        self.save_daily(self.daily_folder.text(), self.daily_keep.value(),
                        self.daily_passphrase.text())

    def _on_daily_read(self, daily: object) -> None:
        assert isinstance(daily, DailySettings)
        self.daily_folder.setText(daily.folder)
        self.daily_keep.setValue(daily.keep)
        if daily.folder:
            # a backup by hand goes beside the daily ones unless the technician picks elsewhere
            self.backup_path.setText(str(Path(daily.folder) / _backup_name()))
        self.last_backup.setText(format_moment(daily.last_backup_at) if daily.last_backup_at
                                 else _("chưa sao lưu lần nào"))
        assert self.tasks.store is not None
        if not self.tasks.store.is_sqlite:
            self.daily_computer.setText(self._computer_text(daily.computer))
            self.daily_computer.show()

    @staticmethod
    def _computer_text(computer: str) -> str:
        here = this_computer()
        if computer == here:
            return _("Các quầy dùng chung máy chủ: máy này ({0}) làm sao lưu hằng ngày cho cả "
                     "cơ quan.").format(here)
        if computer:
            return _("Các quầy dùng chung máy chủ: máy {0} làm sao lưu hằng ngày cho cả cơ quan; "
                     "lưu cài đặt ở đây thì máy này ({1}) làm thay.").format(computer, here)
        return _("Các quầy dùng chung máy chủ: chưa máy nào làm sao lưu hằng ngày; lưu cài đặt "
                 "ở đây thì máy này ({0}) làm.").format(here)

    def _on_backup_finished(self, made: object) -> None:
        assert isinstance(made, BackupMade)
        self._idle()
        self.backup_passphrase.clear()
        self.backup_repeated.clear()
        self.status.show_info(_("Đã sao lưu và đọc lại được: {0} ({1:.1f} MB).").format(
            made.path, made.size / 2**20))
        self.backup_made.emit(str(made.path))

    def _on_check_finished(self, contents: object) -> None:
        assert isinstance(contents, BackupContents)
        self._idle()
        self.status.show_info(describe(contents))
        self.backup_checked.emit(contents)

    def _on_restore_finished(self, done: object) -> None:
        assert isinstance(done, Restored)
        self.understood.setChecked(False)
        self._idle()
        self.restore_passphrase.clear()
        text = _("Đã phục hồi. {0}").format(describe(done.contents))
        if done.previous_copy is not None:
            text += " " + _("Dữ liệu trước khi phục hồi được giữ ở {0}.").format(done.previous_copy)
        if done.audit_breaks:
            text += " " + _("Cảnh báo: nhật ký trong bản sao lưu có {0} chỗ bị can thiệp.").format(
                done.audit_breaks)
        self.status.show_info(text)
        self.restored.emit()

    def _on_daily_saved(self, _result: object) -> None:
        self._idle()
        self.daily_passphrase.clear()
        self.daily_repeated.clear()
        self.status.show_info(_("Đã lưu cài đặt sao lưu hằng ngày."))
        self.tasks.run_database(StoreCall(_daily_settings), self._on_daily_read,
                                self._on_task_failed)
        self.daily_saved.emit()

    def _on_task_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self._idle()
        self.status.show_error(message)
        self.failed.emit(message)
