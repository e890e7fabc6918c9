"""USB printing against a stand-in for pyusb's device objects.

No USB printer can exist on the machines that run these tests, so pyusb's `find` is replaced
by one that returns the fake below; everything above pyusb is the real code.
"""

import errno
from dataclasses import dataclass, field

import pytest
import usb.core
import usb.util

from printing.print_service import print_slip
from printing.printer_errors import PrinterProblem
from printing.printer_status import PaperLevel
from printing.usb_discovery import find_usb_printers
from tests.unit.printing.escpos_reader import read_job
from tests.unit.printing.samples import receipt

PRINTER_CLASS = 7


@dataclass
class FakeEndpoint:
    bEndpointAddress: int
    bmAttributes: int = usb.util.ENDPOINT_TYPE_BULK
    wMaxPacketSize: int = 64
    device: "FakeDevice | None" = None

    def write(self, data: bytes, timeout: int) -> int:
        assert self.device is not None
        assert timeout > 0, "pyusb would wait forever"
        return self.device.take(bytes(data), timeout)

    def read(self, size: int, timeout: int) -> bytes:
        assert self.device is not None
        assert timeout > 0, "pyusb would wait forever"
        if not self.device.answers:
            raise usb.core.USBTimeoutError("timed out", -7, errno.ETIMEDOUT)
        return self.device.answers.pop(0)


@dataclass
class FakeInterface:
    bInterfaceNumber: int
    bInterfaceClass: int
    endpoints: list[FakeEndpoint]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.endpoints)


@dataclass
class FakeDevice:
    idVendor: int = 0x04B8
    idProduct: int = 0x0202
    bDeviceClass: int = 0
    iManufacturer: int = 1
    iProduct: int = 2
    iSerialNumber: int = 3
    strings: dict[int, str] = field(default_factory=lambda: {1: "EPSON", 2: "TM-T82III", 3: "X5ZK012345"})
    interface_class: int = PRINTER_CLASS
    answers: list[bytes] = field(default_factory=list)
    received: bytearray = field(default_factory=bytearray)
    fail_after: int | None = None
    failure: Exception | None = None
    kernel_driver: bool = True
    events: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.out = FakeEndpoint(0x01, device=self)
        self.into = FakeEndpoint(0x82, device=self)
        self.interface = FakeInterface(0, self.interface_class, [self.out, self.into])

    def take(self, data: bytes, timeout: int) -> int:
        if data.startswith(b"\x10\x04"):
            return len(data)
        if self.fail_after is not None and len(self.received) >= self.fail_after:
            assert self.failure is not None
            raise self.failure
        self.received += data
        return len(data)

    def get_active_configuration(self) -> list[FakeInterface]:
        return [self.interface]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([[self.interface]])

    def is_kernel_driver_active(self, number: int) -> bool:
        return self.kernel_driver

    def detach_kernel_driver(self, number: int) -> None:
        self.kernel_driver = False
        self.events.append("detach")

    def attach_kernel_driver(self, number: int) -> None:
        self.kernel_driver = True
        self.events.append("attach")


@pytest.fixture
def plugged(monkeypatch: pytest.MonkeyPatch) -> list[FakeDevice]:
    devices: list[FakeDevice] = []

    def find(find_all: bool = False, custom_match=None, **ids):  # type: ignore[no-untyped-def]
        found = [
            device
            for device in devices
            if all(getattr(device, key) == value for key, value in ids.items())
            and (custom_match is None or custom_match(device))
        ]
        return found if find_all else (found[0] if found else None)

    def claim(device: FakeDevice, number: int) -> None:
        if isinstance(device.failure, usb.core.USBError) and device.fail_after == -1:
            raise device.failure
        device.events.append("claim")

    monkeypatch.setattr(usb.core, "find", find)
    monkeypatch.setattr(usb.util, "claim_interface", claim)
    monkeypatch.setattr(usb.util, "release_interface", lambda d, n: d.events.append("release"))
    monkeypatch.setattr(usb.util, "dispose_resources", lambda d: d.events.append("dispose"))
    monkeypatch.setattr(usb.util, "get_string", lambda d, index: d.strings[index])
    return devices


def test_a_slip_goes_to_the_printer_class_interface(plugged: list[FakeDevice]) -> None:
    printer = FakeDevice(answers=[b"\x12", b"\x1e"])
    plugged.append(printer)

    outcome = print_slip(receipt(), "usb://04b8:0202", timeout=2)

    assert outcome.sent, outcome.message
    assert outcome.status.paper is PaperLevel.NEAR_END
    assert "Giấy sắp hết" in outcome.message
    assert read_job(bytes(printer.received)).cuts == ["partial"]
    assert printer.events == ["detach", "claim", "release", "attach", "dispose"]


def test_the_serial_number_picks_one_of_two_alike(plugged: list[FakeDevice]) -> None:
    first = FakeDevice(strings={1: "EPSON", 2: "TM", 3: "AAA"})
    second = FakeDevice(strings={1: "EPSON", 2: "TM", 3: "BBB"})
    plugged.extend([first, second])

    assert print_slip(receipt(), "usb://04b8:0202?serial=BBB", timeout=2).sent
    assert not first.received and second.received


def test_a_printer_not_plugged_in(plugged: list[FakeDevice]) -> None:
    outcome = print_slip(receipt(), "usb://04b8:0202", timeout=2)
    assert outcome.problem is PrinterProblem.NOT_FOUND
    assert "USB 04b8:0202" in outcome.message


def test_a_write_that_times_out(plugged: list[FakeDevice]) -> None:
    plugged.append(
        FakeDevice(fail_after=8192, failure=usb.core.USBTimeoutError("timeout", -7, errno.ETIMEDOUT))
    )
    outcome = print_slip(receipt(), "usb://04b8:0202", timeout=1.5)
    assert outcome.problem is PrinterProblem.TIMEOUT
    assert "1.5 giây" in outcome.message


def test_unplugged_mid_job(plugged: list[FakeDevice]) -> None:
    device = FakeDevice(fail_after=8192, failure=usb.core.USBError("gone", -4, errno.ENODEV))
    plugged.append(device)
    outcome = print_slip(receipt(), "usb://04b8:0202", timeout=2)
    assert outcome.problem is PrinterProblem.DROPPED
    assert device.events[-1] == "dispose"


def test_no_permission_to_open_the_device(plugged: list[FakeDevice]) -> None:
    device = FakeDevice(fail_after=-1, failure=usb.core.USBError("denied", -3, errno.EACCES))
    plugged.append(device)
    outcome = print_slip(receipt(), "usb://04b8:0202", timeout=2)
    assert outcome.problem is PrinterProblem.UNSUPPORTED
    assert "udev" in outcome.message
    assert device.events == ["detach", "attach", "dispose"]


def test_no_libusb_on_this_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    def find(**kwargs: object) -> None:
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", find)
    outcome = print_slip(receipt(), "usb://04b8:0202", timeout=2)
    assert outcome.problem is PrinterProblem.UNSUPPORTED
    assert "libusb" in outcome.message


def test_discovery_lists_printers_only(plugged: list[FakeDevice]) -> None:
    plugged.append(FakeDevice())
    plugged.append(FakeDevice(idVendor=0x046D, idProduct=0xC52B, interface_class=3))

    [found] = find_usb_printers()
    assert found.uri == "usb://04b8:0202?serial=X5ZK012345"
    assert found.label == "EPSON TM-T82III (04b8:0202)"
