"""The technician's printer set-up: the connection, paper and copies, a trial slip, the state.

Every check, search, print and save runs on the window's task manager; the answers come back to
this screen, which says each one in the state line.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from onestop import settings
from onestop.i18n import N_, _
from onestop.roles import Actor, require
from printing.print_service import PrintOutcome, printer_status
from printing.printer_choices import BAUD_RATES, printer_profiles, serial_ports
from printing.printer_errors import PrinterError
from printing.printer_profile import DEFAULT_PROFILE, printer_profile
from printing.printer_status import PrinterStatus, describe_status
from printing.printer_uri import (
    CupsAddress,
    FileAddress,
    PrinterAddress,
    SerialAddress,
    TcpAddress,
    UsbAddress,
    VirtualAddress,
    WindowsPrinterAddress,
    parse_printer_uri,
    printer_uri,
)
from printing.slip_layout import PaperWidth, paper_for_mm
from printing.trial_slip import print_trial_slip
from printing.usb_discovery import UsbPrinterInfo, find_usb_printers
from ui.printing.printer_setup_view import PrinterSetupView
from ui.tasks import Call, StoreCall, TaskManager, failure_message

USB, TCP, SERIAL, WINDOWS, CUPS, VIRTUAL, FILE = (
    "usb", "tcp", "serial", "win32raw", "cups", "virtual", "file")
# In the order of the view's pages.
KINDS = (
    (USB, N_("USB")),
    (TCP, N_("Mạng (máy in có địa chỉ IP)")),
    (SERIAL, N_("Cổng nối tiếp (COM)")),
    (WINDOWS, N_("Máy in Windows")),
    (CUPS, N_("Hàng đợi CUPS")),
    (VIRTUAL, N_("Thư mục ảo (không có máy in)")),
    (FILE, N_("Tệp hoặc thiết bị")),
)
FLOWS = (("none", N_("Không")), ("rtscts", "RTS/CTS"), ("dsrdtr", "DSR/DTR"), ("xonxoff", "XON/XOFF"))
STATUS_TIMEOUT = 3.0
_SETTINGS = ("printer.uri", "printer.paper_width", "printer.copies", "printer.profile")


class PrinterSetupScreen(QWidget):
    settings_loaded = Signal()
    printer_checked = Signal(str)
    trial_printed = Signal(bool, str)
    settings_saved = Signal()
    usb_printers_found = Signal(int)
    serial_ports_found = Signal(int)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PrinterSetupView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._tasks = tasks
        self._actor = actor
        self._agency = ""
        v = self.view
        for key, label in KINDS:
            v.kind.addItem(_(label), key)
        for rate in BAUD_RATES:
            v.baud.addItem(str(rate), rate)
        for key, label in FLOWS:
            v.flow.addItem(_(label), key)
        for millimetres in (58, 80):
            v.paper.addItem(f"{millimetres} mm", millimetres)
        v.profile.addItems(printer_profiles())
        v.copies.setRange(1, 2)
        v.port.setValue(9100)
        v.kind.currentIndexChanged.connect(self._on_kind_changed)
        for line in (v.host, v.windows_name, v.cups_queue, v.virtual_folder, v.file_path):
            line.textChanged.connect(self._on_field_changed)
        for combo in (v.usb_device, v.serial_port):
            combo.editTextChanged.connect(self._on_field_changed)
        for combo in (v.baud, v.flow):
            combo.currentIndexChanged.connect(self._on_field_changed)
        v.port.valueChanged.connect(self._on_field_changed)
        v.usb_find.clicked.connect(self._on_usb_find_clicked)
        v.serial_find.clicked.connect(self._on_serial_find_clicked)
        v.virtual_browse.clicked.connect(self._on_virtual_browse_clicked)
        v.check.clicked.connect(self._on_check_clicked)
        v.trial.clicked.connect(self._on_trial_clicked)
        v.save.clicked.connect(self._on_save_clicked)
        self._show_kind(TCP)
        tasks.run_database(StoreCall(settings.read_all), self._on_settings_read, self._on_work_failed)

    def address(self) -> PrinterAddress:
        """What the fields describe; raises PrinterError with the reason when they are not enough."""
        return parse_printer_uri(self._typed_uri())

    def _typed_uri(self) -> str:
        v = self.view
        kind = v.kind.currentData()
        typed = {USB: v.usb_device.currentText(), SERIAL: v.serial_port.currentText(),
                 TCP: v.host.text(), WINDOWS: v.windows_name.text(), CUPS: v.cups_queue.text(),
                 VIRTUAL: v.virtual_folder.text(), FILE: v.file_path.text()}[kind].strip()
        if not typed:
            return f"{kind}://"
        match kind:
            case "usb":
                found = v.usb_device.currentData()
                chosen = v.usb_device.itemText(v.usb_device.currentIndex()) == typed
                return str(found) if found and chosen else f"usb://{typed}"
            case "tcp":
                return printer_uri(TcpAddress(typed, v.port.value()))
            case "serial":
                return printer_uri(SerialAddress(typed, v.baud.currentData(), v.flow.currentData()))
            case "win32raw":
                return printer_uri(WindowsPrinterAddress(typed))
            case "cups":
                return printer_uri(CupsAddress(typed))
            case "virtual":
                return printer_uri(VirtualAddress(Path(typed)))
        return printer_uri(FileAddress(Path(typed)))

    def _device(self, op: Call[Any], done: Callable[[Any], None]) -> None:
        self._tasks.run_device(op, done, self._on_work_failed)

    def _show_kind(self, kind: str) -> None:
        self.view.kind.setCurrentIndex(self.view.kind.findData(kind))

    def _on_settings_read(self, values: dict[str, Any]) -> None:
        v = self.view
        self._agency = str(values["agency.name"])
        v.paper.setCurrentIndex(v.paper.findData(int(values["printer.paper_width"])))
        v.copies.setValue(int(values["printer.copies"]))
        v.profile.setCurrentText(str(values["printer.profile"]))
        uri = str(values["printer.uri"])
        if uri:
            try:
                self._fill(parse_printer_uri(uri))
            except PrinterError as error:
                v.state.setText(error.message)
        self._on_field_changed()
        self.settings_loaded.emit()

    def _fill(self, address: PrinterAddress) -> None:
        v = self.view
        match address:
            case UsbAddress():
                self._show_kind(USB)
                v.usb_device.setEditText(printer_uri(address).removeprefix("usb://"))
            case TcpAddress(host, port):
                self._show_kind(TCP)
                v.host.setText(host)
                v.port.setValue(port)
            case SerialAddress(port, baudrate, flow):
                self._show_kind(SERIAL)
                v.serial_port.setEditText(port)
                if v.baud.findData(baudrate) < 0:
                    v.baud.addItem(str(baudrate), baudrate)
                v.baud.setCurrentIndex(v.baud.findData(baudrate))
                v.flow.setCurrentIndex(v.flow.findData(flow))
            case WindowsPrinterAddress(name):
                self._show_kind(WINDOWS)
                v.windows_name.setText(name)
            case CupsAddress(queue):
                self._show_kind(CUPS)
                v.cups_queue.setText(queue)
            case VirtualAddress(folder):
                self._show_kind(VIRTUAL)
                v.virtual_folder.setText(str(folder))
            case FileAddress(path):
                self._show_kind(FILE)
                v.file_path.setText(str(path))

    @Slot(int)
    def _on_kind_changed(self, index: int) -> None:
        self.view.pages.setCurrentIndex(index)
        self._on_field_changed()

    @Slot()
    def _on_field_changed(self) -> None:
        try:
            self.view.address.setText(printer_uri(self.address()))
        except PrinterError as error:
            self.view.address.setText(error.message)

    def _uri_or_say(self) -> str | None:
        try:
            return printer_uri(self.address())
        except PrinterError as error:
            self.view.state.setText(error.message)
            return None

    @Slot()
    def _on_check_clicked(self) -> None:
        uri = self._uri_or_say()
        if uri is None:
            return
        self.view.state.setText(_("Đang hỏi máy in…"))
        self._device(Call(_status_words, uri), self._on_printer_checked)

    def _on_printer_checked(self, words: str) -> None:
        self.view.state.setText(words)
        self.printer_checked.emit(words)

    @Slot()
    def _on_trial_clicked(self) -> None:
        uri = self._uri_or_say()
        if uri is None:
            return
        width = paper_for_mm(int(self.view.paper.currentData()))
        self.view.trial.setEnabled(False)
        self.view.state.setText(_("Đang in thử…"))
        self._device(Call(_trial_slip, self._actor, uri, width, self._profile(), self._agency),
                     self._on_trial_done)

    def _on_trial_done(self, outcome: PrintOutcome) -> None:
        self.view.trial.setEnabled(True)
        words = outcome.message
        if outcome.status.known:
            words = f"{words} {describe_status(outcome.status)}"
        self.view.state.setText(words)
        self.trial_printed.emit(outcome.sent, words)

    @Slot()
    def _on_save_clicked(self) -> None:
        uri = self._uri_or_say()
        if uri is None:
            return
        v = self.view
        wanted = dict(zip(_SETTINGS, (uri, int(v.paper.currentData()), v.copies.value(),
                                      self._profile()), strict=True))
        self._tasks.run_database(StoreCall(settings.save_changed, self._actor, wanted), self._on_saved,
                                 self._on_work_failed)

    def _profile(self) -> str:
        return self.view.profile.currentText().strip() or DEFAULT_PROFILE

    def _on_saved(self, _nothing: object) -> None:
        self.view.state.setText(_("Đã lưu cài đặt máy in phiếu."))
        self.settings_saved.emit()

    @Slot()
    def _on_usb_find_clicked(self) -> None:
        self.view.state.setText(_("Đang tìm máy in USB…"))
        self._device(Call(find_usb_printers), self._on_usb_printers_found)

    def _on_usb_printers_found(self, found: list[UsbPrinterInfo]) -> None:
        combo = self.view.usb_device
        typed = combo.currentText()
        combo.clear()
        for printer in found:
            combo.addItem(printer.label, printer.uri)
        if not found:
            combo.setEditText(typed)
        self.view.state.setText(_("Tìm thấy {0} máy in USB.").format(len(found)) if found
                                else _("Không thấy máy in USB nào; có thể nhập mã hãng:mã máy."))
        self._on_field_changed()
        self.usb_printers_found.emit(len(found))

    @Slot()
    def _on_serial_find_clicked(self) -> None:
        self._device(Call(serial_ports), self._on_serial_ports_found)

    def _on_serial_ports_found(self, ports: list[str]) -> None:
        combo = self.view.serial_port
        typed = combo.currentText()
        combo.clear()
        combo.addItems(ports)
        combo.setEditText(typed or (ports[0] if ports else ""))
        self.view.state.setText(_("Tìm thấy {0} cổng nối tiếp.").format(len(ports)))
        self.serial_ports_found.emit(len(ports))

    @Slot()
    def _on_virtual_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Thư mục lưu phiếu"),
                                                  self.view.virtual_folder.text())
        if folder:
            self.view.virtual_folder.setText(folder)

    def _on_work_failed(self, error: Exception) -> None:
        self.view.trial.setEnabled(True)
        self.view.state.setText(failure_message(error))




def _trial_slip(actor: Actor, uri: str, width: PaperWidth, profile: str, agency: str) -> PrintOutcome:
    require(actor, "settings.devices")
    return print_trial_slip(uri, width_dots=width, agency=agency, at=datetime.now(UTC),
                            profile=printer_profile(profile))


def _status_words(uri: str) -> str:
    try:
        status: PrinterStatus = printer_status(uri, timeout=STATUS_TIMEOUT)
    except PrinterError as error:
        return error.message
    return describe_status(status)
