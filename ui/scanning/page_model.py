"""The scanned pages as thumbnails, in filing order, each labelled with its checklist item; pages
the blank rule dropped are shown faded and marked, so the officer can keep them after all."""

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from onestop.i18n import _
from scanning.arrangement import ArrangedPage, PageArrangement
from scanning.page import Page

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
DROPPED_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-onestop-page-rows"
_Index = QModelIndex | QPersistentModelIndex
_TOP = QModelIndex()
_FADED = 0.35
_DROPPED_TEXT = QColor("#6a6a6a")


def _picture(page: Page) -> QPixmap:
    image = QImage.fromData(page.thumbnail)
    if page.kept:
        return QPixmap.fromImage(image)
    faded = QPixmap(image.size())
    faded.fill(Qt.GlobalColor.white)
    painter = QPainter(faded)
    painter.setOpacity(_FADED)
    painter.drawImage(0, 0, image)
    painter.end()
    return faded


class ScannedPagesModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pages = PageArrangement()
        self._items: dict[str, str] = {}
        self._pictures: dict[tuple[str, int, bool], QPixmap] = {}

    # --- what the officer does ----------------------------------------------------------------

    def show_checklist(self, items: Sequence[tuple[str, str]]) -> None:
        """The checklist items (code, name) the pages can be assigned to."""
        self._items = dict(items)
        self._changed(range(len(self._pages)))

    def add(self, page: Page, document_code: str | None) -> None:
        row = len(self._pages)
        self.beginInsertRows(_TOP, row, row)
        self._pages.add(page, document_code)
        self.endInsertRows()

    def turn(self, rows: Iterable[int], quarter_turns: int) -> None:
        rows = list(rows)
        for row in rows:
            self._pages.turn(row, quarter_turns)
        self._changed(rows)

    def assign(self, rows: Iterable[int], document_code: str | None) -> None:
        rows = list(rows)
        for row in rows:
            self._pages.assign(row, document_code)
        self._changed(rows)

    def reverse_blank(self, rows: Iterable[int]) -> None:
        rows = list(rows)
        for row in rows:
            self._pages.reverse_blank(row)
        self._changed(rows)

    def keep_blank_pages(self) -> None:
        self._changed(self._pages.keep_blank_pages())

    def delete(self, rows: Iterable[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(_TOP, row, row)
            self._pages.delete(row)
            self.endRemoveRows()

    def move(self, row: int, to: int) -> bool:
        """The page at `row` ends up at `to`."""
        return self.moveRows(_TOP, row, 1, _TOP, to + 1 if to > row else to)

    def clear(self) -> list[Page]:
        """Empties the list; returns every page it held, deleted ones too."""
        self.beginResetModel()
        held = self._pages.clear()
        self._pictures.clear()
        self.endResetModel()
        return held

    # --- what it holds ------------------------------------------------------------------------

    def to_file(self) -> list[ArrangedPage]:
        return self._pages.to_file()

    def page(self, row: int) -> ArrangedPage:
        return self._pages[row]

    def dropped(self) -> int:
        return self._pages.dropped()

    def item_name(self, document_code: str | None) -> str:
        if document_code is None:
            return _("Chưa xếp vào giấy tờ nào")
        return self._items.get(document_code, document_code)

    # --- Qt's side ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _TOP) -> int:
        return 0 if parent.isValid() else len(self._pages)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._pages):
            return None
        placed = self._pages[index.row()]
        page = placed.page
        if role == Qt.ItemDataRole.DisplayRole:
            # no page number: it would change on every row moved or removed before it
            return _("Trang trắng, đã bỏ") if not page.kept else self.item_name(placed.document_code)
        if role == Qt.ItemDataRole.DecorationRole:
            key = (page.sha256, page.quarter_turns, page.kept)
            if key not in self._pictures:
                self._pictures[key] = _picture(page)
            return self._pictures[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.item_name(placed.document_code)
        if role == Qt.ItemDataRole.ForegroundRole and not page.kept:
            return _DROPPED_TEXT
        if role == PAGE_ROLE:
            return placed
        if role == DROPPED_ROLE:
            return not page.kept
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def moveRows(self, sourceParent: _Index, sourceRow: int, count: int,
                 destinationParent: _Index, destinationChild: int) -> bool:
        """Qt's move: `destinationChild` is the row the pages go before, counted before the move."""
        last = sourceRow + count - 1
        if (sourceParent.isValid() or destinationParent.isValid() or count < 1
                or sourceRow < 0 or last >= len(self._pages)
                or not 0 <= destinationChild <= len(self._pages)
                or sourceRow <= destinationChild <= last + 1):
            return False
        self.beginMoveRows(_TOP, sourceRow, last, _TOP, destinationChild)
        to = destinationChild if destinationChild < sourceRow else destinationChild - count
        for step in range(count):
            if to < sourceRow:
                self._pages.move(sourceRow + step, to + step)
            else:
                self._pages.move(sourceRow, to + count - 1)
        self.endMoveRows()
        return True

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(",".join(map(str, rows)).encode("ascii")))
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        """Moves the dragged pages; answers False so the view removes nothing afterwards."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        text = bytes(data.data(MIME_TYPE).data()).decode("ascii")
        dragged = [int(row) for row in text.split(",") if row.isdigit()]
        insert_at = parent.row() if parent.isValid() else len(self._pages) if row < 0 else row
        order = list(range(len(self._pages)))
        for original in sorted(set(dragged)):
            if not 0 <= original < len(order):
                continue
            at = order.index(original)
            order.pop(at)
            if at < insert_at:
                insert_at -= 1
            order.insert(insert_at, original)
            if at != insert_at:
                self.move(at, insert_at)
            insert_at += 1
        return False

    def _changed(self, rows: Iterable[int]) -> None:
        for row in rows:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)
