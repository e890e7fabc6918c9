"""The technician's scanner set-up: the scanner (found through SANE and eSCL, or a network address
typed in), the defaults every scan starts from, a trial scan, the folder a network scanner drops
files into, and the handheld QR scanner with a trial scan of an ID card.

Every search, check, scan and save runs on the window's task manager; the answers come back on
the main thread, and the screen says each one in its state line.
"""

import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import serial
from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtGui import QCloseEvent, QHideEvent, QPixmap
from PySide6.QtWidgets import QFileDialog, QScrollArea, QStyle, QVBoxLayout, QWidget

from onestop import settings
from onestop.errors import DomainError
from onestop.i18n import N_, _
from onestop.idcard import parse_qr
from onestop.roles import Actor
from printing.printer_choices import serial_ports
from scanning.escl_discovery import device_from_address
from scanning.office_scanner import FEEDER, FLATBED, MODES, find_scanners, scanner_for, source_of
from scanning.page_pipeline import PagePipeline, PageSettings
from scanning.scanner import Capabilities, ScannedImage, ScannerDevice, ScanResult, ScanSettings, Source
from ui.open_work import OpenWork
from ui.scanner.serial_reader import SerialQrPort
from ui.scanner.wedge_filter import KEEPS_SCANS
from ui.scanning.scanner_setup_view import TRIAL_PICTURE, ScannerSetupView
from ui.tasks import Call, ReportingCall, StoreCall, TaskManager, failure_message
from ui.unsaved import UnsavedAnswer, UnsavedQuestion

SOURCE_CHOICES = ((FLATBED, N_("Mặt kính")), (FEEDER, N_("Khay nạp giấy")))
MODE_CHOICES = (("gray", N_("Xám (mặc định)")), ("bilevel", N_("Đen trắng")), ("color", N_("Màu")))
QR_MODES = (("keyboard", N_("Bàn phím (cắm USB như bàn phím)")), ("serial", N_("Cổng nối tiếp (COM)")))
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
SOURCE_NAMES = {Source.FLATBED: N_("mặt kính"), Source.FEEDER: N_("khay nạp"),
                Source.DUPLEX: N_("khay nạp hai mặt")}
# UTF-8 bytes taken one by one as a Western code page (a keyboard wedge's usual damage) turn up
# as these signs; names and addresses never hold them
_MANGLED = re.compile("[\ufffd\u00a1-\u00bf]")
_SETTINGS = ("scanner.device", "scanner.source", "scanner.duplex", "scanner.resolution", "scanner.mode",
             "scanner.watch_folder", "qr_scanner.mode", "qr_scanner.port")


@dataclass(frozen=True)
class TrialScan:
    scanned: bool
    message: str
    thumbnail: bytes


def _capabilities(device: str) -> tuple[str, Capabilities]:
    return device, scanner_for(device).capabilities(device)


def _trial(scan: ScanSettings, page_settings: PageSettings) -> TrialScan:
    """One page, treated as a scanned page of a dossier would be, kept nowhere."""
    events = scanner_for(scan.device).scan(scan, threading.Event())
    try:
        for event in events:
            if isinstance(event, ScanResult):
                return TrialScan(False, event.message, b"")
            if isinstance(event, ScannedImage):
                with tempfile.TemporaryDirectory(prefix="onestop-trial-") as folder:
                    page = PagePipeline(Path(folder), page_settings).store(event)
                said = _("Quét thử được một trang: {width}×{height} điểm ảnh, {dpi} dpi, {size} KB.")
                return TrialScan(True, said.format(width=page.width, height=page.height,
                                                   dpi=round(page.dpi), size=round(page.size / 1024)),
                                 page.thumbnail)
    finally:
        events.close()
    raise AssertionError("a scan always ends with its result")


def _listen(port: str, baud: int, cancel: threading.Event, report: Callable[[str], None]) -> None:
    try:
        reader = SerialQrPort(port, baudrate=baud)
    except (OSError, ValueError) as error:
        raise DomainError(_("Không mở được cổng {port}: {reason}").format(port=port, reason=error)) from error
    try:
        while not cancel.is_set():
            code = reader.read_code()
            if code:
                report(code)
    except serial.SerialException as error:
        raise DomainError(_("Cổng {port} ngừng trả lời: {reason}").format(port=port, reason=error)) from error
    finally:
        reader.close()




def _offers(caps: Capabilities) -> str:
    sources = ", ".join(_(SOURCE_NAMES[source]) for source in Source if source in caps.sources)
    resolutions = ", ".join(str(dpi) for dpi in caps.resolutions) or "?"
    return _("Máy quét có: {sources}. Độ phân giải (dpi): {resolutions}.").format(
        sources=sources, resolutions=resolutions)


class ScannerSetupScreen(QWidget):
    settings_loaded = Signal()
    scanners_found = Signal(int)
    # what the chosen scanner offers, or why it did not answer
    scanner_checked = Signal(str)
    trial_scanned = Signal(bool, str)
    settings_saved = Signal()
    # what a trial scan of the handheld QR scanner gave, or why it is no ID card
    qr_code_read = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor,
                 find: Callable[[], list[ScannerDevice]] = find_scanners,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty(KEEPS_SCANS, True)
        self.view = ScannerSetupView()
        # Taller than a 768-pixel screen with its trial picture: it scrolls there.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(self.view.buttons)
        self._saved: dict[str, Any] | None = None
        self._closing_after_save = False
        self.unsaved_question: UnsavedQuestion | None = None
        self._actor = actor
        self._work = OpenWork(tasks)
        self._find = find
        self._listening = threading.Event()
        v = self.view
        for key, label in SOURCE_CHOICES:
            v.source.addItem(_(label), key)
        for dpi in settings.key("scanner.resolution").choices:
            v.resolution.addItem(f"{dpi} dpi", dpi)
        for key, label in MODE_CHOICES:
            v.mode.addItem(_(label), key)
        for key, label in QR_MODES:
            v.qr_mode.addItem(_(label), key)
        for rate in BAUD_RATES:
            v.qr_baud.addItem(str(rate), rate)
        v.device.currentIndexChanged.connect(self._on_device_changed)
        v.search.clicked.connect(self._on_search_clicked)
        v.add_address.clicked.connect(self._on_add_address_clicked)
        v.address.returnPressed.connect(self._on_add_address_clicked)
        v.trial.clicked.connect(self._on_trial_clicked)
        v.browse.clicked.connect(self._on_browse_clicked)
        v.qr_mode.currentIndexChanged.connect(self._on_qr_mode_changed)
        v.qr_find_ports.clicked.connect(self._on_qr_find_ports_clicked)
        v.qr_listen.toggled.connect(self._on_qr_listen_toggled)
        v.qr_test.returnPressed.connect(self._on_qr_test_return_pressed)
        v.save.clicked.connect(self._on_save_clicked)
        v.close_button.clicked.connect(self.close)
        self._on_qr_mode_changed()
        self._work.on_database(StoreCall(settings.read_all), self._on_settings_read, self._on_work_failed)

    def device(self) -> str:
        return str(self.view.device.currentData() or "")

    def sizeHint(self) -> QSize:
        """As large as the whole form, beside its scroll bar; the window keeps it on the screen."""
        return self.view.sizeHint() + QSize(self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent) + 4, 4)

    def shut_down(self) -> None:
        """Stops listening to the QR scanner and waits for the screen's work to end."""
        self._listening.set()
        self._work.end()

    def has_unsaved_changes(self) -> bool:
        return self._saved is not None and self._wanted() != self._saved

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_unsaved_changes():
            event.ignore()
            if self.unsaved_question is None:
                self.unsaved_question = UnsavedQuestion(
                    self, _("Cài đặt máy quét đã thay đổi mà chưa lưu."))
                self.unsaved_question.finished.connect(self._on_unsaved_question_finished)
                self.unsaved_question.open()
            return
        self.shut_down()
        super().closeEvent(event)

    @Slot(int)
    def _on_unsaved_question_finished(self, _result: int) -> None:
        assert self.unsaved_question is not None
        answer = self.unsaved_question.answer()
        self.unsaved_question.deleteLater()
        self.unsaved_question = None
        if answer == UnsavedAnswer.DROP:
            self._saved = self._wanted()
            self.close()
        elif answer == UnsavedAnswer.SAVE:
            self._closing_after_save = True
            self._on_save_clicked()

    def hideEvent(self, event: QHideEvent) -> None:
        # a technician who leaves the screen is done trying the QR scanner; the port is freed
        self.view.qr_listen.setChecked(False)
        super().hideEvent(event)

    # --- settings -----------------------------------------------------------------------------

    def _on_settings_read(self, values: dict[str, Any]) -> None:
        v = self.view
        device = str(values["scanner.device"])
        if device:
            self._offer([ScannerDevice(device, device)], device)
        v.source.setCurrentIndex(max(0, v.source.findData(values["scanner.source"] or FLATBED)))
        v.duplex.setChecked(bool(values["scanner.duplex"]))
        v.resolution.setCurrentIndex(max(0, v.resolution.findData(values["scanner.resolution"])))
        v.mode.setCurrentIndex(max(0, v.mode.findData(values["scanner.mode"])))
        v.watch_folder.setText(str(values["scanner.watch_folder"]))
        v.qr_mode.setCurrentIndex(max(0, v.qr_mode.findData(values["qr_scanner.mode"])))
        v.qr_port.setEditText(str(values["qr_scanner.port"]))
        self._saved = self._wanted()
        self.settings_loaded.emit()

    def _wanted(self) -> dict[str, Any]:
        v = self.view
        return dict(zip(_SETTINGS, (
            self.device(), v.source.currentData(), v.duplex.isChecked(), v.resolution.currentData(),
            v.mode.currentData(), v.watch_folder.text().strip(), v.qr_mode.currentData(),
            v.qr_port.currentText().strip()), strict=True))

    @Slot()
    def _on_save_clicked(self) -> None:
        wanted = self._wanted()
        self.view.save.setEnabled(False)
        self._say(_("Đang lưu…"))
        self._work.on_database(StoreCall(settings.save_changed, self._actor, wanted),
                               lambda _nothing: self._on_saved(wanted), self._on_save_failed)

    def _on_saved(self, wanted: dict[str, Any]) -> None:
        self._saved = wanted
        self.view.save.setEnabled(True)
        self._say(_("Đã lưu cài đặt máy quét."))
        self.settings_saved.emit()
        if self._closing_after_save:
            self.close()

    def _on_save_failed(self, error: Exception) -> None:
        self._closing_after_save = False
        self.view.save.setEnabled(True)
        self._say(failure_message(error))

    # --- the scanner --------------------------------------------------------------------------

    @Slot()
    def _on_search_clicked(self) -> None:
        self.view.search.setEnabled(False)
        self.view.found.setText(_("Đang tìm máy quét trên máy này và trên mạng…"))
        self._work.on_device(Call(self._find), self._on_scanners_found, self._on_finding_failed)

    def _on_scanners_found(self, found: list[ScannerDevice]) -> None:
        self.view.search.setEnabled(True)
        self._offer(found, self.device())
        self.view.found.setText(_("Tìm thấy {0} máy quét.").format(len(found)) if found
                                else _("Không thấy máy quét nào; có thể nhập địa chỉ máy quét mạng."))
        self.scanners_found.emit(len(found))

    def _on_finding_failed(self, error: Exception) -> None:
        self.view.search.setEnabled(True)
        self.view.found.setText(failure_message(error))

    @Slot()
    def _on_add_address_clicked(self) -> None:
        try:
            device = device_from_address(self.view.address.text())
        except DomainError as error:
            self.view.found.setText(error.message)
            return
        self._offer([device], device.id)

    def _offer(self, devices: list[ScannerDevice], chosen: str) -> None:
        """Adds scanners to the list (a device already there keeps its place) and selects one."""
        combo = self.view.device
        for device in devices:
            at = combo.findData(device.id)
            label = device.name if device.name == device.id else f"{device.name} — {device.id}"
            if at < 0:
                combo.addItem(label, device.id)
            elif device.name != device.id:
                combo.setItemText(at, label)
        at = combo.findData(chosen)
        if at >= 0 and at != combo.currentIndex():
            combo.setCurrentIndex(at)

    @Slot()
    def _on_device_changed(self) -> None:
        device = self.device()
        self.view.device_id.setText(device)
        self.view.offers.setText(_("Đang hỏi máy quét…") if device else "")
        if device:
            self._work.on_device(Call(_capabilities, device), self._on_capabilities_read,
                                 self._on_capabilities_failed)

    def _on_capabilities_read(self, answer: tuple[str, Capabilities]) -> None:
        device, caps = answer
        if device != self.device():
            return
        words = _offers(caps)
        self.view.offers.setText(words)
        self.view.duplex.setEnabled(Source.DUPLEX in caps.sources)
        self.scanner_checked.emit(words)

    def _on_capabilities_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.view.offers.setText(message)
        self.scanner_checked.emit(message)

    @Slot()
    def _on_trial_clicked(self) -> None:
        v = self.view
        device = self.device()
        if not device:
            v.trial_state.setText(_("Chưa chọn máy quét."))
            return
        colour, page_format = MODES[v.mode.currentData()]
        dpi = int(v.resolution.currentData())
        scan = ScanSettings(device, source_of(v.source.currentData(), v.duplex.isChecked()), dpi, colour)
        v.trial.setEnabled(False)
        v.trial_state.setText(_("Đang quét thử…"))
        self._work.on_device(Call(_trial, scan, PageSettings(dpi=dpi, format=page_format)),
                             self._on_trial_done, self._on_trial_failed)

    def _on_trial_done(self, trial: TrialScan) -> None:
        v = self.view
        v.trial.setEnabled(True)
        picture = QPixmap()
        if trial.thumbnail and picture.loadFromData(trial.thumbnail):
            v.trial_picture.setPixmap(picture.scaled(TRIAL_PICTURE, TRIAL_PICTURE))
        else:
            v.trial_picture.clear()
        v.trial_state.setText(trial.message)
        self.trial_scanned.emit(trial.scanned, trial.message)

    def _on_trial_failed(self, error: Exception) -> None:
        message = failure_message(error)
        self.view.trial.setEnabled(True)
        self.view.trial_picture.clear()
        self.view.trial_state.setText(message)
        self.trial_scanned.emit(False, message)

    @Slot()
    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Thư mục nhận tệp quét"),
                                                  self.view.watch_folder.text())
        if folder:
            self.view.watch_folder.setText(folder)

    # --- the handheld QR scanner --------------------------------------------------------------

    @Slot()
    def _on_qr_mode_changed(self) -> None:
        v = self.view
        serial_mode = v.qr_mode.currentData() == "serial"
        for widget in (v.qr_port, v.qr_find_ports, v.qr_baud, v.qr_listen):
            widget.setEnabled(serial_mode)
        if not serial_mode:
            v.qr_listen.setChecked(False)

    @Slot()
    def _on_qr_find_ports_clicked(self) -> None:
        self._work.on_device(Call(serial_ports), self._on_serial_ports_found, self._on_work_failed)

    def _on_serial_ports_found(self, ports: list[str]) -> None:
        combo = self.view.qr_port
        typed = combo.currentText()
        combo.clear()
        combo.addItems(ports)
        combo.setEditText(typed or (ports[0] if ports else ""))
        self.view.qr_result.setText(_("Tìm thấy {0} cổng nối tiếp.").format(len(ports)))

    @Slot(bool)
    def _on_qr_listen_toggled(self, listening: bool) -> None:
        self._listening.set()
        if not listening:
            return
        v = self.view
        port = v.qr_port.currentText().strip()
        if not port:
            v.qr_result.setText(_("Chưa nhập cổng nối tiếp."))
            v.qr_listen.setChecked(False)
            return
        self._listening = threading.Event()
        v.qr_result.setText(_("Đang nghe cổng {port}: hãy quét mã QR trên thẻ căn cước.").format(
            port=port))
        self._work.on_device(ReportingCall(_listen, port, int(v.qr_baud.currentData()), self._listening),
                             self._on_listening_ended, self._on_listening_failed, self._on_serial_code_read)

    def _on_serial_code_read(self, code: str) -> None:
        self.view.qr_test.setText(code)
        self._show_qr(code)

    def _on_listening_ended(self, _nothing: None) -> None:
        self.view.qr_listen.setChecked(False)

    def _on_listening_failed(self, error: Exception) -> None:
        self.view.qr_listen.setChecked(False)
        self.view.qr_result.setText(failure_message(error))

    @Slot()
    def _on_qr_test_return_pressed(self) -> None:
        self._show_qr(self.view.qr_test.text())

    def _show_qr(self, text: str) -> None:
        try:
            card = parse_qr(text)
        except DomainError as error:
            words = error.message
        else:
            born = card.birth_date.strftime("%d/%m/%Y") if card.birth_date else "?"
            words = _("Đọc được thẻ: {name}, số {number}, sinh ngày {born}, {address}.").format(
                name=card.full_name, number=card.id_number, born=born, address=card.address)
            if _MANGLED.search(card.full_name + card.address):
                words += " " + _("Chữ có dấu bị sai: máy đọc đang gõ như bàn phím. Hãy chuyển máy đọc "
                                 "sang chế độ cổng nối tiếp (COM).")
        self.view.qr_result.setText(words)
        self.qr_code_read.emit(words)

    # --- plumbing -----------------------------------------------------------------------------

    def _on_work_failed(self, error: Exception) -> None:
        self._say(failure_message(error))

    def _say(self, text: str) -> None:
        self.view.state.setText(text)
