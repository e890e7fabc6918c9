"""The office's scanner as its settings describe it, and the source that reaches a device.

A device id that is a web address (http://…/eSCL) is a network scanner spoken to over eSCL;
any other id is a SANE device name.
"""

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zeroconf import InterfaceChoice

from onestop import settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.store.engine import Store
from scanning.escl import EsclScanner
from scanning.escl_discovery import discover
from scanning.page_pipeline import PageFormat, PageSettings
from scanning.sane_backend import sane_scanner
from scanning.scanner import ColourMode, Scanner, ScannerDevice, ScanSettings, Source

# the values of the scanner.mode setting: how the device scans, and how a page is stored
MODES: dict[str, tuple[ColourMode, PageFormat]] = {
    "gray": (ColourMode.GREY, PageFormat.GREY_JPEG),
    # thresholded by the page pipeline, which does it better than most devices' line-art mode
    "bilevel": (ColourMode.GREY, PageFormat.BILEVEL),
    "color": (ColourMode.COLOUR, PageFormat.COLOUR_JPEG),
}
# the values of the scanner.source setting; duplex is the feeder with scanner.duplex on
FLATBED, FEEDER = "flatbed", "feeder"


@dataclass(frozen=True)
class OfficeScanner:
    device: str
    source: Source
    dpi: int
    mode: str
    watch_folder: str

    def scan_settings(self, source: Source | None = None, dpi: int | None = None) -> ScanSettings:
        if not self.device:
            raise DomainError(_("Chưa chọn máy quét. Kỹ thuật viên chọn máy quét trong phần cài đặt."))
        colour, _format = MODES[self.mode]
        return ScanSettings(self.device, source or self.source, dpi or self.dpi, colour)

    def page_settings(self) -> PageSettings:
        return PageSettings(dpi=self.dpi, format=MODES[self.mode][1])


def source_of(source: str, duplex: bool) -> Source:
    if source == FEEDER:
        return Source.DUPLEX if duplex else Source.FEEDER
    return Source.FLATBED


def office_scanner_from(values: Mapping[str, Any]) -> OfficeScanner:
    """From the settings' values (settings.all_values)."""
    mode = str(values["scanner.mode"])
    return OfficeScanner(
        device=str(values["scanner.device"]),
        source=source_of(str(values["scanner.source"]), bool(values["scanner.duplex"])),
        dpi=int(values["scanner.resolution"]),
        mode=mode if mode in MODES else "gray",
        watch_folder=str(values["scanner.watch_folder"]),
    )


def office_scanner(store: Store) -> OfficeScanner:
    return office_scanner_from(settings.read_all(store))


def is_network_device(device: str) -> bool:
    return device.startswith(("http://", "https://"))


def scanner_for(device: str) -> Scanner:
    if is_network_device(device):
        return EsclScanner(find=list)
    found = sane_scanner()
    if found is None:
        raise DomainError(
            _("Máy tính này không có SANE để dùng máy quét {device}; hãy dùng máy quét qua mạng.").format(
                device=device
            )
        )
    return found


def find_scanners(
    seconds: float = 2.0, interfaces: Sequence[str] | InterfaceChoice = InterfaceChoice.All
) -> list[ScannerDevice]:
    """SANE's devices on this machine, then the eSCL scanners that answer on the network."""
    found: list[ScannerDevice] = []
    sane = sane_scanner()
    if sane is not None:
        # a SANE that cannot list its devices must not hide the network scanners
        with contextlib.suppress(DomainError):
            found += sane.devices()
    return found + discover(seconds, interfaces)
