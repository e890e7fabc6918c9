"""What can go wrong talking to the province, sorted by what the counter should do about it.

`str(error)` is a message fit to show; `detail` says what happened on the wire, for the log.
"""

from onestop.i18n import _


class SyncError(Exception):
    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class TransientError(SyncError):
    """No answer, or the province asked to come back later: keep the work and try again."""

    def __init__(self, message: str, detail: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(message, detail)
        self.retry_after = retry_after


class PermanentError(SyncError):
    """The province refused the request itself (400, 422, ...): sending it unchanged is useless."""

    def __init__(self, message: str, detail: str = "", *, status: int,
                 server_message: str = "") -> None:
        super().__init__(message, detail)
        self.status = status
        self.server_message = server_message


class NotTaken(PermanentError):
    """The province does not know the service (it speaks an older protocol): keep the work
    queued until it does."""

    def __init__(self, message: str, detail: str = "", *, service: str) -> None:
        super().__init__(message, detail, status=400)
        self.service = service


class AuthFailed(SyncError):
    """The province does not accept the counter's account: a technician must fix the settings."""


class ProtocolError(SyncError):
    """The answer does not follow the protocol (garbage, oversize, redirect, untrusted
    certificate): nothing in it can be believed, and the work stays where it was."""


class OffsetMismatch(SyncError):
    """The province holds a different part of a file than the counter thought: ask it again."""


def off_protocol(detail: str) -> ProtocolError:
    return ProtocolError(_("Máy chủ tỉnh trả lời sai giao thức"), detail)
