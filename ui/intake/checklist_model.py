"""The documents checklist of the picked procedure: what was handed in, originals and copies,
and which mandatory papers are missing."""

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt, Signal

from onestop.catalogue import DocumentItem, fits_channel
from onestop.dossiers import IN_PERSON, HandedIn
from onestop.i18n import _
from ui.theme import OVERDUE
from ui.titled_table import Index, TitledTableModel

HANDED_IN, NAME, ORIGINALS, COPIES = range(4)
_MAX_COUNT = 99


@dataclass(frozen=True)
class ChecklistRow:
    item: DocumentItem
    handed_in: bool
    originals: int
    copies: int

    @property
    def missing(self) -> bool:
        return self.item.mandatory and not self.handed_in


class ChecklistModel(TitledTableModel):
    missing_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ChecklistRow] = []
        # an office may choose (intake.papers_ticked) to see its mandatory papers ticked at first
        self.mandatory_start_ticked = False

    def show_documents(self, documents: tuple[DocumentItem, ...], channel: int = IN_PERSON) -> None:
        """Papers start unticked, so that a receipt lists only what the officer looked at; the
        catalogue gives the counts."""
        self.beginResetModel()
        self._rows = [
            ChecklistRow(d, self.mandatory_start_ticked and d.mandatory,
                         max(d.originals, 0 if d.copies else 1), d.copies)
            for d in documents if fits_channel(d.name, channel)
        ]
        self.endResetModel()
        self.missing_changed.emit()

    def handed_in(self) -> tuple[HandedIn, ...]:
        return tuple(HandedIn(r.item.code, r.originals, r.copies) for r in self._rows
                     if r.handed_in)

    def rows(self) -> tuple[ChecklistRow, ...]:
        return tuple(self._rows)

    def missing(self) -> tuple[str, ...]:
        return tuple(r.item.name for r in self._rows if r.missing)

    def titles(self) -> tuple[str, ...]:
        return (_("Đã\nnộp"), _("Giấy tờ"), _("Bản\nchính"), _("Bản\nsao"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == HANDED_IN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() in (ORIGINALS, COPIES):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == HANDED_IN:
            return Qt.CheckState.Checked if row.handed_in else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME and role == Qt.ItemDataRole.DisplayRole:
                # a missing paper shows by its red row; the words would cost a line
                return f"{row.item.name} ({_('bắt buộc')})" if row.item.mandatory else row.item.name
            if column == NAME:
                return row.item.name
            if column == ORIGINALS:
                return row.originals
            if column == COPIES:
                return row.copies
        if role == Qt.ItemDataRole.BackgroundRole and row.missing:
            return OVERDUE
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ORIGINALS, COPIES):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, column = self._rows[index.row()], index.column()
        if column == HANDED_IN and role == Qt.ItemDataRole.CheckStateRole:
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            changed = replace(row, handed_in=ticked)
            if ticked and changed.originals + changed.copies == 0:
                changed = replace(changed, originals=1)
        elif column in (ORIGINALS, COPIES) and role == Qt.ItemDataRole.EditRole:
            try:
                count = int(value)
            except (TypeError, ValueError):
                return False
            if not 0 <= count <= _MAX_COUNT:
                return False
            changed = (replace(row, originals=count) if column == ORIGINALS
                       else replace(row, copies=count))
            if changed.originals + changed.copies == 0:
                changed = replace(changed, handed_in=False)
        else:
            return False
        self._rows[index.row()] = changed
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COPIES))
        if changed.missing != row.missing:
            self.missing_changed.emit()
        return True

    def tick(self, row: int, handed_in: bool) -> None:
        self.setData(self.index(row, HANDED_IN),
                     Qt.CheckState.Checked if handed_in else Qt.CheckState.Unchecked,
                     Qt.ItemDataRole.CheckStateRole)
