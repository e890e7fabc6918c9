"""Printers and the serial QR scanner, run on the device pool."""

import io
from dataclasses import dataclass

from printing.print_service import PrintOutcome, print_slip, printer_status
from printing.printer_errors import PrinterError
from printing.printer_status import PrinterStatus
from printing.slip_content import Slip
from printing.slip_layout import PaperWidth, render_slip
from ui.scanner.serial_reader import SerialQrPort
from ui.tasks import Work

_STATUS_TIMEOUT = 3.0


def width_dots(paper_width_mm: int) -> int:
    return PaperWidth.MM58 if paper_width_mm <= 58 else PaperWidth.MM80


@dataclass
class PrintSlip:
    slip: Slip
    printer_uri: str
    copies: int
    paper_width_mm: int
    label: str = ""

    def run(self, work: Work) -> PrintOutcome:
        return print_slip(self.slip, self.printer_uri, copies=self.copies,
                          width_dots=width_dots(self.paper_width_mm))


@dataclass
class DrawSlip:
    """The slip as PNG bytes, for the preview when no printer is set up."""

    slip: Slip
    paper_width_mm: int
    label: str = ""

    def run(self, work: Work) -> bytes:
        image = render_slip(self.slip, width_dots(self.paper_width_mm))
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="PNG")
        return buffer.getvalue()


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
