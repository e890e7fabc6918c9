"""The dossier list: search as you type, filters, and Enter to open a dossier. It lists again
when the store tells that dossiers changed while it is on screen, and takes the catalogue again
when the catalogue changed."""

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent

from onestop.catalogue import ProcedureRecord
from onestop.changes import StoreChanges
from onestop.dossier_list import DossierFilter
from onestop.i18n import N_, _, ngettext
from onestop.lifecycle import lifecycle
from onestop.roles import Actor
from onestop.search import DossierSummary
from onestop.workdays import LOCAL_ZONE
from ui.dossiers.dossier_list_view import DossierListView
from ui.operations.dossier_work import ListDossiers, ListProcedures
from ui.tasks import TaskManager, Ticket

TYPING_PAUSE_MS = 200
_RECEIVED_DAYS = ((None, N_("Mọi ngày")), (0, N_("Hôm nay")), (6, N_("7 ngày qua")),
                  (29, N_("30 ngày qua")))


class DossierListScreen(QObject):
    dossier_opened = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor) -> None:
        view = DossierListView()
        super().__init__(view)
        self.view = view
        self._tasks = tasks
        self._actor = actor
        self._latest: Ticket | None = None
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        v = self.view
        v.status.addItem(_("Tất cả"), None)
        for code, status in lifecycle().statuses.items():
            v.status.addItem(_(status.name), code)
        v.procedure.addItem(_("Tất cả"), None)
        for days, text in _RECEIVED_DAYS:
            v.received.addItem(_(text), days)
        v.search.textChanged.connect(self._on_filter_changed)
        for combo in (v.status, v.procedure, v.received):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        for box in (v.overdue, v.due_today):
            box.toggled.connect(self._on_filter_changed)
        v.table.activated.connect(self._on_table_activated)
        v.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        v.search.installEventFilter(self)
        tasks.store_changed.connect(self._on_tasks_store_changed)
        self.catalogue_changed()

    def catalogue_changed(self) -> None:
        self._tasks.run_database(ListProcedures(), self._on_procedures_listed)

    def wanted(self) -> DossierFilter:
        v = self.view
        days = v.received.currentData()
        today = datetime.now(LOCAL_ZONE).date()
        return DossierFilter(
            typed=v.search.text(), status=v.status.currentData(),
            procedure_code=v.procedure.currentData(),
            received_from=None if days is None else today - timedelta(days=days),
            overdue_only=v.overdue.isChecked(), due_today_only=v.due_today.isChecked())

    def refresh(self) -> None:
        if self._latest is not None:
            self._latest.cancel()
        self._latest = self._tasks.run_database(ListDossiers(self._actor, self.wanted()),
                                                self._on_dossiers_listed)

    def search_for(self, text: str) -> None:
        self.view.search.setText(text)
        self.view.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.view.model.rowCount():
                self.view.table.setFocus()
                self.view.table.selectRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    self.view.model.rowCount() == 1:
                self._open(0)
                return True
        return False

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        if changes.catalogue:
            self.catalogue_changed()
        # a hidden list is listed afresh when it is shown
        if changes.dossiers and self.view.isVisibleTo(self.view.window()):
            self.refresh()

    def _on_filter_changed(self) -> None:
        self._pause.start()

    def _on_dossiers_listed(self, rows: list[DossierSummary]) -> None:
        self._latest = None
        self.view.model.show_dossiers(rows)
        self.view.count.setText(ngettext("{0} hồ sơ", "{0} hồ sơ", len(rows)).format(len(rows)))

    def _on_procedures_listed(self, procedures: list[ProcedureRecord]) -> None:
        choice = self.view.procedure
        chosen = choice.currentData()
        choice.blockSignals(True)
        while choice.count() > 1:  # the first item is "all procedures"
            choice.removeItem(1)
        for procedure in procedures:
            choice.addItem(f"{procedure.code} · {procedure.name}", procedure.code)
        choice.setCurrentIndex(max(choice.findData(chosen), 0))
        choice.blockSignals(False)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.view.model.summary_at(current.row())
        self.view.current.setText(
            _("{code} · {applicant} · {procedure} ({procedure_code})").format(
                code=row.code, applicant=row.applicant_name, procedure=row.procedure_name,
                procedure_code=row.procedure_code) if row is not None else "")

    def _on_table_activated(self, index: QModelIndex) -> None:
        self._open(index.row())

    def _open(self, row: int) -> None:
        code = self.view.model.code_at(row)
        if code is not None:
            self.dossier_opened.emit(code)
