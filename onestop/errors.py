"""Errors a person can cause: each carries a message fit to show, in the active language."""


class DomainError(Exception):
    """Bad input or a refused action; nothing was written. `str(error)` is the message to show."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotAllowed(DomainError):
    """The user's role does not allow this action."""


class NotFound(DomainError):
    """The thing asked for does not exist."""


class Conflict(DomainError):
    """The action clashes with the current state (a status that does not allow it, a duplicate)."""
