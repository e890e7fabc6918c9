"""A folder a scanner writes into (scan-to-folder over SMB, a vendor program): files are taken
in the order they were written.

A file is taken only once its size and modification time have stayed the same over several checks,
then moved into the folder's "taken" subfolder and read from there, so a file still being written
is never read half-way and a file is never taken twice.
"""

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from onestop.errors import DomainError
from onestop.i18n import _
from scanning.file_import import FILE_SOURCE, ImportLimits, read_pages
from scanning.scanner import (
    Capabilities,
    FileRejected,
    ScanEvents,
    ScannedImage,
    ScannerDevice,
    ScanProgress,
    ScanResult,
    ScanSettings,
    StopReason,
)

TAKEN = "taken"
_UNFINISHED_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".filepart", ".download")


@dataclass(frozen=True)
class FolderTiming:
    poll_seconds: float = 0.5
    stable_checks: int = 3
    # the scan ends after this long with no new or growing file; None waits for cancel
    quiet_seconds: float | None = 60.0


def _is_candidate(path: Path) -> bool:
    name = path.name
    return (
        not name.startswith((".", "~"))
        and not name.casefold().endswith(_UNFINISHED_SUFFIXES)
        and path.is_file()
    )


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


class _Watch:
    def __init__(self, folder: Path, timing: FolderTiming) -> None:
        self._folder = folder
        self._taken = folder / TAKEN
        self._timing = timing
        self._seen: dict[Path, tuple[tuple[int, int], int]] = {}

    def check(self) -> tuple[list[Path], bool]:
        """Files now stable enough to take (oldest first), and whether any file is still
        arriving."""
        current: dict[Path, tuple[tuple[int, int], int]] = {}
        arriving = False
        for path in self._folder.iterdir():
            if not _is_candidate(path):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            shape = (stat.st_size, stat.st_mtime_ns)
            previous = self._seen.get(path)
            checks = previous[1] + 1 if previous and previous[0] == shape else 1
            if checks == 1:
                arriving = True
            current[path] = (shape, checks)
        self._seen = current
        ready = [
            path
            for path, (shape, checks) in current.items()
            if checks >= self._timing.stable_checks and shape[0] > 0
        ]
        ready.sort(key=lambda path: (current[path][0][1], path.name))
        return ready, arriving

    def take(self, path: Path) -> Path | None:
        """Moves the file into the taken folder; None when it cannot be moved yet (another
        program still holds it open, on Windows)."""
        target = _free_name(self._taken, path.name)
        try:
            path.rename(target)
        except OSError:
            self._seen.pop(path, None)
            return None
        self._seen.pop(path, None)
        return target


class WatchedFolder:
    """`ScanSettings.device` is the folder."""

    def __init__(self, timing: FolderTiming | None = None, limits: ImportLimits | None = None) -> None:
        self._timing = timing or FolderTiming()
        self._limits = limits or ImportLimits()

    def devices(self) -> list[ScannerDevice]:
        return []

    def capabilities(self, device: str) -> Capabilities:
        return FILE_SOURCE

    def scan(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents:
        folder = Path(settings.device)
        if not folder.is_dir():
            missing = _("Không thấy thư mục {folder}.").format(folder=folder)
            yield ScanResult(0, StopReason.DEVICE_GONE, missing)
            return
        try:
            (folder / TAKEN).mkdir(exist_ok=True)
        except OSError:
            refused = _("Không ghi được vào thư mục {folder}.").format(folder=folder / TAKEN)
            yield ScanResult(0, StopReason.DEVICE_ERROR, refused)
            return
        watch = _Watch(folder, self._timing)
        pages = 0
        last_activity = time.monotonic()
        while not cancel.wait(self._timing.poll_seconds):
            try:
                ready, arriving = watch.check()
            except OSError:
                gone = _("Không đọc được thư mục {folder}.").format(folder=folder)
                yield ScanResult(pages, StopReason.DEVICE_GONE, gone)
                return
            if arriving or ready:
                last_activity = time.monotonic()
            if arriving:
                yield ScanProgress(pages + 1, None)
            for path in ready:
                taken = watch.take(path)
                if taken is None:
                    continue
                try:
                    for page in read_pages(taken, self._limits):
                        pages += 1
                        yield ScannedImage(pages, page.image, page.dpi)
                except DomainError as error:
                    yield FileRejected(taken, error.message)
            quiet = self._timing.quiet_seconds
            if quiet is not None and time.monotonic() - last_activity > quiet:
                yield ScanResult(pages, StopReason.FINISHED)
                return
        yield ScanResult(pages, StopReason.CANCELLED)
