"""Reading the citizen's ID card from the scanner glass, for counters whose handheld QR scanner
mangles Vietnamese: one flatbed scan at 300 dpi, its QR read from the image, parsed like a
scanned code. The intake screen connects `id_card_read` to fill in the applicant."""

import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.idcard import IdCard, parse_qr
from onestop.store.engine import Store
from scanning.id_card_qr import read_id_card_qr
from scanning.office_scanner import OfficeScanner, office_scanner, scanner_for
from scanning.scanner import ColourMode, ScannedImage, ScanResult, Source
from ui.scanning.background import Relay, Report, Work, Workers

ID_CARD_DPI = 300


def read_card_on_glass(office: OfficeScanner, _report: Report) -> IdCard:
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


class IdCardFromGlass(QObject):
    id_card_read = Signal(IdCard)
    reading_failed = Signal(str)

    def __init__(self, store: Store, workers: Workers | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._workers = workers or Workers(self)
        self.action = QAction(_("Đọc thẻ căn cước trên mặt kính máy quét"), self)
        self.action.setToolTip(_("Đặt thẻ úp mặt có mã QR xuống kính rồi bấm."))
        self.action.triggered.connect(self.read)

    @Slot()
    def read(self) -> None:
        if not self.action.isEnabled():
            return
        self.action.setEnabled(False)
        self._start(self._workers.database, self._read_office, self._on_office_read)

    def shut_down(self) -> None:
        self._workers.wait()

    def _read_office(self, _report: Report) -> OfficeScanner:
        with self._store.read() as session:
            return office_scanner(session)

    @Slot(object)
    def _on_office_read(self, office: OfficeScanner) -> None:
        self._start(self._workers.devices, partial(read_card_on_glass, office), self._on_card_read)

    @Slot(object)
    def _on_card_read(self, card: IdCard) -> None:
        self.action.setEnabled(True)
        self.id_card_read.emit(card)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.action.setEnabled(True)
        self.reading_failed.emit(message)

    def _start(self, pool: QThreadPool, work: Work, on_finished: Callable[[Any], None]) -> None:
        relay = Relay(self)
        relay.finished.connect(on_finished)
        relay.failed.connect(self._on_failed)
        self._workers.run(pool, work, relay)
