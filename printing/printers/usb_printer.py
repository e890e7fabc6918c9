"""USB printers through libusb (pyusb), the printer-class interface and its bulk endpoints.

On Windows this needs a libusb driver that takes the printer away from the spooler: the last
choice there. pyusb waits forever unless told otherwise, so every transfer carries a timeout.
"""

import errno
from collections.abc import Callable
from typing import Any

import usb.core
import usb.util

from onestop.i18n import _
from printing.printer_errors import PrinterError, dropped, not_found, timed_out, unsupported
from printing.printer_status import (
    ASK_PAPER,
    ASK_PRINTER,
    PrinterStatus,
    online_from,
    paper_from,
)
from printing.printer_uri import UsbAddress
from printing.printers.connection import PrinterConnection, chunks

PRINTER_CLASS = 7
STATUS_WAIT_MS = 500


class UsbPrinter(PrinterConnection):
    def __init__(self, address: UsbAddress, timeout: float) -> None:
        self.where = str(address)
        self._timeout = timeout
        self._timeout_ms = max(1, round(timeout * 1000))
        self._device = find_device(address)
        self._interface = 0
        self._detached = False
        self._claimed = False
        try:
            interface = _printer_interface(self._device)
            self._interface = interface.bInterfaceNumber
            if _kernel_driver_active(self._device, self._interface):
                self._device.detach_kernel_driver(self._interface)
                self._detached = True
            usb.util.claim_interface(self._device, self._interface)
            self._claimed = True
        except usb.core.USBError as error:
            self.close()
            raise _refused(self.where, error) from None
        self._out = usb.util.find_descriptor(interface, custom_match=_bulk(usb.util.ENDPOINT_OUT))
        self._in = usb.util.find_descriptor(interface, custom_match=_bulk(usb.util.ENDPOINT_IN))
        if self._out is None:
            self.close()
            raise unsupported(self.where, _("thiết bị không có cổng nhận dữ liệu in"))

    def send_job(self, data: bytes, name: str) -> None:
        try:
            for chunk in chunks(data):
                self._out.write(chunk, self._timeout_ms)
        except usb.core.USBTimeoutError:
            raise timed_out(self.where, self._timeout) from None
        except usb.core.USBError:
            raise dropped(self.where) from None

    def status(self) -> PrinterStatus:
        if self._in is None:
            return PrinterStatus()
        return PrinterStatus(
            online=online_from(self._ask(ASK_PRINTER)), paper=paper_from(self._ask(ASK_PAPER))
        )

    def close(self) -> None:
        try:
            if self._claimed:
                usb.util.release_interface(self._device, self._interface)
            if self._detached:
                self._device.attach_kernel_driver(self._interface)
        except usb.core.USBError:
            pass  # unplugged already: nothing left to give back
        finally:
            usb.util.dispose_resources(self._device)

    def _ask(self, question: bytes) -> bytes:
        wait = min(self._timeout_ms, STATUS_WAIT_MS)
        try:
            self._out.write(question, wait)
            return bytes(self._in.read(self._in.wMaxPacketSize, wait)[-1:])
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError:
            raise dropped(self.where) from None


def find_device(address: UsbAddress) -> Any:
    where = str(address)

    def same_serial(device: Any) -> bool:
        return address.serial_number is None or serial_number(device) == address.serial_number

    try:
        device = usb.core.find(
            idVendor=address.vendor_id, idProduct=address.product_id, custom_match=same_serial
        )
    except usb.core.NoBackendError:
        raise unsupported(where, _("chưa cài thư viện libusb")) from None
    if device is None:
        raise not_found(where)
    return device


def serial_number(device: Any) -> str | None:
    """The device's serial string, None when it has none or the system will not say."""
    try:
        return usb.util.get_string(device, device.iSerialNumber) if device.iSerialNumber else None
    except (usb.core.USBError, ValueError, NotImplementedError):
        return None


def _printer_interface(device: Any) -> Any:
    try:
        configuration = device.get_active_configuration()
    except usb.core.USBError:
        device.set_configuration()
        configuration = device.get_active_configuration()
    for interface in configuration:
        if interface.bInterfaceClass == PRINTER_CLASS:
            return interface
    return configuration[(0, 0)]


def _kernel_driver_active(device: Any, interface: int) -> bool:
    try:
        return bool(device.is_kernel_driver_active(interface))
    except (NotImplementedError, usb.core.USBError):
        return False


def _bulk(direction: int) -> Callable[[Any], bool]:
    def matches(endpoint: Any) -> bool:
        return bool(
            usb.util.endpoint_direction(endpoint.bEndpointAddress) == direction
            and usb.util.endpoint_type(endpoint.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK
        )

    return matches


def _refused(where: str, error: usb.core.USBError) -> PrinterError:
    if error.errno == errno.EACCES:
        return unsupported(
            where,
            _("không có quyền mở thiết bị USB (cần quy tắc udev trên Linux, driver libusb trên Windows)"),
        )
    if error.errno == errno.EBUSY:
        return unsupported(where, _("thiết bị đang được chương trình khác sử dụng"))
    return not_found(where)
