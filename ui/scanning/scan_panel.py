"""Scanning a dossier's papers: pages come in from the office scanner, from files or from the
scanner's folder, appear as thumbnails while they arrive, are turned, put in order, deleted and
assigned to checklist items, and Save files one PDF per checklist item into the dossier.

Scans and files run on the window's device pool, filing on its database worker; every answer
comes back to the panel on the main thread. During an intake there is no dossier yet: the intake
screen calls `file_into(code)` once the dossier is received.
"""

import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from onestop.errors import DomainError
from onestop.i18n import N_, _, ngettext
from onestop.roles import Actor
from onestop.store.engine import Store
from scanning.arrangement import ArrangedPage
from scanning.filing import FiledDocument, discard_pages, file_pages, new_pages_folder
from scanning.intake import IntakeEvents, receive, receive_files
from scanning.office_scanner import OfficeScanner, office_scanner, scanner_for
from scanning.page import Page
from scanning.page_pipeline import PagePipeline
from scanning.scanner import FileRejected, ScanProgress, ScanResult, ScanSettings, Source
from scanning.watched_folder import WatchedFolder
from ui.open_work import OpenWork
from ui.scanning.page_model import ScannedPagesModel
from ui.scanning.scan_panel_view import ScanPanelView
from ui.signing.digitising_desk import DigitisingDesk
from ui.tasks import Call, ReportingCall, StoreCall, TaskManager, failure_message

SOURCES = (
    (Source.FLATBED, N_("Mặt kính")),
    (Source.FEEDER, N_("Khay nạp giấy")),
    (Source.DUPLEX, N_("Khay nạp, hai mặt")),
)
_FILE_FILTER = "PDF, JPEG, PNG, TIFF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"


def _received(start: Callable[[], IntakeEvents], report: Callable[[object], None]) -> ScanResult:
    """Runs in a worker: reports every event and returns the result that ends them."""
    events = start()
    try:
        for event in events:
            if isinstance(event, ScanResult):
                return event
            report(event)
    finally:
        events.close()
    raise AssertionError("a scan always ends with its result")


def _scan(settings: ScanSettings, cancel: threading.Event, pipeline: PagePipeline) -> IntakeEvents:
    return receive(scanner_for(settings.device), settings, cancel, pipeline)


def _from_folder(folder: str, cancel: threading.Event, pipeline: PagePipeline) -> IntakeEvents:
    return receive(WatchedFolder(), ScanSettings(folder), cancel, pipeline)


def _read_office(store: Store) -> OfficeScanner:
    return office_scanner(store)


class ScanPanel(QWidget):
    settings_loaded = Signal()
    pages_changed = Signal(int)
    scan_ended = Signal(str)
    # the dossier's code and what was attached (list[FiledDocument])
    papers_filed = Signal(str, object)
    filing_failed = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = ScanPanelView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.model = ScannedPagesModel(self)
        assert tasks.store is not None
        self._store = tasks.store
        self._actor = actor
        self._work = OpenWork(tasks)
        self._pipeline: PagePipeline | None = None
        self._office: OfficeScanner | None = None
        self._dossier: str | None = None
        self._cancel = threading.Event()
        self._receiving = False
        self._filing = False
        self._rejected: list[str] = []
        self._digitiser: DigitisingDesk | None = None
        self._filing_pages: list[ArrangedPage] = []
        v = self.view
        v.pages.setModel(self.model)
        for source, label in SOURCES:
            v.source.addItem(_(label), source)
        self.show_checklist(())
        v.scan.clicked.connect(self.scan)
        v.cancel.clicked.connect(self.cancel)
        v.import_files.clicked.connect(self._on_import_files_clicked)
        v.from_folder.clicked.connect(self.take_from_folder)
        v.assign.clicked.connect(self._on_assign_clicked)
        v.turn_left.clicked.connect(self._on_turn_left_clicked)
        v.turn_right.clicked.connect(self._on_turn_right_clicked)
        v.earlier.clicked.connect(self._on_earlier_clicked)
        v.later.clicked.connect(self._on_later_clicked)
        v.delete.clicked.connect(self._on_delete_clicked)
        v.keep_or_drop.clicked.connect(self._on_keep_or_drop_clicked)
        v.keep_blank.clicked.connect(self._on_keep_blank_clicked)
        v.save.clicked.connect(self.save)
        v.pages.selectionModel().selectionChanged.connect(self._on_pages_selection_changed)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.rowsMoved,
                       self.model.modelReset, self.model.dataChanged):
            signal.connect(self._on_model_changed)
        keys = ((QKeySequence.StandardKey.Delete, self._on_delete_clicked),
                (Qt.Modifier.CTRL | Qt.Key.Key_Left, self._on_earlier_clicked),
                (Qt.Modifier.CTRL | Qt.Key.Key_Right, self._on_later_clicked),
                (Qt.Modifier.CTRL | Qt.Key.Key_R, self._on_turn_right_clicked),
                # Ctrl+L locks the counter's screen
                (Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_R, self._on_turn_left_clicked))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), v.pages)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self._refresh()
        self.reload_settings()

    # --- what the window or the intake screen tells the panel ---------------------------------

    def reload_settings(self) -> None:
        """Reads the office's scanner settings again (after the technician changed them)."""
        self._work.on_database(StoreCall(_read_office), self._on_office_read, self._on_work_failed)

    def set_dossier(self, code: str | None) -> None:
        """The dossier Save files into; None during an intake, before the dossier exists."""
        self._dossier = code
        self._refresh()

    def show_checklist(self, items: Sequence[tuple[str, str]]) -> None:
        """The checklist items (code, name) pages can be assigned to; arriving pages go to the one
        chosen below the pages."""
        self.model.show_checklist(items)
        combo = self.view.item
        chosen = combo.currentData()
        combo.clear()
        combo.addItem(self.model.item_name(None), None)
        for code, name in items:
            combo.addItem(name, code)
        found = combo.findData(chosen) if chosen is not None else -1
        combo.setCurrentIndex(found if found >= 0 else (1 if items else 0))

    def digitise_with(self, desk: DigitisingDesk) -> None:
        """From now on the pages filed for checklist papers go on to `desk`, to become those
        papers' signed digitised copies."""
        self._digitiser = desk

    def has_pages(self) -> bool:
        return self.model.rowCount() > 0

    @Slot()
    def scan(self) -> None:
        if self._office is None or self._receiving:
            return
        try:
            settings = self._office.scan_settings(self.view.source.currentData())
        except DomainError as error:
            self._say(error.message)
            return
        self._receive(partial(_scan, settings), _("Đang quét…"))

    def import_files(self, paths: Sequence[Path]) -> None:
        if paths and self._office is not None and not self._receiving:
            self._receive(partial(receive_files, list(paths)), _("Đang nhập tệp…"))

    @Slot()
    def take_from_folder(self) -> None:
        if self._office is None or self._receiving:
            return
        folder = self._office.watch_folder
        if not folder:
            self._say(_("Chưa cài thư mục nhận tệp quét. Kỹ thuật viên cài trong phần máy quét."))
            return
        waiting = _("Đang chờ tệp trong thư mục {folder}… Bấm Dừng quét khi đã đủ.")
        self._receive(partial(_from_folder, folder), waiting.format(folder=folder))

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def save(self) -> None:
        if self._dossier is None:
            self._say(_("Hồ sơ chưa được lưu; các trang sẽ vào hồ sơ khi tiếp nhận xong."))
            return
        self.file_into(self._dossier)

    def file_into(self, code: str) -> None:
        """Files the pages into the dossier `code`, which Save uses from then on;
        `papers_filed` or `filing_failed` tells how it went."""
        self._dossier = code
        if self._receiving or self._filing:
            self._say(_("Đang quét hoặc đang lưu; chờ xong rồi lưu vào hồ sơ."))
            return
        pages = self.model.to_file()
        if not pages:
            self._say(_("Không có trang nào để lưu vào hồ sơ."))
            return
        self._filing = True
        self._filing_pages = pages
        self._refresh()
        self._say(_("Đang lưu các trang vào hồ sơ {code}…").format(code=code))
        self._work.on_database(StoreCall(file_pages, self._actor, code, pages), self._on_filed,
                               self._on_filing_failed)

    def start_over(self) -> None:
        """Throws the pages away, files and all (a new intake, or the officer starts again)."""
        self._forget(self.model.clear())

    def shut_down(self) -> None:
        """Stops a scan and waits for the panel's work to end; call before the panel goes away."""
        self._cancel.set()
        self._work.end()

    # --- answers from the workers -------------------------------------------------------------

    def _on_office_read(self, office: OfficeScanner) -> None:
        self._office = office
        source = self.view.source
        source.setCurrentIndex(max(0, source.findData(office.source)))
        self._refresh()
        self.settings_loaded.emit()

    def _on_scan_reported(self, event: object) -> None:
        if isinstance(event, Page):
            self.model.add(event, self.view.item.currentData())
            self.view.pages.scrollToBottom()
        elif isinstance(event, ScanProgress):
            bar = self.view.progress
            if event.fraction is None:
                bar.setRange(0, 0)
            else:
                bar.setRange(0, 100)
                bar.setValue(round(event.fraction * 100))
            bar.setFormat(_("Trang {number}").format(number=event.page_number))
        elif isinstance(event, FileRejected):
            self._rejected.append(event.message)
            self._say(event.message)

    def _on_scan_finished(self, result: ScanResult) -> None:
        self._scan_over(result.message)

    def _on_scan_failed(self, error: Exception) -> None:
        self._scan_over(failure_message(error))

    def _scan_over(self, message: str) -> None:
        self._receiving = False
        told = " ".join([*self._rejected, message])
        self._say(told)
        self._refresh()
        self.scan_ended.emit(told)

    def _on_filed(self, filed: list[FiledDocument]) -> None:
        self._filing = False
        code = filed[0].attached.code
        held = self.model.clear()
        handed = [page for page in self._filing_pages if page.document_code is not None]
        self._filing_pages = []
        if self._digitiser is None or not handed:
            self._forget(held)
        else:
            # the desk removes the pages it was handed once their copies are made
            kept = {page.page.path for page in handed}
            self._forget([page for page in held if page.path not in kept])
            self._digitiser.digitise(code, handed)
        pages = sum(document.pages for document in filed)
        self._say(ngettext("Đã lưu {pages} trang vào hồ sơ {code}.", "Đã lưu {pages} trang vào hồ sơ {code}.",
                           pages).format(pages=pages, code=code))
        self.papers_filed.emit(code, filed)

    def _on_filing_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self._filing = False
        self._filing_pages = []
        self._say(message)
        self._refresh()
        self.filing_failed.emit(message)

    def _on_work_failed(self, error: Exception) -> None:
        self._say(failure_message(error))

    def _on_pages_discarded(self, _nothing: None) -> None:
        """Nothing to tell: the pages had left the panel already."""

    # --- the officer's hands on the pages -----------------------------------------------------

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.view.pages.selectionModel().selectedIndexes())

    def _select(self, row: int) -> None:
        # the moved page alone, whatever modifier keys the window last saw held
        self.view.pages.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    @Slot()
    def _on_import_files_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Chọn tệp để nhập"), "", _FILE_FILTER)
        self.import_files([Path(name) for name in names])

    @Slot()
    def _on_assign_clicked(self) -> None:
        self.model.assign(self._selected_rows(), self.view.item.currentData())

    @Slot()
    def _on_turn_left_clicked(self) -> None:
        self.model.turn(self._selected_rows(), -1)

    @Slot()
    def _on_turn_right_clicked(self) -> None:
        self.model.turn(self._selected_rows(), 1)

    @Slot()
    def _on_earlier_clicked(self) -> None:
        rows = self._selected_rows()
        if len(rows) == 1 and rows[0] > 0 and self.model.move(rows[0], rows[0] - 1):
            self._select(rows[0] - 1)

    @Slot()
    def _on_later_clicked(self) -> None:
        rows = self._selected_rows()
        if len(rows) == 1 and rows[0] < self.model.rowCount() - 1 and self.model.move(rows[0], rows[0] + 1):
            self._select(rows[0] + 1)

    @Slot()
    def _on_delete_clicked(self) -> None:
        rows = self._selected_rows()
        self.model.delete(rows)
        if rows and self.model.rowCount():
            self._select(min(rows[0], self.model.rowCount() - 1))

    @Slot()
    def _on_keep_or_drop_clicked(self) -> None:
        self.model.reverse_blank(self._selected_rows())

    @Slot()
    def _on_keep_blank_clicked(self) -> None:
        self.model.keep_blank_pages()

    @Slot()
    def _on_pages_selection_changed(self) -> None:
        self._refresh()

    @Slot()
    def _on_model_changed(self) -> None:
        self._refresh()
        self.pages_changed.emit(len(self.model.to_file()))

    # --- plumbing -----------------------------------------------------------------------------

    def _receive(self, start: Callable[[threading.Event, PagePipeline], IntakeEvents],
                 doing: str) -> None:
        assert self._office is not None
        if self._pipeline is None:
            self._pipeline = PagePipeline(new_pages_folder(self._store), self._office.page_settings())
        self._cancel = threading.Event()
        self._receiving = True
        self._rejected = []
        self._say(doing)
        bar = self.view.progress
        bar.setRange(0, 0)
        bar.setFormat("")
        self._refresh()
        events = partial(start, self._cancel, self._pipeline)
        self._work.on_device(ReportingCall(_received, events), self._on_scan_finished, self._on_scan_failed,
                             self._on_scan_reported)

    def _forget(self, pages: list[Page]) -> None:
        """The next pages go to a folder of their own; these pages' files are removed."""
        self._pipeline = None
        if pages:
            self._work.on_device(Call(discard_pages, pages), self._on_pages_discarded, self._on_work_failed)

    def _say(self, text: str) -> None:
        self.view.state.setText(text)

    def _refresh(self) -> None:
        v = self.view
        ready = self._office is not None and not self._receiving and not self._filing
        selected = [] if self._filing else self._selected_rows()
        for widget in (v.scan, v.import_files, v.from_folder, v.source):
            widget.setEnabled(ready)
        v.cancel.setVisible(self._receiving)
        v.progress.setVisible(self._receiving)
        for button in (v.assign, v.turn_left, v.turn_right, v.delete, v.keep_or_drop):
            button.setEnabled(bool(selected))
        v.earlier.setEnabled(len(selected) == 1 and selected[0] > 0)
        v.later.setEnabled(len(selected) == 1 and selected[0] < self.model.rowCount() - 1)
        dropped = self.model.dropped()
        v.blank_notice.setText(ngettext("Đã bỏ {count} trang trắng.", "Đã bỏ {count} trang trắng.",
                                        dropped).format(count=dropped))
        v.blank_notice.setVisible(dropped > 0)
        v.keep_blank.setVisible(dropped > 0)
        v.save.setEnabled(ready and self._dossier is not None and bool(self.model.to_file()))
