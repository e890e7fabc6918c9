"""USB printers plugged into this computer, for the printer set-up screen.

Only devices that declare the USB printer class are listed; a printer that hides behind a
vendor-specific class can still be entered by its ids.
"""

from dataclasses import dataclass
from typing import Any

import usb.core
import usb.util

from onestop.i18n import _
from printing.printer_errors import unsupported
from printing.printers.usb_printer import PRINTER_CLASS, serial_number


@dataclass(frozen=True)
class UsbPrinterInfo:
    vendor_id: int
    product_id: int
    manufacturer: str | None
    product: str | None
    serial_number: str | None

    @property
    def uri(self) -> str:
        uri = f"usb://{self.vendor_id:04x}:{self.product_id:04x}"
        return f"{uri}?serial={self.serial_number}" if self.serial_number else uri

    @property
    def label(self) -> str:
        name = " ".join(part for part in (self.manufacturer, self.product) if part)
        ids = f"{self.vendor_id:04x}:{self.product_id:04x}"
        return f"{name} ({ids})" if name else ids


def find_usb_printers() -> list[UsbPrinterInfo]:
    try:
        devices = usb.core.find(find_all=True, custom_match=_is_printer)
    except usb.core.NoBackendError:
        raise unsupported("USB", _("chưa cài thư viện libusb")) from None
    return [
        UsbPrinterInfo(
            vendor_id=device.idVendor,
            product_id=device.idProduct,
            manufacturer=_text(device, device.iManufacturer),
            product=_text(device, device.iProduct),
            serial_number=serial_number(device),
        )
        for device in devices
    ]


def _is_printer(device: Any) -> bool:
    if device.bDeviceClass == PRINTER_CLASS:
        return True
    try:
        return any(
            interface.bInterfaceClass == PRINTER_CLASS
            for configuration in device
            for interface in configuration
        )
    except usb.core.USBError:
        return False


def _text(device: Any, index: int) -> str | None:
    if not index:
        return None
    try:
        return str(usb.util.get_string(device, index))
    except (usb.core.USBError, ValueError, NotImplementedError):
        return None
