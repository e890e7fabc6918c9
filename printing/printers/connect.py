"""Open the right kind of link for a printer address."""

from printing.printer_uri import (
    CupsAddress,
    FileAddress,
    PrinterAddress,
    SerialAddress,
    TcpAddress,
    UsbAddress,
    VirtualAddress,
    WindowsPrinterAddress,
)
from printing.printers.connection import PrinterConnection
from printing.printers.cups_queue import CupsQueuePrinter
from printing.printers.device_file import DeviceFilePrinter
from printing.printers.serial_port import SerialPrinter
from printing.printers.tcp import TcpPrinter
from printing.printers.usb_printer import UsbPrinter
from printing.printers.virtual import VirtualPrinter
from printing.printers.windows_spooler import WindowsSpoolerPrinter


def connect(address: PrinterAddress, timeout: float) -> PrinterConnection:
    """A connection that gives up after `timeout` seconds without progress; close it after use."""
    match address:
        case TcpAddress():
            return TcpPrinter(address, timeout)
        case UsbAddress():
            return UsbPrinter(address, timeout)
        case SerialAddress():
            return SerialPrinter(address, timeout)
        case FileAddress():
            return DeviceFilePrinter(address, timeout)
        case CupsAddress():
            return CupsQueuePrinter(address, timeout)
        case WindowsPrinterAddress():
            return WindowsSpoolerPrinter(address, timeout)
        case VirtualAddress():
            return VirtualPrinter(address, timeout)
