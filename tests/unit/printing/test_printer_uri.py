from pathlib import Path

import pytest

from printing.printer_errors import PrinterError, PrinterProblem
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


@pytest.mark.parametrize(
    ("uri", "address"),
    [
        ("tcp://192.168.1.50:9100", TcpAddress("192.168.1.50", 9100)),
        ("tcp://may-in-quay-2", TcpAddress("may-in-quay-2", 9100)),
        ("TCP://[fe80::1]:9101", TcpAddress("fe80::1", 9101)),
        ("usb://04b8:0202", UsbAddress(0x04B8, 0x0202)),
        ("usb://0416:5011?serial=A1B2", UsbAddress(0x0416, 0x5011, "A1B2")),
        ("serial:///dev/ttyUSB0?baudrate=115200", SerialAddress("/dev/ttyUSB0", 115200)),
        ("serial://COM3", SerialAddress("COM3", 9600)),
        ("serial://COM4?baudrate=38400&flow=rtscts", SerialAddress("COM4", 38400, "rtscts")),
        ("file:///dev/usb/lp0", FileAddress(Path("/dev/usb/lp0"))),
        ("file:///C:/phieu/may-in.bin", FileAddress(Path("C:/phieu/may-in.bin"))),
        ("cups://XP-80C", CupsAddress("XP-80C")),
        ("win32raw://EPSON TM-T82III Receipt", WindowsPrinterAddress("EPSON TM-T82III Receipt")),
        ("win32raw://May%20in%20quay", WindowsPrinterAddress("May in quay")),
        ("virtual://phieu-in", VirtualAddress(Path("phieu-in"))),
        ("  virtual:///srv/phieu  ", VirtualAddress(Path("/srv/phieu"))),
    ],
)
def test_addresses_technicians_write(uri: str, address: PrinterAddress) -> None:
    assert parse_printer_uri(uri) == address
    assert parse_printer_uri(printer_uri(address)) == address


@pytest.mark.parametrize(
    ("address", "uri"),
    [
        (TcpAddress("fe80::1", 9101), "tcp://[fe80::1]:9101"),
        (UsbAddress(0x04B8, 0x0202, "A B&1"), "usb://04b8:0202?serial=A+B%261"),
        (SerialAddress("COM4", 38400, "rtscts"), "serial://COM4?baudrate=38400&flow=rtscts"),
        (CupsAddress("Nhiệt 80%"), "cups://Nhiệt 80%25"),
        (VirtualAddress(Path("/srv/phiếu in")), "virtual:///srv/phiếu in"),
    ],
)
def test_addresses_written_back_stay_readable(address: PrinterAddress, uri: str) -> None:
    assert printer_uri(address) == uri
    assert parse_printer_uri(uri) == address


@pytest.mark.parametrize(
    "uri",
    [
        "192.168.1.50",
        "tcp://",
        "tcp://:9100",
        "tcp://host:99999",
        "tcp://host:port",
        "usb://epson",
        "usb://4b8:202",
        "serial://COM3?baudrate=fast",
        "serial://COM3?baudrate=0",
        "serial://COM3?flow=magic",
        "serial://?baudrate=9600",
        "cups://",
        "win32raw://%20",
        "lpt://1",
    ],
)
def test_bad_addresses_are_refused_with_a_reason(uri: str) -> None:
    with pytest.raises(PrinterError) as raised:
        parse_printer_uri(uri)
    assert raised.value.problem is PrinterProblem.BAD_ADDRESS
    assert raised.value.message.startswith("Địa chỉ máy in không hợp lệ")


def test_addresses_read_well_in_messages() -> None:
    assert str(parse_printer_uri("tcp://10.0.0.9")) == "10.0.0.9:9100"
    assert str(parse_printer_uri("usb://04b8:0202")) == "USB 04b8:0202"
    assert str(parse_printer_uri("serial://COM3")) == "COM3"
