"""Dossiers as table rows, coloured by how urgent they are."""

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt

from onestop.dossier_list import DUE_SOON, DUE_TODAY, OVERDUE, urgency
from onestop.i18n import _
from onestop.search import DossierSummary
from printing.counter_time import format_compact
from ui.dossiers.appointment import has_appointment
from ui.theme import DUE_SOON as DUE_SOON_COLOUR
from ui.theme import DUE_TODAY as DUE_TODAY_COLOUR
from ui.theme import OVERDUE as OVERDUE_COLOUR
from ui.titled_table import Index, TitledTableModel

CODE, APPLICANT, PROCEDURE, STATUS, RECEIVED, DUE = range(6)
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
_COLOURS = {OVERDUE: OVERDUE_COLOUR, DUE_TODAY: DUE_TODAY_COLOUR, DUE_SOON: DUE_SOON_COLOUR}
_MARKS = {OVERDUE: "⚠ ", DUE_TODAY: "● "}


class DossierTableModel(TitledTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DossierSummary] = []
        self._now = datetime.now(UTC)

    def show_dossiers(self, rows: list[DossierSummary], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now or datetime.now(UTC)
        self.endResetModel()

    def titles(self) -> tuple[str, ...]:
        return (_("Mã hồ sơ"), _("Người nộp"), _("Thủ tục"), _("Trạng thái"), _("Ngày nhận"),
                _("Hẹn trả"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        pressing = (urgency(row.due_at, row.finished_at, self._now) if has_appointment(row.status)
                    else None)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column(), pressing)
        if role == Qt.ItemDataRole.BackgroundRole and pressing is not None:
            return _COLOURS[pressing]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.procedure_name
        if role == CODE_ROLE:
            return row.code
        return None

    @staticmethod
    def _text(row: DossierSummary, column: int, pressing: str | None) -> str | None:
        match column:
            case 0:
                return row.code
            case 1:
                return row.applicant_name
            case 2:
                return row.procedure_name
            case 3:
                return _(row.status_name)
            case 4:
                return format_compact(row.received_at)
            case 5:
                if not has_appointment(row.status):
                    return _("không hẹn")
                due = format_compact(row.due_at) or _("không hẹn")
                return _MARKS.get(pressing or "", "") + due
        return None

    def summary_at(self, row: int) -> DossierSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def code_at(self, row: int) -> str | None:
        return self._rows[row].code if 0 <= row < len(self._rows) else None
