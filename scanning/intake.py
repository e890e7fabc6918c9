"""A scan through the page pipeline: what the scanner sends is stored, then reported."""

import threading
from collections.abc import Iterator

from scanning.page import Page
from scanning.page_pipeline import PagePipeline
from scanning.scanner import (
    FileRejected,
    ScannedImage,
    Scanner,
    ScanProgress,
    ScanResult,
    ScanSettings,
)

IntakeEvent = ScanProgress | Page | FileRejected | ScanResult


def receive(
    scanner: Scanner, settings: ScanSettings, cancel: threading.Event, pipeline: PagePipeline
) -> Iterator[IntakeEvent]:
    """Yields progress, each page once its file is in the pipeline's folder, and the result."""
    scan = scanner.scan(settings, cancel)
    try:
        for event in scan:
            yield pipeline.store(event) if isinstance(event, ScannedImage) else event
    finally:
        scan.close()
