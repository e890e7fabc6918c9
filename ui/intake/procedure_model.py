"""The procedures offered at intake, as a list model."""

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from onestop.catalogue import ProcedureRecord

PROCEDURE_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_TOP = QModelIndex()


class ProcedureListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._procedures: list[ProcedureRecord] = []

    def show_procedures(self, procedures: list[ProcedureRecord]) -> None:
        self.beginResetModel()
        self._procedures = list(procedures)
        self.endResetModel()

    def rowCount(self, parent: _Index = _TOP) -> int:
        return 0 if parent.isValid() else len(self._procedures)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._procedures):
            return None
        procedure = self._procedures[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{procedure.name}  ·  {procedure.code}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return procedure.field_name or procedure.name
        if role == PROCEDURE_ROLE:
            return procedure
        return None

    def procedure_at(self, row: int) -> ProcedureRecord | None:
        return self._procedures[row] if 0 <= row < len(self._procedures) else None
