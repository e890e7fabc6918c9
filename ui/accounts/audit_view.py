"""The supervisor's audit view: who did what to which dossier and when, filtered, exported to CSV,
and the chain check that says whether any row was changed or deleted."""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop import audit
from onestop.audit import AuditBreak, AuditFilter
from onestop.audit_export import AuditExported, export_csv
from onestop.audit_reading import ReadableEntry, readable_entries
from onestop.i18n import N_, _
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.workdays import LOCAL_ZONE
from ui.day_fields import picked_day
from ui.dialogs import StatusLine
from ui.tasks import StoreCall, TaskManager, failure_message

SHOWN_ROWS = 1000
# wide enough to read the details of a row without scrolling sideways on a counter screen
OPENING_SIZE = (1280, 680)
DETAILS, DETAILS_WIDTH = 5, 360
_COLUMNS = (N_("STT"), N_("Thời điểm"), N_("Người thực hiện"), N_("Thao tác"), N_("Đối tượng"),
            N_("Chi tiết"))


def _check(store: Store, actor: Actor) -> list[AuditBreak]:
    return audit.check_chain(store, actor)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), LOCAL_ZONE).astimezone(UTC)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class AuditView(QWidget):
    entries_loaded = Signal(int)
    verified = Signal(int)
    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self._actor = tasks, actor
        self.setWindowTitle(_("Nhật ký thao tác"))
        layout = QVBoxLayout(self)
        filters = QFormLayout()
        today = datetime.now(LOCAL_ZONE).date()
        self.since = _date_edit(today - timedelta(days=30))
        self.until = _date_edit(today)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(self.until)
        filters.addRow(_("Từ ngày - đến ngày"), dates)
        self.by = QLineEdit()
        self.by.setPlaceholderText(_("tên đăng nhập"))
        filters.addRow(_("Người thực hiện"), self.by)
        self.action = QComboBox()
        self.action.addItem(_("Mọi thao tác"), "")
        for code in sorted(audit.ACTION_NAMES, key=audit.action_name):
            self.action.addItem(audit.action_name(code), code)
        filters.addRow(_("Thao tác"), self.action)
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(_("mã hồ sơ, tên đăng nhập…"))
        filters.addRow(_("Đối tượng"), self.subject)
        layout.addLayout(filters)
        buttons = QHBoxLayout()
        self.filter_button = QPushButton(_("Lọc"))
        self.export_button = QPushButton(_("Xuất CSV…"))
        self.verify_button = QPushButton(_("Kiểm tra toàn vẹn nhật ký"))
        self.filter_button.clicked.connect(self._on_filter_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.verify_button.clicked.connect(self._on_verify_clicked)
        for button in (self.filter_button, self.export_button, self.verify_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in _COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.status = StatusLine()
        layout.addWidget(self.status)
        self.reload()

    def sizeHint(self) -> QSize:
        return QSize(*OPENING_SIZE)

    def current_filter(self) -> AuditFilter:
        since, until = picked_day(self.since), picked_day(self.until)
        return AuditFilter(_local_midnight(since), _local_midnight(until + timedelta(days=1)),
                           self.by.text(), str(self.action.currentData()), self.subject.text())

    def reload(self) -> None:
        self.tasks.run_database(StoreCall(readable_entries, self._actor, self.current_filter(),
                                          SHOWN_ROWS),
                                self._on_read_finished, self._on_task_failed)

    def export_to(self, target: Path) -> None:
        self.status.show_info(_("Đang xuất…"))
        self.tasks.run_database(StoreCall(export_csv, self._actor, target, self.current_filter()),
                                self._on_export_finished, self._on_task_failed)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.status.show_info(_("Đang kiểm tra toàn bộ nhật ký…"))
        self.tasks.run_database(StoreCall(_check, self._actor), self._on_check_finished,
                                self._on_task_failed)

    @Slot()
    def _on_filter_clicked(self) -> None:
        self.reload()

    @Slot()
    def _on_export_clicked(self) -> None:
        name, _chosen = QFileDialog.getSaveFileName(self, _("Xuất nhật ký"), "nhat-ky.csv",
                                                   _("Tệp CSV (*.csv)"))
        if name:
            self.export_to(Path(name))

    @Slot()
    def _on_verify_clicked(self) -> None:
        self.verify()

    def _on_read_finished(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            assert isinstance(row, ReadableEntry)
            cells = (str(row.number), row.at, row.person, row.action, row.subject, row.details)
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(DETAILS, max(self.table.columnWidth(DETAILS), DETAILS_WIDTH))
        self.table.resizeRowsToContents()
        shown = _("{0} dòng").format(len(rows))
        if len(rows) == SHOWN_ROWS:
            shown = _("{0} dòng mới nhất; thu hẹp bộ lọc hoặc xuất CSV để xem hết.").format(
                SHOWN_ROWS)
        self.status.show_info(shown)
        self.entries_loaded.emit(len(rows))

    def _on_export_finished(self, done: object) -> None:
        assert isinstance(done, AuditExported)
        self.status.show_info(_("Đã xuất {0} dòng vào {1}.").format(done.rows, done.path))
        self.exported.emit(str(done.path))

    def _on_check_finished(self, breaks: object) -> None:
        assert isinstance(breaks, list)
        self.verify_button.setEnabled(True)
        if breaks:
            self.status.show_error(
                _("Nhật ký đã bị can thiệp ở {0} chỗ:").format(len(breaks)) + "\n"
                + "\n".join(b.describe() for b in breaks[:20]))
        else:
            self.status.show_info(_("Nhật ký toàn vẹn: không dòng nào bị sửa, xoá hay đổi chỗ."))
        self.verified.emit(len(breaks))

    def _on_task_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.verify_button.setEnabled(True)
        self.status.show_error(message)
        self.failed.emit(message)
