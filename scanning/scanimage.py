"""SANE through the `scanimage` program, for machines where python-sane is not installed.

scanimage runs with --batch into a temporary folder and renames each page into place only once it
is complete, so the pages received are the complete files in that folder. Its exit code is 0 even
when the feeder was empty from the start, and a failed page still counts as "scanned" in its
messages: the reason is read from its messages and exit code, the page count from the folder.
"""

import os
import queue
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from PIL import Image

from onestop.errors import DomainError
from onestop.i18n import _
from scanning import sane_status
from scanning.sane_choices import Constraint, SaneChoices
from scanning.scanner import (
    Capabilities,
    ScanEvents,
    ScannedImage,
    ScannerDevice,
    ScanProgress,
    ScanResult,
    ScanSettings,
    Source,
    StopReason,
)

_PAGE_NAME = re.compile(r"^page(\d{4,})\.pnm$")
_PROGRESS = re.compile(r"Progress:\s*([\d.]+)%")
_STATUS = re.compile(r"sane_\w+: (.+)$")
_OPTION = re.compile(r"^\s*(--[\w-]+|-[xy])\s+(.*?)\s+\[([^\]]*)\]")
_POLL_SECONDS = 0.05
_STOP_SECONDS = 5.0
_EXIT_GRACE_SECONDS = 3.0
_PROGRESS_STEP = 0.05
_FIELD = "\t"


def _parse_constraint(text: str) -> Constraint:
    text = re.sub(r"(dpi|mm|pel|%|bit|us)\b", "", text)
    bounds = re.fullmatch(r"\s*(-?[\d.]+)\.\.(-?[\d.]+)(?:\s*\(in steps of ([\d.]+)\))?\s*", text)
    if bounds:
        low, high, step = bounds.groups()
        return (float(low), float(high), float(step or 0))
    return [float(value) for value in text.split("|") if re.fullmatch(r"-?[\d.]+", value)]


def choices_from_help(text: str) -> SaneChoices:
    """The device's choices from `scanimage -d DEVICE -A`."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        match = _OPTION.match(line)
        if match and match.group(3) != "inactive":
            values.setdefault(match.group(1), match.group(2))
    source = values.get("--source")
    return SaneChoices.from_options(
        source_values=source.split("|") if source is not None else None,
        mode_values=values.get("--mode", "").split("|"),
        resolution=_parse_constraint(values["--resolution"]) if "--resolution" in values else None,
        width_mm=_parse_constraint(values["-x"]) if "-x" in values else None,
        height_mm=_parse_constraint(values["-y"]) if "-y" in values else None,
    )


def _number(value: float) -> str:
    return f"{value:g}"


def _read_stream(stream: IO[bytes], lines: queue.Queue[str | None]) -> None:
    pending = b""
    while chunk := os.read(stream.fileno(), 4096):
        pending += chunk
        *complete, pending = re.split(rb"[\r\n]", pending)
        for line in complete:
            lines.put(line.decode("utf-8", "replace"))
    if pending:
        lines.put(pending.decode("utf-8", "replace"))
    lines.put(None)


class ScanimageScanner:
    def __init__(
        self, program: str = "scanimage", timeout: float = 60.0, silence_limit: float = 120.0
    ) -> None:
        """`timeout` bounds listing devices and options; a scan is stopped after
        `silence_limit` seconds without a word or a page from scanimage."""
        self._program = program
        self._timeout = timeout
        self._silence_limit = silence_limit

    def _run(self, *args: str) -> str:
        try:
            done = subprocess.run(
                [self._program, *args],
                capture_output=True,
                timeout=self._timeout,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise DomainError(_("Không chạy được chương trình quét scanimage.")) from error
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            message = _("Không đọc được máy quét: {detail}").format(
                detail=detail[-1] if detail else done.returncode
            )
            raise DomainError(message)
        return done.stdout.decode("utf-8", "replace")

    def devices(self) -> list[ScannerDevice]:
        listing = self._run("-f", _FIELD.join(("%d", "%v", "%m")) + "%n")
        found = []
        for line in listing.splitlines():
            fields = line.split(_FIELD)
            if len(fields) == 3 and fields[0]:
                name = " ".join(f"{fields[1]} {fields[2]}".split()) or fields[0]
                found.append(ScannerDevice(id=fields[0], name=name))
        return found

    def _choices(self, device: str) -> SaneChoices:
        try:
            return choices_from_help(self._run("-d", device, "-A"))
        except DomainError as error:
            message = _("Không mở được máy quét {device}.").format(device=device)
            raise DomainError(message) from error

    def capabilities(self, device: str) -> Capabilities:
        return self._choices(device).capabilities()

    def _arguments(self, choices: SaneChoices, settings: ScanSettings, folder: Path) -> list[str]:
        pattern = str(Path(str(folder).replace("%", "%%")) / "page%04d.pnm")
        arguments = [
            self._program,
            "-d",
            settings.device,
            "--format=pnm",
            f"--batch={pattern}",
            "--progress",
            "--resolution",
            str(choices.dpi(settings)),
        ]
        source = choices.source_name(settings)
        if source:
            arguments += ["--source", source]
        mode = choices.mode_name(settings)
        if mode is not None:
            arguments += ["--mode", mode]
        width, height = choices.area_mm(settings)
        if choices.max_width_mm is not None:
            arguments += ["-l", "0", "-x", _number(width)]
        if choices.max_height_mm is not None:
            arguments += ["-t", "0", "-y", _number(height)]
        if settings.source is Source.FLATBED:
            arguments.append("--batch-count=1")
        return arguments

    def scan(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents:
        with tempfile.TemporaryDirectory(prefix="onestop-scan-") as folder:
            try:
                choices = self._choices(settings.device)
            except DomainError as error:
                yield ScanResult(0, StopReason.DEVICE_GONE, error.message)
                return
            try:
                arguments = self._arguments(choices, settings, Path(folder))
            except DomainError as error:
                yield ScanResult(0, StopReason.DEVICE_ERROR, error.message)
                return
            batch = _Batch(arguments, Path(folder), settings, cancel, self._silence_limit)
            yield from batch.run()


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class _Batch:
    """One running scanimage --batch and the pages it leaves in its folder."""

    def __init__(
        self,
        arguments: list[str],
        folder: Path,
        settings: ScanSettings,
        cancel: threading.Event,
        silence_limit: float,
    ) -> None:
        self._arguments = arguments
        self._folder = folder
        self._dpi = float(arguments[arguments.index("--resolution") + 1])
        self._settings = settings
        self._cancel = cancel
        self._silence_limit = silence_limit
        self._pages = 0
        self._reported = 0.0
        self._messages: list[str] = []
        self._heard_at = time.monotonic()
        self._batch_over_at: float | None = None

    def _new_pages(self) -> Iterator[ScannedImage]:
        numbered = sorted(
            (int(match.group(1)), path)
            for path in self._folder.iterdir()
            if (match := _PAGE_NAME.match(path.name))
        )
        for _number, path in numbered:
            with Image.open(path) as opened:
                opened.load()
            path.unlink()
            self._pages += 1
            self._reported = 0.0
            self._heard_at = time.monotonic()
            yield ScannedImage(self._pages, opened, self._dpi)

    def _drain(self, lines: queue.Queue[str | None]) -> Iterator[ScanProgress]:
        while True:
            try:
                line = lines.get_nowait()
            except queue.Empty:
                return
            if line is None:
                continue
            self._heard_at = time.monotonic()
            progress = _PROGRESS.search(line)
            if progress:
                fraction = min(float(progress.group(1)) / 100, 1.0)
                if abs(fraction - self._reported) >= _PROGRESS_STEP:
                    self._reported = fraction
                    yield ScanProgress(self._pages + 1, fraction)
            elif line.strip():
                self._messages.append(line.strip())
                if line.startswith("Batch terminated"):
                    self._batch_over_at = self._heard_at

    def _stuck(self) -> bool:
        """scanimage sometimes hangs while closing the device after the batch has ended, and a
        device can stop answering mid-page; either way it has to be stopped."""
        now = time.monotonic()
        if self._batch_over_at is not None and now - self._batch_over_at > _EXIT_GRACE_SECONDS:
            return True
        if now - self._heard_at > self._silence_limit:
            self._messages.append(_("Máy quét không phản hồi."))
            return True
        return False

    def run(self) -> ScanEvents:
        try:
            process = subprocess.Popen(
                self._arguments,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except OSError:
            detail = _("Không chạy được chương trình quét scanimage.")
            yield ScanResult(0, StopReason.DEVICE_ERROR, detail)
            return
        assert process.stderr is not None
        lines: queue.Queue[str | None] = queue.Queue()
        reader = threading.Thread(target=_read_stream, args=(process.stderr, lines), daemon=True)
        reader.start()
        cancelled = False
        try:
            while process.poll() is None:
                yield from self._drain(lines)
                yield from self._new_pages()
                if self._cancel.is_set():
                    cancelled = True
                    _stop(process)
                elif self._stuck():
                    _stop(process)
                else:
                    self._cancel.wait(_POLL_SECONDS)
        finally:
            if process.poll() is None:
                _stop(process)
            reader.join()
            process.stderr.close()
        yield from self._drain(lines)
        yield from self._new_pages()
        yield self._result(process.returncode, cancelled)

    def _result(self, exit_code: int, cancelled: bool) -> ScanResult:
        if cancelled:
            return ScanResult(self._pages, StopReason.CANCELLED)
        if any("open of device" in message for message in self._messages):
            detail = _("Không mở được máy quét {device}.").format(device=self._settings.device)
            return ScanResult(self._pages, StopReason.DEVICE_GONE, detail)
        statuses = [match.group(1) for m in self._messages if (match := _STATUS.search(m))]
        detail = ""
        exit_reason = sane_status.reason_for_exit(exit_code)
        if statuses:
            reason, detail = sane_status.reason_for_status(statuses[-1])
        elif exit_reason is not None:
            reason = exit_reason
        elif exit_code != 0:
            reason = StopReason.DEVICE_ERROR
            detail = self._messages[-1] if self._messages else str(exit_code)
        elif self._pages:
            reason = StopReason.FINISHED
        elif self._settings.source is Source.FLATBED:
            reason, detail = StopReason.DEVICE_ERROR, _("Máy quét không gửi trang nào.")
        else:
            reason = StopReason.FEEDER_EMPTY
        return ScanResult(self._pages, sane_status.settle(self._pages, reason), detail)
