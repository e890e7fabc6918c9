"""'Trả kết quả': the dossiers whose result is ready, found as the officer types, and Enter to
hand the chosen one over. It lists again when the store tells that dossiers changed while it is
on screen."""

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent

from onestop.changes import StoreChanges
from onestop.i18n import _, ngettext
from onestop.returning import ReadyResult, results_ready
from onestop.roles import Actor
from ui.returns.results_ready_view import ResultsReadyView
from ui.returns.return_dialog import ResultToReturn, ReturnDialog
from ui.scanner.receipt_code import dossier_code_in
from ui.slip_desk import SlipDesk
from ui.tasks import StoreCall, TaskManager, Ticket

TYPING_PAUSE_MS = 200
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ResultsReadyScreen(QObject):
    def __init__(self, tasks: TaskManager, actor: Actor, slips: SlipDesk) -> None:
        view = ResultsReadyView()
        super().__init__(view)
        self.view = view
        self._tasks = tasks
        self._actor = actor
        self._slips = slips
        self._latest: Ticket | None = None
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        view.search.textChanged.connect(self._pause.start)
        view.search.installEventFilter(self)
        view.table.installEventFilter(self)
        view.table.activated.connect(self._on_table_activated)
        tasks.store_changed.connect(self._on_tasks_store_changed)

    def refresh(self) -> None:
        if self._latest is not None:
            self._latest.cancel()
        self._latest = self._tasks.run_database(
            StoreCall(results_ready, self._actor, self.view.search.text()), self._on_results_listed)

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        # a hidden list is listed afresh when it is shown
        if changes.dossiers and self.view.isVisibleTo(self.view.window()):
            self.refresh()

    def search_for(self, text: str) -> None:
        self.view.search.setText(dossier_code_in(text) or text)
        self.view.search.setFocus()

    def open_return(self, row: int) -> ReturnDialog | None:
        ready = self.view.model.result_at(row)
        if ready is None:
            return None
        return self.return_dialog(ready)

    def return_dialog(self, ready: ReadyResult) -> ReturnDialog:
        dialog = ReturnDialog(self.view, self._tasks, self._actor, self._slips, ResultToReturn(
            ready.code, ready.applicant_name, ready.procedure_name, ready.fees_total))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.result_returned.connect(self._on_dialog_result_returned)
        dialog.open()
        return dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        rows = self.view.model.rowCount()
        if watched is self.view.search:
            if event.key() == Qt.Key.Key_Down and rows:
                self.view.table.setFocus()
                self.view.table.selectRow(0)
                return True
            if event.key() in _ENTER and rows:
                self.open_return(max(self.view.table.currentIndex().row(), 0))
                return True
        elif watched is self.view.table and event.key() in _ENTER:
            self.open_return(self.view.table.currentIndex().row())
            return True
        return False

    def _on_results_listed(self, rows: list[ReadyResult]) -> None:
        self._latest = None
        self.view.model.show_results(rows)
        self.view.count.setText(ngettext("{0} hồ sơ chờ trả kết quả", "{0} hồ sơ chờ trả kết quả",
                                         len(rows)).format(len(rows)))
        if rows:
            self.view.table.selectRow(0)

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.open_return(index.row())

    def _on_dialog_result_returned(self, code: str) -> None:
        self.view.outcome.setText(_("Đã trả kết quả hồ sơ {0}; phiếu trả kết quả đang in.").format(code))
        self.view.search.clear()
        self.view.search.setFocus()
