"""The counter's side of the provincial sync protocol: sign in, call a service, move file chunks.

Each call is tried once. Retrying is the caller's job (the outbox keeps the schedule); a caller
that retries passes the same Idempotency-Key, so the province answers a repeat from its records.
Not thread-safe: one client per worker.
"""

import json
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Self

from onestop.i18n import _
from onestop.text import nfc
from sync import replies
from sync.errors import (
    AuthFailed,
    NotTaken,
    OffsetMismatch,
    PermanentError,
    TransientError,
    off_protocol,
)
from sync.file_upload import CHUNK_SIZE
from sync.replies import (
    AnchoredHead,
    DayOff,
    FileState,
    HeldVersion,
    ItemResult,
    Page,
    PulledChange,
)
from sync.transport import CALL_LIMIT, MiB, Reply, Transport, json_object, refusal
from sync.wire import is_integer, nfc_tree, wire_day, wire_time

MAX_ITEMS = 200
MAX_REQUEST_BYTES = 8 * MiB
_TOKEN_LENGTH = 4096
# Sign in again a little before the session runs out rather than spend a call on a 401.
_EXPIRY_MARGIN = 0.9


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)
    agency_code: str  # madonvi


class ProvincialClient:
    def __init__(self, base_url: str, credentials: Credentials, *, connect_timeout: float = 5.0,
                 read_timeout: float = 30.0, ca_bundle: str | None = None,
                 max_body_bytes: int = 8 * MiB, max_request_bytes: int = MAX_REQUEST_BYTES,
                 call_limit: float = CALL_LIMIT) -> None:
        """The province's certificate is always verified: against the system's trusted
        authorities, or against `ca_bundle` (a PEM file) for a province with its own."""
        self._transport = Transport(base_url, connect_timeout=connect_timeout,
                                    read_timeout=read_timeout, verify=ca_bundle or True,
                                    max_body_bytes=max_body_bytes, call_limit=call_limit)
        self.max_request_bytes = max_request_bytes
        # A monotonic time after which no call goes on: the end of the current sync run.
        self.deadline: float | None = None
        self._credentials = credentials
        self._token: str | None = None
        self._token_good_until = 0.0

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- signing in -------------------------------------------------------------------------

    def authenticate(self) -> None:
        body = {"username": self._credentials.username, "password": self._credentials.password,
                "madonvi": self._credentials.agency_code}
        reply = self._transport.send("POST", "/api/auth", headers=_JSON_HEADERS,
                                     body=_encode(body), until=self.deadline)
        if reply.status != 200 and reply.status != 401:
            raise refusal(reply, "POST /api/auth")
        answer = json_object(reply) if reply.status == 200 else {"error_code": 401}
        if answer["error_code"] != 0:
            raise AuthFailed(_("Máy chủ tỉnh không chấp nhận tên đăng nhập hoặc mật khẩu"),
                             f"POST /api/auth: HTTP {reply.status}, "
                             f"error_code {answer['error_code']}")
        token = answer.get("session")
        expires_in = answer.get("expires_in")
        if not (isinstance(token, str) and 0 < len(token) <= _TOKEN_LENGTH and token.isascii()
                and token.isprintable() and " " not in token):
            raise off_protocol("session token missing or unusable")
        if not (is_integer(expires_in) and expires_in > 0):
            raise off_protocol("expires_in missing or not a positive integer")
        self._token = token
        self._token_good_until = time.monotonic() + expires_in * _EXPIRY_MARGIN

    def _signed_in(self, method: str, path: str, headers: Mapping[str, str],
                   body: bytes | None = None) -> Reply:
        """Send with the session; on 401 sign in again and repeat once."""
        for _attempt in range(2):
            if self._token is None or time.monotonic() >= self._token_good_until:
                self.authenticate()
            reply = self._transport.send(
                method, path, headers={**headers, "Authorization": f"Bearer {self._token}"},
                body=body, until=self.deadline,
            )
            if reply.status != 401:
                return reply
            self._token = None
        raise AuthFailed(_("Máy chủ tỉnh không chấp nhận phiên đăng nhập"),
                         f"{method} {path}: HTTP 401 twice")

    # --- services ---------------------------------------------------------------------------

    def push_dossiers(self, dossiers: Sequence[Mapping[str, Any]], *, key: str,
                      updating: bool = False) -> list[ItemResult]:
        """DongBoHoSoMC. `key` is the batch's Idempotency-Key, the same on every retry."""
        sent = _codes(dossiers, "MaHoSo")
        answer = self._service("DongBoHoSoMC", key, {"isUpdating": updating, "data": dossiers})
        return replies.item_results(answer, "MaHoSo", sent)

    def push_progress(self, progress: Sequence[Mapping[str, Any]], *,
                      key: str) -> list[ItemResult]:
        """CapNhatTienDoHoSoMC; results name each row by its MaTienDo."""
        return self.push_records("CapNhatTienDoHoSoMC", "MaTienDo", progress, key=key)

    def push_records(self, service: str, identity: str, records: Sequence[Mapping[str, Any]], *,
                     key: str) -> list[ItemResult]:
        """A push of records each named by its own `identity` field, where one already held is
        a replay: progress (MaTienDo), ratings (DongBoDanhGia, MaDanhGia), queue visits
        (DongBoLuotPhucVu, MaLuot)."""
        sent = _codes(records, identity)
        answer = self._service(service, key, {"data": records})
        return replies.item_results(answer, identity, sent)

    def anchor_audit_trail(self, counter: str, rows: int, digest: str, at: datetime, *,
                           key: str | None = None) -> None:
        """DongBoNhatKy: the head of the counter's audit trail, for the province to keep."""
        self._service("DongBoNhatKy", key, {"data": [
            {"Quay": counter, "SoDong": rows, "MaBam": digest, "ThoiDiem": wire_time(at)}]})

    def anchored_heads(self, counter: str, *, key: str | None = None) -> list[AnchoredHead]:
        """TraCuuNhatKy: every head of the counter's audit trail the province keeps, in order."""
        answer = self._service("TraCuuNhatKy", key, {"Quay": counter})
        return [replies.anchored_head(item) for item in replies.items_of(answer)]

    def pull_procedures(self, cursor: str = "", *,
                        key: str | None = None) -> Page[dict[str, Any]]:
        """One page of LayDanhSachTTHC: procedures as dicts in the national field names."""
        answer = self._service("LayDanhSachTTHC", key, {"cursor": cursor})
        return replies.page(answer, replies.procedure)

    def pull_changes(self, cursor: str = "", *, key: str | None = None) -> Page[PulledChange]:
        """One page of LayHoSoThayDoi: status changes made at the province since `cursor`; a
        change that cannot be read comes as an UnreadableChange, its page stays good."""
        answer = self._service("LayHoSoThayDoi", key, {"cursor": cursor})
        return replies.page(answer, replies.province_change)

    def pull_days_off(self, year: int, *, key: str | None = None) -> list[DayOff]:
        answer = self._service("LayNgayNghi", key, {"Nam": year})
        return [replies.day_off(item) for item in replies.items_of(answer)]

    def look_up_dossier(self, dossier_code: str, *,
                        key: str | None = None) -> dict[str, Any] | None:
        """TraCuuHoSo: the dossier as the province holds it, or None when it holds none."""
        answer = self._service("TraCuuHoSo", key, {"MaHoSo": dossier_code}, accept=(404,))
        if answer["error_code"] == 404:
            return None
        return replies.dossier(answer.get("data"))

    def reconcile(self, first_day: date, last_day: date, *,
                  key: str | None = None) -> list[HeldVersion]:
        """DoiSoatHoSo: what the province holds of the dossiers received in the days given."""
        answer = self._service("DoiSoatHoSo", key,
                               {"TuNgay": wire_day(first_day), "DenNgay": wire_day(last_day)})
        return [replies.held_version(item) for item in replies.items_of(answer)]

    def _service(self, service: str, key: str | None, fields: Mapping[str, Any],
                 accept: tuple[int, ...] = ()) -> dict[str, Any]:
        """Call one service; a reply whose error_code is neither 0 nor in `accept` is refused."""
        request = {"service": service, "madonvi": self._credentials.agency_code, **fields}
        headers = {**_JSON_HEADERS, "Idempotency-Key": key or str(uuid.uuid4())}
        body = _encode(request)
        if len(body) > self.max_request_bytes:
            raise PermanentError(
                _("Yêu cầu {size} byte vượt giới hạn {limit} byte của hệ thống tỉnh").format(
                    size=len(body), limit=self.max_request_bytes),
                f"{service}: {len(body)} bytes not sent", status=413)
        reply = self._signed_in("POST", "/api/service", headers, body)
        if reply.status != 200:
            error = refusal(reply, service)
            if isinstance(error, PermanentError) and error.status == 400:
                _refuse_unknown_service(service, error.server_message)
            raise error
        answer = json_object(reply)
        code = answer["error_code"]
        if code == 0 or code in accept:
            return answer
        if code == 400:
            _refuse_unknown_service(service, str(answer.get("message", "")))
        detail = f"{service}: error_code {code} {answer.get('message', '')}"
        if code == 429 or 500 <= code < 600:
            raise TransientError(_("Máy chủ tỉnh đang bận hoặc gặp sự cố; sẽ thử lại sau"),
                                 detail)
        raise PermanentError(
            _("Máy chủ tỉnh từ chối yêu cầu: {reason}").format(
                reason=answer.get("message") or code),
            detail, status=code, server_message=answer.get("message", ""),
        )

    # --- files ------------------------------------------------------------------------------

    def file_state(self, sha256: str) -> FileState | None:
        """HEAD /api/files/<sha256>: how much of the file the province holds, None for nothing."""
        reply = self._signed_in("HEAD", f"/api/files/{_checked_digest(sha256)}", {})
        if reply.status == 404:
            return None
        if reply.status != 200:
            raise refusal(reply, "HEAD file")
        offset = _header_integer(reply, "Upload-Offset")
        length = _header_integer(reply, "Upload-Length", required=False)
        if offset is None or (length is not None and offset > length):
            raise off_protocol(f"file state offset {offset} length {length}")
        return FileState(offset, length)

    def send_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> int:
        """PATCH one chunk at `offset` of a file of `total` bytes; returns the province's new
        offset. Raises OffsetMismatch when the province holds another offset."""
        if len(chunk) > CHUNK_SIZE:
            raise ValueError("a chunk is at most 1 MiB")
        headers = {"Upload-Offset": str(offset), "Upload-Length": str(total),
                   "Content-Type": "application/offset+octet-stream"}
        reply = self._signed_in("PATCH", f"/api/files/{_checked_digest(sha256)}", headers, chunk)
        if reply.status == 409:
            raise OffsetMismatch(_("Máy chủ tỉnh giữ tệp ở vị trí khác; sẽ hỏi lại"),
                                 f"PATCH at {offset}: 409")
        if reply.status == 422:
            raise PermanentError(
                _("Tệp gửi lên không khớp mã kiểm tra SHA-256; máy chủ tỉnh đã bỏ bản này"),
                f"PATCH {sha256}: 422", status=422,
            )
        if reply.status not in (200, 204):
            raise refusal(reply, "PATCH file")
        new_offset = _header_integer(reply, "Upload-Offset")
        if new_offset != offset + len(chunk):
            raise off_protocol(f"PATCH at {offset} of {len(chunk)} bytes answered {new_offset}")
        return new_offset


_JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}


def _refuse_unknown_service(service: str, message: str) -> None:
    """A province of protocol 1.0 answers a service it does not know with 400 naming it."""
    if service in message:
        raise NotTaken(
            _("Hệ thống tỉnh chưa nhận loại dữ liệu này ({service})").format(service=service),
            f"{service}: 400 {message}", service=service)


def _encode(document: Mapping[str, Any]) -> bytes:
    return json.dumps(nfc_tree(dict(document)), ensure_ascii=False).encode("utf-8")


def _codes(items: Sequence[Mapping[str, Any]], key: str) -> list[str]:
    if len(items) > MAX_ITEMS:
        raise ValueError(f"at most {MAX_ITEMS} items in one call")
    codes = []
    for item in items:
        code = item.get(key)
        if not (isinstance(code, str) and code):
            raise ValueError(f"every item needs its {key}")
        codes.append(nfc(code))
    return codes


def _checked_digest(sha256: str) -> str:
    if len(sha256) != 64 or any(ch not in "0123456789abcdef" for ch in sha256):
        raise ValueError(f"not a lowercase sha256: {sha256!r}")
    return sha256


def _header_integer(reply: Reply, name: str, *, required: bool = True) -> int | None:
    value = reply.headers.get(name)
    if value is None and not required:
        return None
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise off_protocol(f"{name} header {value!r}")
    return int(value)
