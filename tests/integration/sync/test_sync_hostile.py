"""A province that answers garbage, floods, redirects or fakes its certificate is not believed."""

import datetime as dt
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from onestop import dossiers, outbox
from onestop.dossiers import ApplicantInput, Intake
from onestop.outbox import queue_view
from onestop.province_pulls import ProvinceChange, UnreadableChange
from onestop.store.models import OutboxItem
from sync.client import ProvincialClient
from sync.errors import AuthFailed, PermanentError, ProtocolError, SyncError, TransientError
from sync.run import run_once
from tests.conftest import Office

MiB = 1024 * 1024
Behaviour = Callable[["HostileHandler"], None]


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        self.behaviour: Behaviour = lambda handler: handler.answer(200, {"error_code": 0})
        self.sign_in: Behaviour = _good_sign_in
        self.calls: list[str] = []
        self.release = threading.Event()
        self.other_url = ""
        super().__init__(("127.0.0.1", 0), HostileHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class HostileHandler(BaseHTTPRequestHandler):
    server: HostileServer

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.calls.append(self.path)
        if self.path == "/api/auth":
            self.server.sign_in(self)
        else:
            self.server.behaviour(self)

    do_HEAD = do_PATCH = do_POST

    def answer(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            self.send_response(status)
            headers = {"Content-Length": str(len(payload)), **(headers or {})}
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass

    def flood(self) -> None:
        try:
            self.send_response(200)
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * MiB)
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _good_sign_in(handler: HostileHandler) -> None:
    handler.answer(200, {"error_code": 0, "message": "", "session": "token", "expires_in": 600})


def _running(server: HostileServer) -> Iterator[HostileServer]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture
def bystander() -> Iterator[HostileServer]:
    yield from _running(HostileServer())


@pytest.fixture
def hostile(bystander: HostileServer) -> Iterator[HostileServer]:
    server = HostileServer()
    server.other_url = bystander.url
    yield from _running(server)


@pytest.fixture
def hostile_client(hostile: HostileServer,
                   connect: Callable[..., ProvincialClient]) -> ProvincialClient:
    return connect(hostile.url, read_timeout=0.5, max_body_bytes=MiB)


def _push(client: ProvincialClient) -> Any:
    return client.push_dossiers([{"MaHoSo": "A-1", "PhienBan": 1}], key="k-1")


def _ok(**fields: Any) -> Behaviour:
    return lambda handler: handler.answer(200, {"error_code": 0, "message": "", **fields})


def _raw(body: bytes, headers: dict[str, str] | None = None) -> Behaviour:
    return lambda handler: handler.answer(200, body, headers)


def _result(**fields: Any) -> dict[str, Any]:
    return {"MaHoSo": "A-1", "error_code": 0, "message": "", "stale": False, **fields}


OFF_PROTOCOL: dict[str, Behaviour] = {
    "html": _raw("<html><body>Hệ thống đang bảo trì</body></html>".encode()),
    "json array": _raw(b"[1, 2]"),
    "error_code as text": _ok(error_code="0", results=[_result()]),
    "NaN": _raw(b'{"error_code": NaN, "message": ""}'),
    "invalid utf-8": _raw(b'{"error_code": 0, "message": "\xff\xfe"}'),
    "deep nesting": _raw(b'{"error_code": 0, "results": ' + b"[" * 100_000 + b"]" * 100_000
                         + b"}"),
    "no results": _ok(),
    "results for another dossier": _ok(results=[_result(MaHoSo="X-9")]),
    "one result too many": _ok(results=[_result(), _result()]),
    "stale as text": _ok(results=[_result(stale="no")]),
    "unknown item code": _ok(results=[_result(error_code=7)]),
}


@pytest.mark.parametrize("behaviour", OFF_PROTOCOL.values(), ids=OFF_PROTOCOL.keys())
def test_an_answer_off_the_protocol_is_refused(
        hostile: HostileServer, hostile_client: ProvincialClient, behaviour: Behaviour) -> None:
    hostile.behaviour = behaviour
    started = time.monotonic()
    with pytest.raises(ProtocolError) as refused:
        _push(hostile_client)
    assert "sai giao thức" in str(refused.value)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("behaviour", [
    _raw(b"{}", {"Content-Length": str(10 * 1024 * MiB)}),
    lambda handler: handler.flood(),
], ids=["declared", "streamed"])
def test_an_oversized_answer_is_cut_off_early(
        hostile: HostileServer, hostile_client: ProvincialClient, behaviour: Behaviour) -> None:
    hostile.behaviour = behaviour
    started = time.monotonic()
    with pytest.raises(ProtocolError) as refused:
        _push(hostile_client)
    assert "quá lớn" in str(refused.value)
    assert time.monotonic() - started < 5


def test_a_redirect_to_another_host_is_not_followed(
        hostile: HostileServer, bystander: HostileServer,
        hostile_client: ProvincialClient) -> None:
    hostile.behaviour = lambda handler: handler.answer(
        307, b"", {"Location": f"{handler.server.other_url}/api/service"})
    with pytest.raises(ProtocolError) as refused:
        _push(hostile_client)
    assert "chuyển hướng" in str(refused.value)
    assert bystander.calls == []


def _retry_at(seconds: int) -> str:
    return format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds), usegmt=True)


@pytest.mark.parametrize(("behaviour", "retry_after"), [
    (lambda h: h.answer(503, {"error_code": 503}, {"Retry-After": "7"}), 7.0),
    (lambda h: h.answer(429, b"", {"Retry-After": _retry_at(30)}), 30.0),
    (lambda h: h.answer(503, b"", {"Retry-After": "99999999999999999999"}), None),
    (lambda h: h.answer(500, b"<html>Internal Server Error</html>"), None),
    (lambda h: h.answer(502, b""), None),
    (_ok(error_code=503, message="Bảo trì"), None),
    (lambda h: None, None),
    (lambda h: h.server.release.wait(5), None),
], ids=["503 seconds", "429 date", "absurd retry-after", "500", "502", "503 in the body",
        "dropped", "silent"])
def test_a_province_in_trouble_is_a_reason_to_come_back_later(
        hostile: HostileServer, hostile_client: ProvincialClient, behaviour: Behaviour,
        retry_after: float | None) -> None:
    hostile.behaviour = behaviour
    started = time.monotonic()
    with pytest.raises(TransientError) as failed:
        _push(hostile_client)
    assert time.monotonic() - started < 3
    if retry_after is None:
        assert failed.value.retry_after is None
    else:
        assert failed.value.retry_after == pytest.approx(retry_after, abs=2)


@pytest.mark.parametrize("behaviour", [
    lambda h: h.answer(400, {"error_code": 400, "message": "Thiếu MaTTHC"}),
    _ok(error_code=400, message="Thiếu MaTTHC"),
], ids=["in the status", "in the body"])
def test_a_refused_request_carries_the_provinces_reason(
        hostile: HostileServer, hostile_client: ProvincialClient, behaviour: Behaviour) -> None:
    hostile.behaviour = behaviour
    with pytest.raises(PermanentError) as refused:
        _push(hostile_client)
    assert refused.value.status == 400
    assert refused.value.server_message == "Thiếu MaTTHC"
    assert "Thiếu MaTTHC" in str(refused.value)


def test_a_province_that_never_accepts_the_session_is_asked_twice_then_given_up(
        hostile: HostileServer, hostile_client: ProvincialClient) -> None:
    hostile.behaviour = lambda h: h.answer(401, {"error_code": 401, "message": ""})
    with pytest.raises(AuthFailed):
        _push(hostile_client)
    assert hostile.calls == ["/api/auth", "/api/service", "/api/auth", "/api/service"]


def test_a_sign_in_refused_in_the_body_is_an_auth_failure(
        hostile: HostileServer, hostile_client: ProvincialClient) -> None:
    hostile.sign_in = _ok(error_code=401, message="Sai mật khẩu")
    with pytest.raises(AuthFailed):
        _push(hostile_client)
    assert hostile.calls == ["/api/auth"]


@pytest.mark.parametrize("sign_in", [
    _ok(session="token\r\nX-Injected: 1", expires_in=600),
    _ok(session="token", expires_in="600"),
    _ok(expires_in=600),
    lambda h: h.answer(500, b""),
], ids=["header injection", "expiry as text", "no session", "server error"])
def test_a_bad_sign_in_answer_is_not_used(
        hostile: HostileServer, hostile_client: ProvincialClient, sign_in: Behaviour) -> None:
    hostile.sign_in = sign_in
    with pytest.raises(SyncError) as failed:
        _push(hostile_client)
    assert not isinstance(failed.value, AuthFailed)
    assert hostile.calls == ["/api/auth"]


@pytest.mark.parametrize(("call", "behaviour"), [
    (lambda c: c.pull_changes(""), _ok(data=[], cursor=1, more=False)),
    (lambda c: c.pull_procedures(""), _ok(data=[{"MaTTHC": 1193}], cursor="", more=False)),
    (lambda c: c.pull_procedures(""), _ok(data=[], cursor="", more="yes")),
    (lambda c: c.pull_days_off(2027), _ok(data=[{"Ngay": "20270230", "Loai": "Nghi"}])),
    (lambda c: c.pull_days_off(2027), _ok(data=[{"Ngay": "20270210", "Loai": "Khac"}])),
    (lambda c: c.look_up_dossier("A-1"), _ok(data=[])),
    (lambda c: c.file_state("a" * 64), lambda h: h.answer(200, b"", {"Upload-Offset": "-1"})),
    (lambda c: c.send_chunk("a" * 64, 0, 5, b"12345"),
     lambda h: h.answer(204, b"", {"Upload-Offset": "999"})),
], ids=["cursor as number", "procedure code as number", "more as text",
        "30 February", "unknown kind of day", "dossier as list", "negative offset",
        "offset beyond the chunk"])
def test_pulled_records_off_the_protocol_are_refused(
        hostile: HostileServer, hostile_client: ProvincialClient,
        call: Callable[[ProvincialClient], Any], behaviour: Behaviour) -> None:
    hostile.behaviour = behaviour
    with pytest.raises(ProtocolError):
        call(hostile_client)


def test_a_change_that_cannot_be_read_comes_back_with_its_reason_and_spoils_no_page(
        hostile: HostileServer, hostile_client: ProvincialClient) -> None:
    unreadable = {"MaHoSo": "A-1", "TrangThaiHoSo": 9, "ThoiDiem": "hôm qua"}
    hostile.behaviour = _ok(data=[unreadable, {"MaHoSo": "A-2", "TrangThaiHoSo": 9,
                                               "ThoiDiem": "20270322101500"}],
                            cursor="2", more=False)
    page = hostile_client.pull_changes("")
    assert page.cursor == "2"
    first, second = page.items
    assert isinstance(first, UnreadableChange) and first.content == unreadable
    assert "ThoiDiem" in first.reason
    assert isinstance(second, ProvinceChange) and second.status == 9


# --- TLS ----------------------------------------------------------------------------------------


@pytest.fixture
def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tinh.example")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "tinh.pem", tmp_path / "tinh.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_province(self_signed: tuple[Path, Path]) -> Iterator[HostileServer]:
    server = HostileServer()
    server.behaviour = _ok(data=[])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from _running(server)


def test_a_certificate_the_counter_does_not_trust_is_refused(
        tls_province: HostileServer, self_signed: tuple[Path, Path],
        connect: Callable[..., ProvincialClient]) -> None:
    url = tls_province.url.replace("http://", "https://")
    with pytest.raises(ProtocolError) as refused:
        connect(url).pull_days_off(2027)
    assert "chứng chỉ" in str(refused.value)
    assert tls_province.calls == []

    assert connect(url, ca_bundle=str(self_signed[0])).pull_days_off(2027) == []


# --- what the queue shows -----------------------------------------------------------------------

IN_THE_QUEUE: dict[str, Behaviour] = {
    "html": OFF_PROTOCOL["html"],
    "missing results": OFF_PROTOCOL["no results"],
    "unknown item code": OFF_PROTOCOL["unknown item code"],
    "unknown error code": _ok(error_code=999, message="???"),
    "huge body": lambda handler: handler.flood(),
    "redirect": lambda handler: handler.answer(
        307, b"", {"Location": f"{handler.server.other_url}/api/service"}),
}


@pytest.mark.parametrize("behaviour", IN_THE_QUEUE.values(), ids=IN_THE_QUEUE.keys())
def test_a_hostile_answer_leaves_its_reason_in_the_queue_and_nothing_marked_sent(
        office: Office, hostile: HostileServer, bystander: HostileServer,
        hostile_client: ProvincialClient, behaviour: Behaviour) -> None:
    hostile.behaviour = behaviour
    code = dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Văn An", "001099012345"))).code

    report = run_once(office.store, hostile_client)
    assert report.step == "done" and report.dossiers_sent == 0
    with office.store.read() as session:
        rows = session.scalars(select(OutboxItem)).all()
    assert outbox.SENT not in {row.state for row in rows}
    tried = [row for row in rows if row.attempts or row.state == outbox.FAILED]
    assert tried and all(row.last_error for row in tried)
    view = queue_view(office.store, office.technician)
    shown = view.postponed + view.failed
    assert shown and all(item.reason for item in shown)
    assert not dossiers.show(office.store, office.officer, code).at_province
    assert bystander.calls == []


def _drip_headers(handler: HostileHandler) -> None:
    """A status line and headers a byte at a time, each byte in time for the read timeout."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}":
        if handler.server.release.wait(0.5):
            return
        try:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        except OSError:
            return


def test_a_province_dripping_its_headers_is_cut_off_at_the_call_limit(
        hostile: HostileServer, connect: Callable[..., ProvincialClient]) -> None:
    hostile.behaviour = _drip_headers
    client = connect(hostile.url, read_timeout=2.0, call_limit=1.5)
    started = time.monotonic()
    with pytest.raises(TransientError, match="không trả lời kịp"):
        _push(client)
    assert time.monotonic() - started < 15  # the whole answer would take 20 s
