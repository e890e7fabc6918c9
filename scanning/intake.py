"""A scan through the page pipeline: what the scanner sends is stored, then reported."""

import threading
from collections.abc import Generator, Sequence
from pathlib import Path

from scanning.file_import import FileImport, ImportLimits
from scanning.page import Page
from scanning.page_pipeline import PagePipeline
from scanning.scanner import (
    FileRejected,
    ScannedImage,
    Scanner,
    ScanProgress,
    ScanResult,
    ScanSettings,
    StopReason,
)

IntakeEvent = ScanProgress | Page | FileRejected | ScanResult
IntakeEvents = Generator[IntakeEvent, None, None]


def receive(
    scanner: Scanner, settings: ScanSettings, cancel: threading.Event, pipeline: PagePipeline
) -> IntakeEvents:
    """Yields progress, each page once its file is in the pipeline's folder, and the result."""
    scan = scanner.scan(settings, cancel)
    try:
        for event in scan:
            yield pipeline.store(event) if isinstance(event, ScannedImage) else event
    finally:
        scan.close()


def receive_files(
    paths: Sequence[Path], cancel: threading.Event, pipeline: PagePipeline, limits: ImportLimits | None = None
) -> IntakeEvents:
    """Every page of each file in turn, like one scan; a file that cannot be used is reported and
    nothing is taken from it. Ends with one result counting the pages of all files."""
    importer = FileImport(limits)
    pages = 0
    for path in paths:
        for event in receive(importer, ScanSettings(str(path)), cancel, pipeline):
            if not isinstance(event, ScanResult):
                yield event
                continue
            pages += event.pages
            if event.stopped_by is StopReason.REJECTED:
                yield FileRejected(path, event.detail)
            elif event.stopped_by is StopReason.CANCELLED:
                yield ScanResult(pages, StopReason.CANCELLED)
                return
    yield ScanResult(pages, StopReason.FINISHED)
