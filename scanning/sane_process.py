"""SANE through python-sane, with libsane kept out of the program: each call runs in a child
process (see `scanning.sane_library`), which is stopped, and if need be killed, when it is done or
stops answering. A hung or crashed scanner driver costs one scan, never the program."""

import contextlib
import multiprocessing
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from onestop import i18n
from onestop.errors import DomainError
from onestop.i18n import _
from scanning.scanner import (
    Capabilities,
    ScanEvents,
    ScannedImage,
    ScannerDevice,
    ScanResult,
    ScanSettings,
    StopReason,
)

_POLL_SECONDS = 0.05
_STOP_SECONDS = 3.0
_STOP = "stop"


def _in_child(work: str, connection: Connection, language: str, *args: Any) -> None:
    from scanning import sane_library

    getattr(sane_library, work)(connection, language, *args)


def _start(work: str, *args: Any) -> tuple[BaseProcess, Connection]:
    """A child process running `sane_library.<work>`, and the program's end of its pipe."""
    # spawn, not fork: the program has threads (Qt, the task manager) that a fork would copy
    # in whatever state they were in
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    arguments = (work, theirs, i18n.language(), *args)
    child = context.Process(target=_in_child, args=arguments, daemon=True)
    child.start()
    theirs.close()
    return child, ours


def _tell_stop(connection: Connection) -> None:
    with contextlib.suppress(OSError):  # the child has already gone
        connection.send(_STOP)


def _end(child: BaseProcess, connection: Connection) -> None:
    _tell_stop(connection)
    child.join(_STOP_SECONDS)
    if child.is_alive():
        child.kill()
        child.join()
    connection.close()


class SaneScanner:
    def __init__(self, timeout: float = 60.0, silence_limit: float = 120.0) -> None:
        """`timeout` bounds listing devices and reading one's choices; a scan is stopped after
        `silence_limit` seconds without a word or a page from the driver."""
        self._timeout = timeout
        self._silence_limit = silence_limit

    def _ask(self, question: str, argument: str = "") -> Any:
        child, connection = _start("answer", question, argument)
        try:
            if not connection.poll(self._timeout):
                raise DomainError(_("Máy quét không phản hồi."))
            try:
                kind, value = connection.recv()
            except (EOFError, OSError) as error:
                raise DomainError(_("Trình điều khiển máy quét dừng đột ngột.")) from error
        finally:
            _end(child, connection)
        if kind == "refused":
            raise DomainError(value)
        return value

    def devices(self) -> list[ScannerDevice]:
        found: list[ScannerDevice] = self._ask("devices")
        return found

    def capabilities(self, device: str) -> Capabilities:
        found: Capabilities = self._ask("capabilities", device)
        return found

    def scan(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents:
        child, connection = _start("scan", settings)
        pages = 0
        heard_at = time.monotonic()
        stop_sent_at: float | None = None
        try:
            while True:
                if cancel.is_set() and stop_sent_at is None:
                    _tell_stop(connection)
                    stop_sent_at = time.monotonic()
                if connection.poll(_POLL_SECONDS):
                    try:
                        event = connection.recv()
                    except (EOFError, OSError):
                        detail = _("Trình điều khiển máy quét dừng đột ngột.")
                        yield ScanResult(pages, StopReason.DEVICE_ERROR, detail)
                        return
                    heard_at = time.monotonic()
                    if isinstance(event, Exception):
                        yield ScanResult(pages, StopReason.DEVICE_ERROR, str(event))
                        return
                    if isinstance(event, ScannedImage):
                        pages += 1
                    yield event
                    if isinstance(event, ScanResult):
                        return
                elif stop_sent_at is not None and time.monotonic() - stop_sent_at > _STOP_SECONDS:
                    yield ScanResult(pages, StopReason.CANCELLED)
                    return
                elif time.monotonic() - heard_at > self._silence_limit:
                    yield ScanResult(pages, StopReason.DEVICE_ERROR, _("Máy quét không phản hồi."))
                    return
        finally:
            _end(child, connection)
