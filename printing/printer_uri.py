"""Printer addresses as technicians write them, e.g. `tcp://192.168.1.50:9100`.

tcp://HOST[:PORT]                       network printer, raw port (9100 when left out)
usb://VVVV:PPPP[?serial=S]              USB printer by vendor and product id (hex)
serial://PORT[?baudrate=N&flow=F]       serial port: serial:///dev/ttyUSB0, serial://COM3
file://PATH                             a device or file path: file:///dev/usb/lp0
cups://QUEUE                            a raw CUPS queue
win32raw://PRINTER NAME                 a Windows printer, through the spooler
virtual://FOLDER                        no printer: each slip becomes a PNG in FOLDER
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from onestop.i18n import _
from printing.printer_errors import bad_address

FlowControl = Literal["none", "rtscts", "dsrdtr", "xonxoff"]
RAW_PORT = 9100


@dataclass(frozen=True)
class TcpAddress:
    host: str
    port: int = RAW_PORT

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class UsbAddress:
    vendor_id: int
    product_id: int
    serial_number: str | None = None

    def __str__(self) -> str:
        return f"USB {self.vendor_id:04x}:{self.product_id:04x}"


@dataclass(frozen=True)
class SerialAddress:
    port: str
    baudrate: int = 9600
    flow: FlowControl = "none"

    def __str__(self) -> str:
        return self.port


@dataclass(frozen=True)
class FileAddress:
    path: Path

    def __str__(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class CupsAddress:
    queue: str

    def __str__(self) -> str:
        return f"CUPS {self.queue}"


@dataclass(frozen=True)
class WindowsPrinterAddress:
    name: str

    def __str__(self) -> str:
        return f"“{self.name}”"


@dataclass(frozen=True)
class VirtualAddress:
    folder: Path

    def __str__(self) -> str:
        return _("ảo ({folder})").format(folder=self.folder)


PrinterAddress = (
    TcpAddress
    | UsbAddress
    | SerialAddress
    | FileAddress
    | CupsAddress
    | WindowsPrinterAddress
    | VirtualAddress
)

_FLOWS: tuple[FlowControl, ...] = ("none", "rtscts", "dsrdtr", "xonxoff")


def parse_printer_uri(uri: str) -> PrinterAddress:
    text = uri.strip()
    scheme, separator, rest = text.partition("://")
    if not separator or not rest:
        raise bad_address(text, _("thiếu phần 'loại://địa chỉ'"))
    match scheme.lower():
        case "tcp":
            return _tcp(text)
        case "usb":
            return _usb(text, rest)
        case "serial":
            return _serial(text, rest)
        case "file":
            return FileAddress(_local_path(text, rest))
        case "cups":
            return CupsAddress(_name(text, rest))
        case "win32raw":
            return WindowsPrinterAddress(_name(text, rest))
        case "virtual":
            return VirtualAddress(_local_path(text, rest))
        case _:
            raise bad_address(text, _("không biết loại kết nối '{scheme}'").format(scheme=scheme))


def _tcp(text: str) -> TcpAddress:
    parts = urlsplit(text)
    try:
        port = parts.port or RAW_PORT
    except ValueError:
        raise bad_address(text, _("cổng phải là số từ 1 đến 65535")) from None
    if not parts.hostname:
        raise bad_address(text, _("thiếu tên hoặc địa chỉ IP của máy in"))
    return TcpAddress(parts.hostname, port)


def _usb(text: str, rest: str) -> UsbAddress:
    ids, _sep, query = rest.partition("?")
    found = re.fullmatch(r"([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})", ids)
    if found is None:
        raise bad_address(text, _("cần mã hãng và mã máy dạng 04b8:0202"))
    serial_number = parse_qs(query).get("serial", [None])[0]
    return UsbAddress(int(found[1], 16), int(found[2], 16), serial_number)


def _serial(text: str, rest: str) -> SerialAddress:
    port, _sep, query = rest.partition("?")
    options = parse_qs(query)
    baudrate = options.get("baudrate", ["9600"])[0]
    if not baudrate.isdigit() or int(baudrate) == 0:
        raise bad_address(text, _("tốc độ baud phải là số dương"))
    flow = options.get("flow", ["none"])[0]
    if flow not in _FLOWS:
        raise bad_address(text, _("điều khiển luồng là một trong: {names}").format(names=", ".join(_FLOWS)))
    if not port:
        raise bad_address(text, _("thiếu tên cổng nối tiếp"))
    return SerialAddress(unquote(port), int(baudrate), flow)


def _name(text: str, rest: str) -> str:
    name = unquote(rest).strip()
    if not name:
        raise bad_address(text, _("thiếu tên máy in"))
    return name


def _local_path(text: str, rest: str) -> Path:
    path = unquote(rest)
    if re.match(r"/[A-Za-z]:[/\\]", path):
        path = path[1:]
    if ".." in re.split(r"[/\\]", path):
        raise bad_address(text, _("đường dẫn không được có “..”"))
    return Path(path)


def printer_uri(address: PrinterAddress) -> str:
    """The address written back as a URI that `parse_printer_uri` reads as the same address."""
    match address:
        case TcpAddress(host, port):
            return f"tcp://{f'[{host}]' if ':' in host else host}:{port}"
        case UsbAddress(vendor_id, product_id, serial_number):
            ids = f"usb://{vendor_id:04x}:{product_id:04x}"
            return f"{ids}?{urlencode({'serial': serial_number})}" if serial_number else ids
        case SerialAddress(port, baudrate, flow):
            return f"serial://{_kept(port)}?{urlencode({'baudrate': baudrate, 'flow': flow})}"
        case FileAddress(path):
            return f"file://{_uri_path(path)}"
        case CupsAddress(queue):
            return f"cups://{_kept(queue)}"
        case WindowsPrinterAddress(name):
            return f"win32raw://{_kept(name)}"
        case VirtualAddress(folder):
            return f"virtual://{_uri_path(folder)}"


def _uri_path(path: Path) -> str:
    written = path.as_posix()
    # A drive letter needs a slash before it, as in file:///C:/slips.
    return _kept(f"/{written}" if path.is_absolute() and not written.startswith("/") else written)


def _kept(text: str) -> str:
    """Names and paths stay readable: only what the reader would decode is escaped."""
    return text.replace("%", "%25")
