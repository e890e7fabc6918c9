"""What the window's flat table models share: rows under column titles."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
_TOP = QModelIndex()


class TitledTableModel(QAbstractTableModel):
    """Subclasses keep their rows in `_rows` and give their column titles, looked up in the
    catalog each time they are asked for, so that a change of language shows at once."""

    _rows: Sequence[Any]

    def titles(self) -> tuple[str, ...]:
        raise NotImplementedError

    def rowCount(self, parent: Index = _TOP) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _TOP) -> int:
        return 0 if parent.isValid() else len(self.titles())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None
