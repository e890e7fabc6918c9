"""SANE through libsane (python-sane), run in a child process of its own.

libsane is one per process, is not thread-safe, and some of its backends can hang for good (the
`test` backend's cancel waits on a reader thread it killed inside malloc) or reset SIGPIPE to its
default for the whole process. So the program never loads it: `scanning.sane_process` starts a
child per call, which runs one of the functions here and answers on a pipe. The child speaks the
program's language, so the texts it sends are ready to show.
"""

from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import sane

from onestop import i18n
from onestop.errors import DomainError
from onestop.i18n import _
from scanning.sane_choices import SaneChoices
from scanning.sane_status import reason_for_status, settle
from scanning.scanner import (
    Capabilities,
    ScanEvent,
    ScannedImage,
    ScannerDevice,
    ScanProgress,
    ScanResult,
    ScanSettings,
    Source,
    StopReason,
)

_SaneError = sane._sane.error
_PROGRESS_STEP = 0.05


def _constraint(handle: Any, name: str) -> Any:
    option = handle.opt.get(name)
    if option is None or not option.is_active():
        return None
    return option.constraint


def _mm_constraint(handle: Any, name: str) -> Any:
    option = handle.opt.get(name)
    if option is None or option.unit != sane._sane.UNIT_MM:
        return None
    return _constraint(handle, name)


def _choices(handle: Any) -> SaneChoices:
    return SaneChoices.from_options(
        source_values=_constraint(handle, "source") if "source" in handle.opt else None,
        mode_values=_constraint(handle, "mode") or (),
        resolution=_constraint(handle, "resolution"),
        width_mm=_mm_constraint(handle, "br_x"),
        height_mm=_mm_constraint(handle, "br_y"),
    )


def _settable(handle: Any, name: str) -> bool:
    option = handle.opt.get(name)
    return option is not None and option.is_active() and option.is_settable()


def _configure(handle: Any, settings: ScanSettings) -> float:
    """Sets source, mode, resolution and area; returns the resolution the device took."""
    choices = _choices(handle)
    source = choices.source_name(settings)
    if choices.has_source_option:
        handle.source = source
        choices = _choices(handle)
    mode = choices.mode_name(settings)
    if mode is not None and _settable(handle, "mode"):
        handle.mode = mode
    dpi = float(choices.dpi(settings))
    if _settable(handle, "resolution"):
        handle.resolution = dpi
        dpi = float(handle.resolution)
    width, height = choices.area_mm(settings)
    for name, value in (("tl_x", 0.0), ("tl_y", 0.0), ("br_x", width), ("br_y", height)):
        if _mm_constraint(handle, name) is not None and _settable(handle, name):
            setattr(handle, name, float(value))
    return dpi


class _LineProgress:
    """Called by python-sane after each line read. python-sane crashes if this raises, so
    any error is kept and raised once the page read returns."""

    def __init__(
        self,
        handle: Any,
        page_number: int,
        stopped: Callable[[], bool],
        put: Callable[[ScanEvent], None],
    ) -> None:
        self._handle = handle
        self._page_number = page_number
        self._stopped = stopped
        self._put = put
        self._reported = 0.0
        self._cancel_sent = False
        self.error: BaseException | None = None

    def __call__(self, lines_read: int, lines_total: int) -> None:
        try:
            if self._stopped():
                if not self._cancel_sent:
                    self._cancel_sent = True
                    self._handle.cancel()
                return
            if lines_total > 0:
                fraction = min(lines_read / lines_total, 1.0)
                if fraction - self._reported >= _PROGRESS_STEP:
                    self._reported = fraction
                    self._put(ScanProgress(self._page_number, fraction))
        except BaseException as error:  # noqa: BLE001 - handed back after the read
            self.error = error


def _read_pages(
    handle: Any,
    settings: ScanSettings,
    dpi: float,
    stopped: Callable[[], bool],
    put: Callable[[ScanEvent], None],
) -> ScanResult:
    pages = 0
    while True:
        if stopped():
            return ScanResult(pages, StopReason.CANCELLED)
        number = pages + 1
        put(ScanProgress(number, 0.0))
        progress = _LineProgress(handle, number, stopped, put)
        try:
            handle.start()
            image = handle.snap(True, progress)
        except (_SaneError, RuntimeError) as error:
            reason, detail = reason_for_status(str(error))
            return ScanResult(pages, settle(pages, reason), detail)
        if progress.error is not None:
            raise progress.error
        pages += 1
        put(ScannedImage(number, image, dpi))
        if settings.source is Source.FLATBED:
            return ScanResult(pages, StopReason.FINISHED)


def _scan(settings: ScanSettings, stopped: Callable[[], bool], put: Callable[[ScanEvent], None]) -> None:
    """Puts the scan's events, its result included, before libsane tidies up: tidying up is
    where a backend may hang, and by then the program has all it needs."""
    try:
        handle = sane.open(settings.device)
    except _SaneError:
        detail = _("Không mở được máy quét {device}.").format(device=settings.device)
        put(ScanResult(0, StopReason.DEVICE_GONE, detail))
        return
    try:
        try:
            dpi = _configure(handle, settings)
        except DomainError as error:
            put(ScanResult(0, StopReason.DEVICE_ERROR, error.message))
            return
        except (_SaneError, AttributeError) as error:
            put(ScanResult(0, StopReason.DEVICE_ERROR, str(error)))
            return
        try:
            put(_read_pages(handle, settings, dpi, stopped, put))
        finally:
            handle.cancel()
    finally:
        handle.close()


def _devices() -> list[ScannerDevice]:
    return [
        ScannerDevice(id=name, name=" ".join(f"{vendor} {model}".split()) or name)
        for name, vendor, model, _kind in sane.get_devices()
    ]


def _capabilities(device: str) -> Capabilities:
    try:
        handle = sane.open(device)
    except _SaneError as error:
        message = _("Không mở được máy quét {device}.").format(device=device)
        raise DomainError(message) from error
    try:
        return _choices(handle).capabilities()
    finally:
        handle.close()


def answer(connection: Connection, language: str, question: str, argument: str) -> None:
    """The child's work for `devices` or `capabilities`: sends ("answer", value) or
    ("refused", message)."""
    i18n.set_language(language)
    sane.init()
    try:
        if question == "devices":
            connection.send(("answer", _devices()))
        else:
            connection.send(("answer", _capabilities(argument)))
    except DomainError as error:
        connection.send(("refused", error.message))
    finally:
        connection.close()
        sane.exit()


def scan(connection: Connection, language: str, settings: ScanSettings) -> None:
    """The child's work for a scan: sends every event, then tidies up. Anything the program
    sends back means "stop"; so does the program going away."""
    i18n.set_language(language)
    sane.init()
    try:
        _scan(settings, connection.poll, connection.send)
    except Exception as error:  # noqa: BLE001 - the program shows it as the device's error
        connection.send(RuntimeError(str(error) or type(error).__name__))
    finally:
        connection.close()
        sane.exit()
