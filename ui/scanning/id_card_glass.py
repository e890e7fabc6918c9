"""Reading the citizen's ID card from the scanner glass, for counters whose handheld QR scanner
mangles Vietnamese: one flatbed scan at 300 dpi, its QR read from the image, parsed like a
scanned code. The intake screen connects `id_card_read` to fill in the applicant."""

import threading
from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.idcard import IdCard, parse_qr
from onestop.store.engine import Store
from scanning.id_card_qr import read_id_card_qr
from scanning.office_scanner import OfficeScanner, office_scanner, scanner_for
from scanning.scanner import ColourMode, ScannedImage, ScanResult, Source
from ui.open_work import OpenWork
from ui.tasks import Call, StoreCall, TaskManager, failure_message

ID_CARD_DPI = 300


def read_card_on_glass(office: OfficeScanner) -> IdCard:
    """Runs in a worker: scans the glass once and reads the card's QR."""
    # grey whatever the office's default: line art can spoil the QR, colour only slows it down
    settings = replace(office.scan_settings(Source.FLATBED, ID_CARD_DPI), colour=ColourMode.GREY)
    scan = scanner_for(settings.device).scan(settings, threading.Event())
    try:
        for event in scan:
            if isinstance(event, ScannedImage):
                return parse_qr(read_id_card_qr(event.image))
            if isinstance(event, ScanResult):
                raise DomainError(event.message)
    finally:
        scan.close()
    raise AssertionError("a scan always ends with its result")


def _read_office(store: Store) -> OfficeScanner:
    return office_scanner(store)


class IdCardFromGlass(QObject):
    id_card_read = Signal(IdCard)
    reading_failed = Signal(str)

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = OpenWork(tasks)
        self.action = QAction(_("Đọc thẻ căn cước trên mặt kính máy quét"), self)
        self.action.setToolTip(_("Đặt thẻ úp mặt có mã QR xuống kính rồi bấm."))
        self.action.triggered.connect(self.read)

    @Slot()
    def read(self) -> None:
        if not self.action.isEnabled():
            return
        self.action.setEnabled(False)
        self._work.on_database(StoreCall(_read_office), self._on_office_read, self._on_failed)

    def shut_down(self) -> None:
        self._work.end()

    def _on_office_read(self, office: OfficeScanner) -> None:
        self._work.on_device(Call(read_card_on_glass, office), self._on_card_read, self._on_failed)

    def _on_card_read(self, card: IdCard) -> None:
        self.action.setEnabled(True)
        self.id_card_read.emit(card)

    def _on_failed(self, error: Exception) -> None:
        self.action.setEnabled(True)
        self.reading_failed.emit(failure_message(error))
