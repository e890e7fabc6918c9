"""Why the provincial server turns a request down; the HTTP layer maps each to its status."""


class Refusal(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(Refusal):
    status = 400


class Unauthorized(Refusal):
    status = 401


class Forbidden(Refusal):
    status = 403


class NotFound(Refusal):
    status = 404


class TooLarge(Refusal):
    status = 413


class KeyReused(Refusal):
    """The Idempotency-Key came before with another body."""

    status = 422


class ChecksumMismatch(Refusal):
    """The last byte of an upload arrived and the file is not what its name says."""

    status = 422


class OffsetConflict(Refusal):
    status = 409

    def __init__(self, message: str, held: int) -> None:
        super().__init__(message)
        self.held = held
