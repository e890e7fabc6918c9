"""What a counter slip says, independent of paper: the receipt and its three siblings.

A slip is a receipt unless it carries one of the details below, which turn it into a
supplement request, a refusal or a result handover.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from onestop.i18n import _


class SlipKind(StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    RESULT_HANDOVER = "result_handover"


@dataclass(frozen=True)
class Applicant:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class SubmittedDocument:
    name: str
    originals: int = 0
    copies: int = 0


@dataclass(frozen=True)
class SupplementRequest:
    """What the applicant must add or fix, and why (the reason may be left empty)."""

    items: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Refusal:
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ResultHandover:
    """`id_number` is that of a person the applicant authorised (empty: the applicant came);
    `fees_collected` None when no fees were recorded (results returned before they were)."""

    collected_by: str
    collected_at: datetime
    id_number: str = ""
    relation: str = ""
    fees_collected: int | None = None


SlipDetail = SupplementRequest | Refusal | ResultHandover


@dataclass(frozen=True)
class Slip:
    """One slip. Times are aware datetimes; `appointment=None` means no fixed return date;
    `reprint` marks a slip printed again on request, `corrected` one whose dossier was corrected."""

    title: str
    agency: str
    counter: str
    dossier_code: str
    applicant: Applicant
    procedure: str
    received_at: datetime
    appointment: datetime | None
    documents: tuple[SubmittedDocument, ...] = ()
    sets: int = 1
    processing_time: str = ""
    result_delivery: str = ""
    book_entry: str = ""
    officer: str = ""
    lookup_hint: str = ""
    detail: SlipDetail | None = field(default=None)
    reprint: bool = False
    corrected: bool = False

    def __post_init__(self) -> None:
        for moment in (self.received_at, self.appointment):
            if moment is not None and moment.utcoffset() is None:
                raise ValueError("slip times must be timezone-aware")
        if isinstance(self.detail, ResultHandover) and self.detail.collected_at.utcoffset() is None:
            raise ValueError("slip times must be timezone-aware")

    @property
    def kind(self) -> SlipKind:
        match self.detail:
            case SupplementRequest():
                return SlipKind.SUPPLEMENT_REQUEST
            case Refusal():
                return SlipKind.REFUSAL
            case ResultHandover():
                return SlipKind.RESULT_HANDOVER
            case _:
                return SlipKind.RECEIPT


def standard_title(kind: SlipKind) -> str:
    """The title each kind of slip carries on the 2025 form set."""
    titles = {
        SlipKind.RECEIPT: _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        SlipKind.SUPPLEMENT_REQUEST: _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        SlipKind.REFUSAL: _("Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        SlipKind.RESULT_HANDOVER: _("Phiếu trả kết quả giải quyết hồ sơ"),
    }
    return titles[kind]
