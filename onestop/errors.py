"""Errors a person can cause: each carries a message fit to show, in the active language, and a
kind that says what went wrong (and so how the command line ends)."""

from enum import StrEnum
from typing import ClassVar


class ErrorKind(StrEnum):
    BAD_INPUT = "bad_input"
    NOT_ALLOWED = "not_allowed"
    DEVICE = "device"
    LINK = "link"


class DomainError(Exception):
    """The one base class of errors shown to people; nothing was written. `str(error)` is the
    message to show."""

    default_kind: ClassVar[ErrorKind] = ErrorKind.BAD_INPUT

    def __init__(self, message: str, *, field: str | None = None,
                 kind: ErrorKind | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.kind = kind or self.default_kind

    def __str__(self) -> str:
        return self.message


class NotAllowed(DomainError):
    """The user's role does not allow this action, or the user did not prove who they are."""

    default_kind = ErrorKind.NOT_ALLOWED


class NotFound(DomainError):
    """The thing asked for does not exist."""


class Conflict(DomainError):
    """The action clashes with the current state (a status that does not allow it, a duplicate)."""
