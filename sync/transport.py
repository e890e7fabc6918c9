"""One HTTP exchange with the province: timeouts, no redirects, a cap on what is read.

Everything a network can do wrong comes out of here as a typed error from `sync.errors`;
`refusal` turns a status the caller did not expect into one.
"""

import json
import socket
import threading
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from onestop.i18n import _
from sync.errors import PermanentError, ProtocolError, SyncError, TransientError, off_protocol
from sync.wire import is_integer, nfc_tree

MiB = 1024 * 1024
_READ_BLOCK = 64 * 1024
# Retry-After values longer than this many digits are nonsense, and would overflow a float.
_RETRY_AFTER_DIGITS = 9
_SERVER_MESSAGE_LENGTH = 500
# However slowly the province answers, one exchange ends after this long: a read timeout alone
# never fires on a server that drips a byte now and then.
CALL_LIMIT = 120.0


@dataclass(frozen=True)
class Reply:
    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes


class Transport:
    """A requests.Session bound to one province address. Close it when done."""

    def __init__(self, base_url: str, *, connect_timeout: float, read_timeout: float,
                 verify: bool | str, max_body_bytes: int, call_limit: float = CALL_LIMIT) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) address: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self._timeout = (connect_timeout, read_timeout)
        self._verify = verify
        self._max_body_bytes = max_body_bytes
        self._call_limit = call_limit
        self._watch = _Watch()
        self._session = requests.Session()
        adapter = _WatchedAdapter(self._watch)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        # Compressed bodies would let a small answer grow past the cap only after decoding.
        self._session.headers["Accept-Encoding"] = "identity"

    def close(self) -> None:
        self._session.close()

    def send(self, method: str, path: str, *, headers: Mapping[str, str],
             body: bytes | None = None, until: float | None = None) -> Reply:
        """One exchange, ended by force at the monotonic time `until` or after the call limit,
        whichever comes first."""
        limit = time.monotonic() + self._call_limit
        remaining = (limit if until is None else min(limit, until)) - time.monotonic()
        if remaining <= 0:
            raise TransientError(_("Hết thời gian dành cho lượt đồng bộ"), f"{method} {path}")
        self._watch.expired = False
        timer = threading.Timer(remaining, self._watch.expire)
        timer.daemon = True
        timer.start()
        try:
            reply = self._exchange(method, path, headers, body)
        except SyncError as error:
            if self._watch.expired:
                raise _too_slow(method, path) from error
            raise
        finally:
            timer.cancel()
        if self._watch.expired:
            raise _too_slow(method, path)
        return reply

    def _exchange(self, method: str, path: str, headers: Mapping[str, str],
                  body: bytes | None) -> Reply:
        url = self.base_url + path
        try:
            with self._session.request(
                method, url, data=body, headers=dict(headers), timeout=self._timeout,
                verify=self._verify, allow_redirects=False, stream=True,
            ) as response:
                if 300 <= response.status_code < 400:
                    raise ProtocolError(
                        _("Máy chủ tỉnh chuyển hướng sang địa chỉ khác; kiểm tra địa chỉ "
                          "máy chủ trong cài đặt"),
                        f"{method} {path}: {response.status_code} to "
                        f"{response.headers.get('Location', '')!r}",
                    )
                return Reply(response.status_code, response.headers, self._read_body(response))
        except requests.exceptions.SSLError as error:
            raise ProtocolError(
                _("Không xác minh được chứng chỉ bảo mật của máy chủ tỉnh"), str(error)
            ) from error
        except requests.exceptions.Timeout as error:
            raise TransientError(_("Máy chủ tỉnh không trả lời kịp"), str(error)) from error
        except (requests.exceptions.ConnectionError,
                requests.exceptions.ChunkedEncodingError) as error:
            raise TransientError(
                _("Không kết nối được máy chủ tỉnh"), str(error)
            ) from error
        except requests.exceptions.RequestException as error:
            raise off_protocol(str(error)) from error

    def _read_body(self, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_body_bytes:
            raise _oversize(declared)
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_content(_READ_BLOCK):
            received += len(chunk)
            if received > self._max_body_bytes:
                raise _oversize(f"more than {self._max_body_bytes}")
            chunks.append(chunk)
        return b"".join(chunks)


class _Watch:
    """The socket the current exchange uses, so that a timer can cut it off. The socket is
    kept apart from its connection, which lets go of it while the answer is still read."""

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.expired = False

    def expire(self) -> None:
        self.expired = True
        if self.sock is not None:
            with suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type[HTTPConnection], watch: _Watch) -> type[HTTPConnection]:
    class Watched(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            watch.sock = self.sock

        def request(self, *args: Any, **kwargs: Any) -> None:
            watch.sock = self.sock
            super().request(*args, **kwargs)

    return Watched


class _WatchedAdapter(HTTPAdapter):
    """Connections that tell the watch which of them is in use."""

    def __init__(self, watch: _Watch) -> None:
        self._watch = watch
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        http = type("WatchedHTTPPool", (HTTPConnectionPool,),
                    {"ConnectionCls": _watched(HTTPConnection, self._watch)})
        https = type("WatchedHTTPSPool", (HTTPSConnectionPool,),
                     {"ConnectionCls": _watched(HTTPSConnection, self._watch)})
        self.poolmanager.pool_classes_by_scheme = {"http": http, "https": https}


def _too_slow(method: str, path: str) -> TransientError:
    return TransientError(_("Máy chủ tỉnh không trả lời kịp"), f"{method} {path}: cut off")


def _oversize(size: str) -> ProtocolError:
    return ProtocolError(_("Câu trả lời của máy chủ tỉnh quá lớn"), f"body of {size} bytes")


def json_object(reply: Reply) -> dict[str, Any]:
    """The reply body as a protocol JSON object: UTF-8, an object, `error_code` an integer and
    `message` a string; text comes back in NFC."""
    document: Any
    try:
        document = nfc_tree(
            json.loads(reply.body.decode("utf-8"), parse_constant=_reject_constant)
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise off_protocol(f"not JSON: {str(error)[:200]}") from error
    if not isinstance(document, dict):
        raise off_protocol("the body is not a JSON object")
    if not is_integer(document.get("error_code")):
        raise off_protocol("error_code missing or not an integer")
    if not isinstance(document.get("message", ""), str):
        raise off_protocol("message is not a string")
    return document


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def server_message(reply: Reply) -> str:
    """The `message` of an error reply when it has one, trimmed; empty otherwise."""
    try:
        message = json_object(reply).get("message", "")
    except ProtocolError:
        return ""
    return str(message)[:_SERVER_MESSAGE_LENGTH]


def retry_after(reply: Reply) -> float | None:
    """Seconds the server asked to wait (delta-seconds or an HTTP date), None when absent or
    unreadable."""
    value = reply.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return float(value) if len(value) <= _RETRY_AFTER_DIGITS else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def refusal(reply: Reply, what: str) -> TransientError | PermanentError | ProtocolError:
    """The error for a status the call did not expect (401 is handled before this)."""
    status = reply.status
    message = server_message(reply)
    detail = f"{what}: HTTP {status} {message}".strip()
    if status in (408, 429) or 500 <= status < 600:
        return TransientError(
            _("Máy chủ tỉnh đang bận hoặc gặp sự cố; sẽ thử lại sau"), detail,
            retry_after=retry_after(reply),
        )
    if status == 422:
        return PermanentError(
            _("Máy chủ tỉnh từ chối: mã yêu cầu đã dùng cho nội dung khác"), detail,
            status=status, server_message=message,
        )
    if 400 <= status < 500:
        shown = message or str(status)
        return PermanentError(
            _("Máy chủ tỉnh từ chối yêu cầu: {reason}").format(reason=shown), detail,
            status=status, server_message=message,
        )
    return off_protocol(detail)
