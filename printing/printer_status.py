"""Printer state from ESC/POS real-time status (DLE EOT), where the connection can answer."""

from dataclasses import dataclass
from enum import StrEnum

from onestop.i18n import _

ASK_PRINTER = b"\x10\x04\x01"
ASK_PAPER = b"\x10\x04\x04"

# In every DLE EOT answer bits 1 and 4 are set and bits 0 and 7 clear.
_FIXED_MASK = 0b1001_0011
_FIXED_BITS = 0b0001_0010
_OFFLINE = 0b0000_1000
_PAPER_NEAR_END = 0b0000_1100
_PAPER_OUT = 0b0110_0000


class PaperLevel(StrEnum):
    ENOUGH = "enough"
    NEAR_END = "near_end"
    OUT = "out"


@dataclass(frozen=True)
class PrinterStatus:
    """None where the printer did not (or cannot) say."""

    online: bool | None = None
    paper: PaperLevel | None = None

    @property
    def known(self) -> bool:
        return self.online is not None or self.paper is not None

    @property
    def ready(self) -> bool:
        """False only when the printer said it cannot print."""
        return self.online is not False and self.paper is not PaperLevel.OUT


UNKNOWN = PrinterStatus()


def _genuine(answer: bytes) -> int | None:
    if len(answer) != 1 or answer[0] & _FIXED_MASK != _FIXED_BITS:
        return None
    return answer[0]


def online_from(answer: bytes) -> bool | None:
    byte = _genuine(answer)
    return None if byte is None else not byte & _OFFLINE


def paper_from(answer: bytes) -> PaperLevel | None:
    byte = _genuine(answer)
    if byte is None:
        return None
    if byte & _PAPER_OUT == _PAPER_OUT:
        return PaperLevel.OUT
    if byte & _PAPER_NEAR_END == _PAPER_NEAR_END:
        return PaperLevel.NEAR_END
    return PaperLevel.ENOUGH


def describe_status(status: PrinterStatus) -> str:
    """The state in the counter's words, for the set-up screen and the command line."""
    if status.paper is PaperLevel.OUT:
        return _("Máy in đã hết giấy.")
    if status.online is False:
        return _("Máy in đang tạm dừng (nắp mở hoặc lỗi).")
    if status.paper is PaperLevel.NEAR_END:
        return _("Máy in sẵn sàng; giấy sắp hết.")
    if status.online or status.paper is PaperLevel.ENOUGH:
        return _("Máy in sẵn sàng, còn giấy.")
    return _("Máy in không báo trạng thái qua kết nối này.")
