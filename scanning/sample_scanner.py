"""The demo's scanner: the sample pages shipped in resources/, fed as a scanner feeds paper, so that
scanning can be tried on a computer with no scanner."""

import threading
from pathlib import Path

from onestop.demo import SAMPLE_SCANNER
from onestop.i18n import _
from onestop.resources import resource_path
from scanning.file_import import read_pages
from scanning.scanner import (
    Capabilities,
    ColourMode,
    ScanEvents,
    ScannedImage,
    ScannerDevice,
    ScanProgress,
    ScanResult,
    ScanSettings,
    Source,
    StopReason,
)

SAMPLE_DEVICE = SAMPLE_SCANNER
# whatever the office set up, the same pages come, at the dpi they were scanned at
_ANY = Capabilities(frozenset(Source), (), frozenset(ColourMode))


def sample_pages() -> list[Path]:
    return sorted(resource_path("sample-scans").glob("*.png"))


def is_sample_device(device: str) -> bool:
    return device == SAMPLE_DEVICE


class SampleScanner:
    def devices(self) -> list[ScannerDevice]:
        return [ScannerDevice(SAMPLE_DEVICE, _("Máy quét mẫu (các trang quét có sẵn)"))]

    def capabilities(self, device: str) -> Capabilities:
        return _ANY

    def scan(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents:
        pages = 0
        for path in sample_pages():
            for page in read_pages(path):
                if cancel.is_set():
                    yield ScanResult(pages, StopReason.CANCELLED)
                    return
                pages += 1
                yield ScanProgress(pages, None)
                yield ScannedImage(pages, page.image, page.dpi)
        yield ScanResult(pages, StopReason.FINISHED)
