"""A dossier's status history as a table."""

from typing import Any

from PySide6.QtCore import Qt

from onestop.dossiers import HistoryRow
from onestop.i18n import _
from onestop.lifecycle import lifecycle
from printing.counter_time import format_compact
from ui.titled_table import Index, TitledTableModel


class HistoryModel(TitledTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[HistoryRow, ...] = ()

    def show_history(self, rows: tuple[HistoryRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def titles(self) -> tuple[str, ...]:
        return (_("Thời điểm"), _("Trạng thái"), _("Người thực hiện"), _("Ghi chú"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        match index.column():
            case 0:
                return format_compact(row.at)
            case 1:
                return _(lifecycle().status(row.to_status).name)
            case 2:
                return row.actor if row.source == "counter" else f"{row.actor} ({row.source})"
            case 3:
                return row.note
        return None
