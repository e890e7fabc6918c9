"""The results ready as table rows, the longest waiting first."""

from typing import Any

from PySide6.QtCore import Qt

from onestop.i18n import _, ngettext
from onestop.returning import ReadyResult
from printing.counter_time import format_compact
from ui.titled_table import Index, TitledTableModel

CODE, APPLICANT, PROCEDURE, APPOINTMENT, WAITING = range(5)


class ReadyTableModel(TitledTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ReadyResult] = []

    def show_results(self, rows: list[ReadyResult]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def titles(self) -> tuple[str, ...]:
        return (_("Mã hồ sơ"), _("Người nộp"), _("Thủ tục"), _("Hẹn trả"), _("Đã chờ"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            match index.column():
                case 0:
                    return row.code
                case 1:
                    return row.applicant_name
                case 2:
                    return row.procedure_name
                case 3:
                    return format_compact(row.due_at) or _("không hẹn")
                case 4:
                    return (ngettext("{0} ngày", "{0} ngày", row.days_waiting).format(row.days_waiting)
                            if row.days_waiting else _("hôm nay"))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == WAITING:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def result_at(self, row: int) -> ReadyResult | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
