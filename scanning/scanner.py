"""The one interface every scanner source speaks: SANE, eSCL, a watched folder, file import.

A Windows WIA or TWAIN source is another class with these three methods; nothing above this
interface needs to know which source it is talking to.

`scan` is a generator. It yields `ScanProgress` while a page is being read, `ScannedImage` as each
page arrives, `FileRejected` when a source that reads files meets one it cannot use, and always
ends with exactly one `ScanResult`, which counts the pages received and says what stopped the scan.
Closing the generator early stops the device and frees it.
"""

import threading
from collections.abc import Generator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from PIL import Image

from onestop.i18n import N_, _, ngettext


class Source(Enum):
    FLATBED = "flatbed"
    FEEDER = "feeder"
    DUPLEX = "duplex"


class ColourMode(Enum):
    COLOUR = "colour"
    GREY = "grey"
    BILEVEL = "bilevel"


@dataclass(frozen=True)
class ScannerDevice:
    """`id` is what `ScanSettings.device` takes; `name` is what the counter sees."""

    id: str
    name: str


@dataclass(frozen=True)
class Capabilities:
    sources: frozenset[Source]
    resolutions: tuple[int, ...]
    colour_modes: frozenset[ColourMode]
    max_width_mm: float | None = None
    max_height_mm: float | None = None

    def nearest_resolution(self, wanted: int) -> int:
        """The wanted dpi if offered, else the lowest above it (the pipeline scales down),
        else the highest there is."""
        if not self.resolutions or wanted in self.resolutions:
            return wanted
        above = [dpi for dpi in self.resolutions if dpi >= wanted]
        return min(above) if above else max(self.resolutions)


@dataclass(frozen=True)
class ScanSettings:
    device: str
    source: Source = Source.FLATBED
    dpi: int = 200
    colour: ColourMode = ColourMode.GREY
    width_mm: float = 210.0
    height_mm: float = 297.0


@dataclass(frozen=True)
class ScanProgress:
    """Page `page_number` is being read; `fraction` is None when the source cannot tell."""

    page_number: int
    fraction: float | None


@dataclass(frozen=True)
class ScannedImage:
    """One page as it came from the source, before the page pipeline; `dpi` None when unknown."""

    page_number: int
    image: Image.Image
    dpi: float | None


@dataclass(frozen=True)
class FileRejected:
    path: Path
    message: str


class StopReason(Enum):
    FINISHED = N_("Đã quét xong.")
    JAMMED = N_("Kẹt giấy trong khay nạp. Gỡ tờ bị kẹt rồi quét tiếp các trang còn lại.")
    FEEDER_EMPTY = N_("Khay nạp giấy không có giấy. Đặt giấy vào khay rồi quét lại.")
    COVER_OPEN = N_("Nắp máy quét đang mở. Đóng nắp rồi quét lại.")
    DEVICE_GONE = N_("Mất kết nối với máy quét. Kiểm tra cáp, nguồn điện hoặc mạng rồi thử lại.")
    CANCELLED = N_("Đã huỷ quét.")
    DEVICE_ERROR = N_("Máy quét báo lỗi.")
    REJECTED = N_("Tệp không dùng được.")


@dataclass(frozen=True)
class ScanResult:
    pages: int
    stopped_by: StopReason
    detail: str = ""

    @property
    def message(self) -> str:
        """The sentence to show, in the language active when it is read."""
        received = ngettext("Đã nhận {count} trang.", "Đã nhận {count} trang.", self.pages)
        parts = [_(self.stopped_by.value), received.format(count=self.pages)]
        if self.detail:
            parts.insert(1, self.detail)
        return " ".join(parts)


ScanEvent = ScanProgress | ScannedImage | FileRejected | ScanResult
ScanEvents = Generator[ScanEvent, None, None]


class Scanner(Protocol):
    def devices(self) -> list[ScannerDevice]: ...

    def capabilities(self, device: str) -> Capabilities: ...

    def scan(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents: ...
