"""Picking the procedure by typing a few letters, with or without diacritics, or its code:
Up and Down move in the list, Enter takes the highlighted one."""

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QListView, QVBoxLayout

from onestop.catalogue import ProcedureRecord
from onestop.i18n import _
from onestop.procedure_choice import ProcedureUse, ranked, with_use
from ui.intake.procedure_model import ProcedureListModel

_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}


class ProcedurePicker(QGroupBox):
    procedure_picked = Signal(object)

    def __init__(self) -> None:
        super().__init__(_("Thủ tục"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Gõ vài chữ của tên thủ tục (có dấu hay không) hoặc mã"))
        self.model = ProcedureListModel()
        self.list = QListView()
        self.list.setModel(self.model)
        # Tab reaches the list too: Enter or Space there takes the highlighted row
        self.list.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(130)
        self.picked_label = QLabel()
        self.picked_label.setProperty("role", "picked")
        self.picked_label.setWordWrap(True)
        self.picked_label.setTextFormat(Qt.TextFormat.PlainText)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.search)
        self._layout.addWidget(self.list, 1)
        self._layout.addWidget(self.picked_label)
        self._procedures: list[ProcedureRecord] = []
        self._uses: list[ProcedureUse] = []
        self._picked: ProcedureRecord | None = None
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.activated.connect(self._on_list_activated)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._hold_picked_height()

    def _hold_picked_height(self) -> None:
        """The whole name of the picked procedure, however long: the list gives up rows for it."""
        label = self.picked_label
        margins = self._layout.contentsMargins()
        width = self.contentsRect().width() - margins.left() - margins.right()
        label.setMinimumHeight(label.heightForWidth(width) if label.text() else 0)

    def offer(self, procedures: list[ProcedureRecord], uses: list[ProcedureUse]) -> None:
        self._procedures, self._uses = procedures, uses
        self._on_search_text_changed(self.search.text())

    def offer_procedures(self, procedures: list[ProcedureRecord]) -> None:
        self.offer(procedures, self._uses)

    def note_use(self, code: str, at: datetime) -> None:
        """One more dossier of this procedure: it moves up without asking the store again."""
        self._uses = with_use(self._uses, code, at)
        self._on_search_text_changed(self.search.text())

    def picked(self) -> ProcedureRecord | None:
        return self._picked

    def clear(self) -> None:
        self._picked = None
        self.search.clear()
        self.picked_label.clear()
        self._hold_picked_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick(self.list.currentIndex().row())
                return True
            return False
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = _MOVES.get(Qt.Key(event.key()))
            if step is not None and self.model.rowCount():
                row = min(max(self.list.currentIndex().row() + step, 0), self.model.rowCount() - 1)
                self.list.setCurrentIndex(self.model.index(row))
                return True
        return False

    def _on_search_text_changed(self, text: str) -> None:
        self.list.show()
        self.model.show_procedures(ranked(self._procedures, self._uses, text))
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def _on_search_return_pressed(self) -> None:
        self._pick(self.list.currentIndex().row())

    def _on_list_activated(self, index: object) -> None:
        self._pick(self.list.currentIndex().row())

    def _pick(self, row: int) -> None:
        procedure = self.model.procedure_at(row)
        if procedure is None:
            return
        self._picked = procedure
        self.picked_label.setText(f"{procedure.name} ({procedure.code})")
        self._hold_picked_height()
        # the checklist needs the room now; typing in the search brings the list back
        self.list.hide()
        self.procedure_picked.emit(procedure)
