"""A loopback eSCL scanner for tests: http.server on 127.0.0.1, port chosen by the system.

The scenario says what the scanner does: which sources it has, how many pages a job gives,
how often it answers 503 first, whether a job jams or the scanner vanishes part-way.
"""

import io
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from PIL import Image

SCAN = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG = "http://www.pwg.org/schemas/2010/12/sm"


@dataclass
class Scenario:
    platen: bool = True
    adf: bool = True
    duplex: bool = True
    pages: int = 3
    busy_before_each_page: int = 0
    busy_forever: bool = False
    jam_after: int | None = None
    vanish_after: int | None = None
    stall_after: int | None = None
    stall_seconds: float = 1.0
    corrupt_page: int | None = None
    feeder_empty: bool = False
    absolute_location: bool = False
    resolutions: tuple[int, ...] = (100, 200, 300)
    # what every page shows; None for the numbered grey pages
    picture: bytes | None = None


def page_jpeg(number: int, dpi: int = 200) -> bytes:
    """A small grey page whose shade tells its number (10, 20, 30, ...)."""
    out = io.BytesIO()
    Image.new("L", (170, 240), 10 * number).save(out, "JPEG", quality=90, dpi=(dpi, dpi))
    return out.getvalue()


def _input_caps(tag: str, resolutions: tuple[int, ...]) -> str:
    discrete = "".join(
        "<scan:DiscreteResolution>"
        f"<scan:XResolution>{dpi}</scan:XResolution><scan:YResolution>{dpi}</scan:YResolution>"
        "</scan:DiscreteResolution>"
        for dpi in resolutions
    )
    return (
        f"<scan:{tag}>"
        "<scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>"
        "<scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>"
        "<scan:SettingProfiles><scan:SettingProfile>"
        "<scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode>"
        "<scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode>"
        "</scan:ColorModes>"
        "<scan:DocumentFormats><pwg:DocumentFormat>application/pdf</pwg:DocumentFormat>"
        "<pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat></scan:DocumentFormats>"
        f"<scan:SupportedResolutions><scan:DiscreteResolutions>{discrete}"
        "</scan:DiscreteResolutions></scan:SupportedResolutions>"
        "</scan:SettingProfile></scan:SettingProfiles>"
        f"</scan:{tag}>"
    )


@dataclass
class _Job:
    uri: str
    state: str = "Processing"
    sent: int = 0
    busy_left: int = 0


@dataclass
class Record:
    requests: list[tuple[str, str]] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    busy_answers: int = 0


class EsclServer:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.record = Record()
        self.jobs: dict[str, _Job] = {}
        self.adf_state = "ScannerAdfEmpty" if scenario.feeder_empty else "ScannerAdfLoaded"
        self._lock = threading.Lock()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._http.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/eSCL"

    def __enter__(self) -> "EsclServer":
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()

    def capabilities(self) -> str:
        s = self.scenario
        adf = ""
        if s.adf:
            adf = "<scan:Adf>" + _input_caps("AdfSimplexInputCaps", s.resolutions)
            if s.duplex:
                adf += _input_caps("AdfDuplexInputCaps", s.resolutions)
            adf += "</scan:Adf>"
        platen = (
            "<scan:Platen>" + _input_caps("PlatenInputCaps", s.resolutions) + "</scan:Platen>"
            if s.platen
            else ""
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<scan:ScannerCapabilities xmlns:scan="{SCAN}" xmlns:pwg="{PWG}">'
            "<pwg:Version>2.63</pwg:Version><pwg:MakeAndModel>Máy quét thử</pwg:MakeAndModel>"
            f"{platen}{adf}</scan:ScannerCapabilities>"
        )

    def status(self) -> str:
        jobs = "".join(
            "<scan:JobInfo>"
            f"<pwg:JobUri>{job.uri}</pwg:JobUri><pwg:JobState>{job.state}</pwg:JobState>"
            "</scan:JobInfo>"
            for job in self.jobs.values()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<scan:ScannerStatus xmlns:scan="{SCAN}" xmlns:pwg="{PWG}">'
            "<pwg:Version>2.63</pwg:Version><pwg:State>Idle</pwg:State>"
            f"<scan:AdfState>{self.adf_state}</scan:AdfState>"
            f"<scan:Jobs>{jobs}</scan:Jobs></scan:ScannerStatus>"
        )

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
                self.send_response(code)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                server.record.requests.append(("GET", self.path))
                if self.path == "/eSCL/ScannerCapabilities":
                    self._send(200, server.capabilities().encode(), {"Content-Type": "text/xml"})
                elif self.path == "/eSCL/ScannerStatus":
                    self._send(200, server.status().encode(), {"Content-Type": "text/xml"})
                elif self.path.endswith("/NextDocument"):
                    self._next_document(self.path.removesuffix("/NextDocument"))
                else:
                    self._send(404)

            def do_POST(self) -> None:
                server.record.requests.append(("POST", self.path))
                length = int(self.headers.get("Content-Length", "0"))
                server.record.settings.append(self.rfile.read(length).decode())
                if self.path != "/eSCL/ScanJobs":
                    self._send(404)
                    return
                if server.scenario.feeder_empty:
                    self._send(409)
                    return
                uri = f"/eSCL/ScanJobs/{uuid.uuid4()}"
                with server._lock:
                    server.jobs[uri] = _Job(uri, busy_left=server.scenario.busy_before_each_page)
                location = f"{server.base_url.removesuffix('/eSCL')}{uri}"
                self._send(201, headers={"Location": location if server.scenario.absolute_location else uri})

            def do_DELETE(self) -> None:
                server.record.requests.append(("DELETE", self.path))
                job = server.jobs.get(self.path)
                if job is None:
                    self._send(404)
                    return
                job.state = "Canceled"
                self._send(200)

            def _next_document(self, uri: str) -> None:
                s = server.scenario
                job = server.jobs.get(uri)
                if job is None or job.state != "Processing":
                    self._send(404)
                    return
                if s.busy_forever or job.busy_left > 0:
                    job.busy_left -= 1
                    server.record.busy_answers += 1
                    self._send(503, headers={"Retry-After": "0"} if s.busy_forever else {})
                    return
                if s.vanish_after is not None and job.sent >= s.vanish_after:
                    self.close_connection = True
                    return
                if s.stall_after is not None and job.sent >= s.stall_after:
                    time.sleep(s.stall_seconds)
                if s.jam_after is not None and job.sent >= s.jam_after:
                    job.state = "Aborted"
                    server.adf_state = "ScannerAdfJam"
                    self._send(500)
                    return
                if job.sent >= s.pages:
                    job.state = "Completed"
                    self._send(404)
                    return
                job.sent += 1
                job.busy_left = s.busy_before_each_page
                picture = s.picture or page_jpeg(job.sent)
                body = b"\xff\xd8 not a picture" if job.sent == s.corrupt_page else picture
                self._send(200, body, {"Content-Type": "image/jpeg"})

        return Handler
