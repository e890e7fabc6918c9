"""A Windows printer through the spooler as a RAW job (pywin32's win32print), Windows only.

The vendor driver keeps the printer usable by other programs. Spooler calls return once the job
is queued, so there is no transfer to time out; the spooler's printer state stands in for status.
"""

import importlib
from types import ModuleType

from onestop.i18n import _
from printing.printer_errors import not_found, rejected, unsupported
from printing.printer_status import PaperLevel, PrinterStatus
from printing.printer_uri import WindowsPrinterAddress
from printing.printers.connection import PrinterConnection

# Bits of PRINTER_INFO_2.Status (winspool.h).
_PAUSED = 0x1
_ERROR = 0x2
_PAPER_OUT = 0x10
_OFFLINE = 0x80


class WindowsSpoolerPrinter(PrinterConnection):
    def __init__(self, address: WindowsPrinterAddress, timeout: float) -> None:
        self.where = str(address)
        self._win32print = _win32print(self.where)
        try:
            self._handle = self._win32print.OpenPrinter(address.name)
        except Exception:  # pywintypes.error, importable only where win32print is
            raise not_found(self.where) from None

    def send_job(self, data: bytes, name: str) -> None:
        spooler = self._win32print
        try:
            spooler.StartDocPrinter(self._handle, 1, (name, None, "RAW"))
            try:
                spooler.StartPagePrinter(self._handle)
                spooler.WritePrinter(self._handle, data)
                spooler.EndPagePrinter(self._handle)
            finally:
                spooler.EndDocPrinter(self._handle)
        except Exception as error:  # pywintypes.error
            raise rejected(self.where, str(error)) from None

    def status(self) -> PrinterStatus:
        try:
            state = self._win32print.GetPrinter(self._handle, 2)["Status"]
        except Exception:  # pywintypes.error
            return PrinterStatus()
        return PrinterStatus(
            online=not state & (_PAUSED | _ERROR | _OFFLINE),
            paper=PaperLevel.OUT if state & _PAPER_OUT else None,
        )

    def close(self) -> None:
        self._win32print.ClosePrinter(self._handle)


def _win32print(where: str) -> ModuleType:
    try:
        return importlib.import_module("win32print")
    except ImportError:
        raise unsupported(where, _("chỉ dùng được trên Windows có pywin32")) from None
