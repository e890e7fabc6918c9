"""What the A4 forms say beyond a slip: letters, the control slip and the tracking book.

Forms 01 to 03 (receipt, supplement request, refusal) are drawn from a Slip.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True)
class Letterhead:
    """Who issues a form: the governing body above the issuing agency, and where it sits."""

    governing_body: str
    agency: str
    place: str


@dataclass(frozen=True)
class Signer:
    title: str
    name: str


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


@dataclass(frozen=True)
class ApologyLetter:
    """Form 04: sorry for the delay, and the new date asked for."""

    letterhead: Letterhead
    number: str
    issued_on: date
    addressee: str
    dossier_code: str
    procedure: str
    received_at: datetime
    original_appointment: datetime
    reason: str
    new_appointment: datetime
    signer: Signer


@dataclass(frozen=True)
class StopNotice:
    """Form 05: processing of the dossier stops, and why."""

    letterhead: Letterhead
    number: str
    issued_on: date
    addressee: str
    dossier_code: str
    procedure: str
    received_at: datetime
    reasons: tuple[str, ...]
    signer: Signer


@dataclass(frozen=True)
class Handover:
    """One passing of the dossier from one desk or agency to the next."""

    from_party: str
    handed_by: str
    to_party: str
    received_by: str
    handed_at: datetime
    result: Timeliness | None = None
    note: str = ""


@dataclass(frozen=True)
class ControlSlip:
    """Form 06: travels with the dossier and records every hand-over."""

    letterhead: Letterhead
    dossier_code: str
    applicant: str
    phone: str
    procedure: str
    handling_agency: str
    received_at: datetime
    appointment: datetime | None
    handovers: tuple[Handover, ...]


@dataclass(frozen=True)
class TrackingBookEntry:
    number: int
    dossier_code: str
    procedure: str
    sets: int
    applicant: str
    address_phone: str
    handling_agency: str
    received_at: datetime
    due_at: datetime | None
    sent_on: datetime | None = None
    result_back: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class TrackingBook:
    """Form 07: the book of every dossier received in a period."""

    letterhead: Letterhead
    volume: str
    start: date
    end: date
    entries: tuple[TrackingBookEntry, ...]
