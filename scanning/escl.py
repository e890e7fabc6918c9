"""Driverless network scanners over eSCL (AirScan): plain HTTP with requests.

A device id is the scanner's eSCL base address, e.g. "http://192.168.1.20:80/eSCL". A job is
POSTed to ScanJobs, whose Location names the job; each GET of NextDocument brings one page until
404. 503 means "not ready yet": wait a little and ask again. Why a job ended early is read from
ScannerStatus. Every call has a timeout.
"""

import contextlib
import io
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from PIL import Image, UnidentifiedImageError

from onestop.errors import DomainError
from onestop.i18n import _
from scanning import escl_xml, page_image
from scanning.scanner import (
    Capabilities,
    ScanEvent,
    ScanEvents,
    ScannedImage,
    ScannerDevice,
    ScanProgress,
    ScanResult,
    ScanSettings,
    Source,
    StopReason,
)

_ADF_REASONS = {
    "ScannerAdfJam": StopReason.JAMMED,
    "ScannerAdfMispick": StopReason.JAMMED,
    "ScannerAdfMultipickDetected": StopReason.JAMMED,
    "ScannerAdfHatchOpen": StopReason.COVER_OPEN,
    "ScannerAdfEmpty": StopReason.FEEDER_EMPTY,
}
_PREFERRED_FORMATS = ("image/jpeg", "image/png")


@dataclass(frozen=True)
class EsclTimeouts:
    connect: float = 5.0
    # a page may take this long to come out of a feeder before NextDocument answers
    read: float = 60.0
    busy_pause: float = 0.5
    busy_limit: float = 60.0


class _Gone(Exception):
    """The scanner stopped answering."""


class EsclScanner:
    def __init__(
        self,
        find: Callable[[], list[ScannerDevice]],
        timeouts: EsclTimeouts | None = None,
    ) -> None:
        """`find` lists the scanners to offer: discovery, addresses typed in, or both."""
        self._find = find
        self._timeouts = timeouts or EsclTimeouts()

    def devices(self) -> list[ScannerDevice]:
        return self._find()

    def capabilities(self, device: str) -> Capabilities:
        with requests.Session() as http:
            return _Job(http, device, self._timeouts).read_capabilities().capabilities

    def scan(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents:
        with requests.Session() as http:
            yield from _Job(http, settings.device, self._timeouts).run(settings, cancel)


class _Job:
    def __init__(self, http: requests.Session, base: str, timeouts: EsclTimeouts) -> None:
        self._http = http
        self._base = base.rstrip("/") + "/"
        self._timeouts = timeouts
        self._pages = 0
        self._dpi = 0.0
        self._job_over = False

    def _request(self, method: str, url: str, body: bytes | None = None) -> requests.Response:
        headers = {"Content-Type": "text/xml"} if body is not None else None
        try:
            return self._http.request(
                method,
                url,
                data=body,
                headers=headers,
                timeout=(self._timeouts.connect, self._timeouts.read),
            )
        except requests.RequestException as error:
            raise _Gone(str(error)) from error

    def read_capabilities(self) -> escl_xml.EsclCapabilities:
        try:
            response = self._request("GET", urljoin(self._base, "ScannerCapabilities"))
        except _Gone as error:
            message = _("Không kết nối được máy quét {device}.").format(device=self._base)
            raise DomainError(message) from error
        try:
            response.raise_for_status()
            return escl_xml.read_capabilities(response.content)
        except (requests.HTTPError, ValueError) as error:
            message = _("Thiết bị {device} không trả lời như một máy quét eSCL.")
            raise DomainError(message.format(device=self._base)) from error

    def _status_reason(self, job_url: str | None, source: Source) -> StopReason | None:
        """What the scanner says went wrong, or None when it reports nothing wrong."""
        try:
            response = self._request("GET", urljoin(self._base, "ScannerStatus"))
            status = escl_xml.read_status(response.content) if response.ok else None
        except (_Gone, ValueError):
            return None
        if status is None:
            return None
        if source is not Source.FLATBED and status.adf_state in _ADF_REASONS:
            reason = _ADF_REASONS[status.adf_state]
            if reason is not StopReason.FEEDER_EMPTY or self._pages == 0:
                return reason
        job = status.job(job_url) if job_url else None
        if job is not None and job.state == "Aborted":
            return StopReason.DEVICE_ERROR
        return None

    def _while_busy(
        self, send: Callable[[], requests.Response], cancel: threading.Event
    ) -> requests.Response | None:
        """Sends until the answer is not 503; None when cancelled or still busy past the limit."""
        waited = 0.0
        while True:
            response = send()
            if response.status_code != 503:
                return response
            pause = self._timeouts.busy_pause
            retry_after = response.headers.get("Retry-After", "")
            if retry_after.isdigit():
                pause = min(max(float(retry_after), pause), self._timeouts.busy_limit)
            waited += pause
            if waited > self._timeouts.busy_limit or cancel.wait(pause):
                return None

    def _busy_or_cancelled(self, cancel: threading.Event) -> ScanResult:
        if cancel.is_set():
            return ScanResult(self._pages, StopReason.CANCELLED)
        busy = _("Máy quét đang bận với việc khác.")
        return ScanResult(self._pages, StopReason.DEVICE_ERROR, busy)

    def _start(self, settings: ScanSettings, cancel: threading.Event) -> str | ScanResult:
        """The job's address, or the result when the scanner would not start one."""
        caps = self.read_capabilities()
        if settings.source not in caps.capabilities.sources:
            missing = _("Máy quét này không có nguồn giấy đã chọn.")
            return ScanResult(0, StopReason.DEVICE_ERROR, missing)
        self._dpi = float(caps.capabilities.nearest_resolution(settings.dpi))
        document_format = next((f for f in _PREFERRED_FORMATS if f in caps.formats), _PREFERRED_FORMATS[0])
        body = escl_xml.scan_settings(settings, caps, document_format)
        jobs_url = urljoin(self._base, "ScanJobs")
        response = self._while_busy(
            lambda: self._request("POST", jobs_url, body),
            cancel,
        )
        if response is None:
            return self._busy_or_cancelled(cancel)
        location = response.headers.get("Location")
        if response.status_code != 201 or not location:
            reason = self._status_reason(None, settings.source) or StopReason.DEVICE_ERROR
            return ScanResult(0, reason)
        return urljoin(jobs_url, location)

    def _delete(self, job_url: str) -> None:
        with contextlib.suppress(_Gone):
            self._request("DELETE", job_url)

    def _page(self, response: requests.Response) -> ScannedImage:
        try:
            with Image.open(io.BytesIO(response.content)) as opened:
                opened.load()
        except (UnidentifiedImageError, OSError) as error:
            raise DomainError(_("Máy quét gửi về một trang ảnh hỏng.")) from error
        self._pages += 1
        return ScannedImage(self._pages, opened, page_image.stated_dpi(opened) or self._dpi)

    def _after_last_page(self, job_url: str, source: Source) -> ScanResult:
        reason = self._status_reason(job_url, source)
        if reason is not None:
            return ScanResult(self._pages, reason)
        if self._pages:
            return ScanResult(self._pages, StopReason.FINISHED)
        if source is not Source.FLATBED:
            return ScanResult(0, StopReason.FEEDER_EMPTY)
        return ScanResult(0, StopReason.DEVICE_ERROR, _("Máy quét không gửi trang nào."))

    def _receive(
        self, job_url: str, source: Source, cancel: threading.Event
    ) -> Generator[ScanEvent, None, ScanResult]:
        next_url = job_url.rstrip("/") + "/NextDocument"
        while not cancel.is_set():
            yield ScanProgress(self._pages + 1, None)
            response = self._while_busy(lambda: self._request("GET", next_url), cancel)
            if response is None:
                return self._busy_or_cancelled(cancel)
            if response.status_code == 404:
                self._job_over = True
                return self._after_last_page(job_url, source)
            if response.status_code != 200:
                reason = self._status_reason(job_url, source) or StopReason.DEVICE_ERROR
                return ScanResult(self._pages, reason)
            try:
                yield self._page(response)
            except DomainError as error:
                return ScanResult(self._pages, StopReason.DEVICE_ERROR, error.message)
        return ScanResult(self._pages, StopReason.CANCELLED)

    def run(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents:
        try:
            started = self._start(settings, cancel)
        except DomainError as error:
            yield ScanResult(0, StopReason.DEVICE_GONE, error.message)
            return
        except _Gone:
            yield ScanResult(0, StopReason.DEVICE_GONE)
            return
        if isinstance(started, ScanResult):
            yield started
            return
        try:
            result = yield from self._receive(started, settings.source, cancel)
        except _Gone:
            self._job_over = True
            result = ScanResult(self._pages, StopReason.DEVICE_GONE)
        finally:
            if not self._job_over:
                self._delete(started)
        yield result
