"""The provincial server's HTTP face: routes, bodies, faults, and refusals turned into statuses."""

import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sync.provincial_server.faults import Fault, FaultPlan
from sync.provincial_server.province import ProvincialServer
from sync.provincial_server.refusals import BadRequest, OffsetConflict, Refusal, TooLarge
from sync.wire import nfc_tree

logger = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 8 * 1024 * 1024  # protocol 1.1: a larger body is answered 413
MAX_CHUNK_BYTES = 1024 * 1024
# A body too large is still read (and thrown away) up to this size, so that the counter, which
# is still sending it, sees the 413 instead of a broken connection.
_DRAINED_BYTES = 64 * 1024 * 1024
_FILE_PATH = re.compile(r"/api/files/([0-9a-f]{64})")


@dataclass
class Answer:
    status: int
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)


class ProvinceHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    # On Windows SO_REUSEADDR lets a second server take a port already in use.
    allow_reuse_address = os.name != "nt"

    def __init__(self, address: tuple[str, int], province: ProvincialServer,
                 faults: FaultPlan, max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.province = province
        self.faults = faults
        self.max_request_bytes = max_request_bytes
        self.stopping = threading.Event()
        super().__init__(address, ProvinceHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.exception("request from %s failed", client_address)


Work = Callable[[bytes], Answer]


class ProvinceHandler(BaseHTTPRequestHandler):
    server: ProvinceHttpServer
    server_version = "OneStopProvincialSim/1"
    # A counter that connects and then says nothing does not hold a thread for ever.
    timeout = 15

    def do_POST(self) -> None:
        routes: dict[str, tuple[Work, bool]] = {
            "/api/auth": (self._sign_in, False),
            "/api/service": (self._service, True),
            "/api/admin/process": (self._admin_process, False),
            "/api/admin/days-off": (self._admin_day, False),
        }
        work, faulty = routes.get(self.path.split("?", 1)[0], (_not_found, False))
        self._handle(work, self.server.max_request_bytes, faulty=faulty)

    def do_HEAD(self) -> None:
        self._handle(self._file_state, 0, faulty=True)

    def do_PATCH(self) -> None:
        self._handle(self._file_chunk, MAX_CHUNK_BYTES, faulty=True)

    def do_GET(self) -> None:
        self._send(Answer(405, _error(405, "Phương thức không được hỗ trợ")))

    def _handle(self, work: Work, limit: int, *, faulty: bool) -> None:
        try:
            body = self._read_body(limit)
        except Refusal as refusal:
            self.close_connection = True
            self._send(_refused(refusal))
            return
        fault = self.server.faults.draw() if faulty else None
        if fault in (Fault.UNAVAILABLE, Fault.THROTTLED, Fault.FAILED):
            self._send(self._fault_answer(fault))
            return
        if fault is Fault.SLOW and self.server.stopping.wait(self.server.faults.delay):
            return
        try:
            answer = work(body)
        except Refusal as refusal:
            answer = _refused(refusal)
        except Exception:
            logger.exception("%s %s failed", self.command, self.path)
            answer = Answer(500, _error(500, "Lỗi máy chủ"))
        if fault is Fault.DROPPED:
            self.close_connection = True
            return
        self._send(answer)

    def _fault_answer(self, fault: Fault) -> Answer:
        wait = {"Retry-After": str(self.server.faults.retry_after)}
        if fault is Fault.UNAVAILABLE:
            return Answer(503, _error(503, "Máy chủ đang bảo trì"), wait)
        if fault is Fault.THROTTLED:
            return Answer(429, _error(429, "Quá nhiều yêu cầu"), wait)
        return Answer(500, _error(500, "Lỗi máy chủ"))

    def _read_body(self, limit: int) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise BadRequest("Cần Content-Length, không nhận Transfer-Encoding")
        declared = self.headers.get("Content-Length", "0")
        if not (declared.isascii() and declared.isdigit()):
            raise BadRequest("Content-Length không hợp lệ")
        if int(declared) > limit:
            if int(declared) <= _DRAINED_BYTES:
                self._drain(int(declared))
            raise TooLarge(f"Nội dung {declared} byte vượt giới hạn {limit} byte")
        body = self.rfile.read(int(declared))
        if len(body) != int(declared):
            raise BadRequest("Nội dung bị cắt ngang")
        return body

    def _drain(self, size: int) -> None:
        while size > 0:
            block = self.rfile.read(min(size, 1024 * 1024))
            if not block:
                return
            size -= len(block)

    # --- routes -----------------------------------------------------------------------------

    def _sign_in(self, body: bytes) -> Answer:
        return Answer(200, self.server.province.sign_in(_json(body)))

    def _service(self, body: bytes) -> Answer:
        province = self.server.province
        session = province.sessions.check(self.headers.get("Authorization"))
        return Answer(200, province.call_service(session, self.headers.get("Idempotency-Key"),
                                                 _json(body)))

    def _admin_process(self, body: bytes) -> Answer:
        province = self.server.province
        province.sessions.check(self.headers.get("Authorization"), admin=True)
        return Answer(200, province.admin_process(_json(body)))

    def _admin_day(self, body: bytes) -> Answer:
        province = self.server.province
        province.sessions.check(self.headers.get("Authorization"), admin=True)
        return Answer(200, province.admin_declare_day(_json(body)))

    def _file_state(self, _body: bytes) -> Answer:
        province = self.server.province
        sha256 = self._file_name()
        province.sessions.check(self.headers.get("Authorization"))
        state = province.file_state(sha256)
        if state is None:
            return Answer(404)
        offset, length = state
        headers = {"Upload-Offset": str(offset), "Cache-Control": "no-store"}
        if length is not None:
            headers["Upload-Length"] = str(length)
        return Answer(200, None, headers)

    def _file_chunk(self, body: bytes) -> Answer:
        province = self.server.province
        sha256 = self._file_name()
        province.sessions.check(self.headers.get("Authorization"))
        if self.headers.get("Content-Type") != "application/offset+octet-stream":
            raise BadRequest("Content-Type phải là application/offset+octet-stream")
        offset = _header_integer(self.headers.get("Upload-Offset"), "Upload-Offset")
        length = _header_integer(self.headers.get("Upload-Length"), "Upload-Length")
        held = province.append_file(sha256, offset, length, body)
        return Answer(204, None, {"Upload-Offset": str(held)})

    def _file_name(self) -> str:
        match = _FILE_PATH.fullmatch(self.path.split("?", 1)[0])
        if match is None:
            raise BadRequest("Địa chỉ tệp phải là /api/files/<sha256>")
        return match.group(1)

    # --- answering --------------------------------------------------------------------------

    def _send(self, answer: Answer) -> None:
        payload = b"" if answer.body is None else json.dumps(
            answer.body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if answer.body is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            if answer.status != 204:
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            drip = self.server.province.hostility.drip
            if self.command == "HEAD":
                return
            if drip and self.path.startswith("/api/service"):
                self._drip(payload, drip)
            else:
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            # The counter gave up waiting (a slow answer); it will ask again.
            self.close_connection = True

    def _drip(self, payload: bytes, pause: float) -> None:
        """A hostile province: one byte of the answer, then a pause, until all are sent."""
        for index in range(len(payload)):
            self.wfile.write(payload[index:index + 1])
            self.wfile.flush()
            if self.server.stopping.wait(pause):
                self.close_connection = True
                return

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)


def _not_found(_body: bytes) -> Answer:
    return Answer(404, _error(404, "Không có địa chỉ này"))


def _json(body: bytes) -> Any:
    try:
        return nfc_tree(json.loads(body.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadRequest("Nội dung phải là JSON UTF-8") from error


def _header_integer(value: str | None, name: str) -> int:
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise BadRequest(f"{name} phải là số nguyên không âm")
    return int(value)


def _error(code: int, message: str) -> dict[str, Any]:
    return {"error_code": code, "message": message}


def _refused(refusal: Refusal) -> Answer:
    headers = {"Upload-Offset": str(refusal.held)} if isinstance(refusal, OffsetConflict) else {}
    return Answer(refusal.status, _error(refusal.status, refusal.message), headers)
