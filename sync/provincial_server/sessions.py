"""Who is signed in to the simulated province, and until when."""

import hmac
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sync.provincial_server.refusals import Forbidden, Unauthorized


@dataclass(frozen=True)
class Account:
    username: str
    password: str = field(repr=False)
    admin: bool = False  # may mark dossiers processed and declare days off


DEMO_ACCOUNTS = (
    Account("motcua", "motcua-demo"),
    Account("quantri", "quantri-demo", admin=True),
)


@dataclass(frozen=True)
class SignedIn:
    account: Account
    agency_code: str
    expires_at: float


class SessionBook:
    def __init__(self, accounts: Iterable[Account], lifetime: int,
                 clock: Callable[[], float]) -> None:
        self._accounts = {account.username: account for account in accounts}
        self._lifetime = lifetime
        self._clock = clock
        self._sessions: dict[str, SignedIn] = {}
        self._lock = threading.Lock()

    @property
    def lifetime(self) -> int:
        return self._lifetime

    def sign_in(self, username: str, password: str, agency_code: str) -> str:
        account = self._accounts.get(username)
        if account is None or not hmac.compare_digest(account.password.encode(),
                                                      password.encode()):
            raise Unauthorized("Sai tên đăng nhập hoặc mật khẩu")
        token = secrets.token_urlsafe(32)
        with self._lock:
            now = self._clock()
            self._sessions = {t: s for t, s in self._sessions.items() if s.expires_at > now}
            self._sessions[token] = SignedIn(account, agency_code, now + self._lifetime)
        return token

    def check(self, authorization: str | None, *, admin: bool = False) -> SignedIn:
        """The session named by an `Authorization: Bearer` header, or Unauthorized."""
        scheme, _, token = (authorization or "").partition(" ")
        with self._lock:
            session = self._sessions.get(token.strip()) if scheme == "Bearer" else None
        if session is None or session.expires_at <= self._clock():
            raise Unauthorized("Phiên đăng nhập không có hoặc đã hết hạn")
        if admin and not session.account.admin:
            raise Forbidden("Tài khoản không có quyền quản trị")
        return session
