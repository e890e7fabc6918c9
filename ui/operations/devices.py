"""Printers and the serial QR scanner, run on the device pool."""

from dataclasses import dataclass

from printing.print_service import printer_status
from printing.printer_errors import PrinterError
from printing.printer_status import PrinterStatus
from ui.scanner.serial_reader import SerialQrPort
from ui.tasks import Work

_STATUS_TIMEOUT = 3.0


@dataclass(frozen=True)
class PrinterCheck:
    status: PrinterStatus | None
    message: str


@dataclass
class CheckPrinter:
    printer_uri: str
    label: str = ""

    def run(self, work: Work) -> PrinterCheck:
        try:
            return PrinterCheck(printer_status(self.printer_uri, timeout=_STATUS_TIMEOUT), "")
        except PrinterError as error:
            return PrinterCheck(None, error.message)


@dataclass
class ListenToSerialScanner:
    """Runs until cancelled, reporting every code the scanner sends."""

    port_url: str
    label: str = ""

    def run(self, work: Work) -> None:
        port = SerialQrPort(self.port_url)
        try:
            while not work.cancelled.is_set():
                code = port.read_code()
                if code:
                    work.report(code)
        finally:
            port.close()
