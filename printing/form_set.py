"""Which number each form carries in a set of forms; the set in force is chosen by the office.

The 2025 set (Circular 03/2025/TT-VPCP) adds the stop notice; the 2018 set (Circular
01/2018/TT-VPCP) stays selectable. Both numberings await checking against the gazette text.
"""

from dataclasses import dataclass
from enum import StrEnum

from onestop.i18n import _


class FormKind(StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP_NOTICE = "stop_notice"
    CONTROL_SLIP = "control_slip"
    TRACKING_BOOK = "tracking_book"


@dataclass(frozen=True)
class FormSet:
    circular: str
    numbers: dict[FormKind, str]

    def label(self, kind: FormKind) -> str:
        """'Mẫu số 01'; a form the set does not have is a caller's mistake."""
        if kind not in self.numbers:
            raise ValueError(f"the forms of {self.circular} have no {kind.value}")
        return _("Mẫu số {number}").format(number=self.numbers[kind])


FORM_SET_2025 = FormSet(
    "03/2025/TT-VPCP",
    {
        FormKind.RECEIPT: "01",
        FormKind.SUPPLEMENT_REQUEST: "02",
        FormKind.REFUSAL: "03",
        FormKind.APOLOGY: "04",
        FormKind.STOP_NOTICE: "05",
        FormKind.CONTROL_SLIP: "06",
        FormKind.TRACKING_BOOK: "07",
    },
)

FORM_SET_2018 = FormSet(
    "01/2018/TT-VPCP",
    {
        FormKind.RECEIPT: "01",
        FormKind.SUPPLEMENT_REQUEST: "02",
        FormKind.REFUSAL: "03",
        FormKind.APOLOGY: "04",
        FormKind.CONTROL_SLIP: "05",
        FormKind.TRACKING_BOOK: "06",
    },
)
