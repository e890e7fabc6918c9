"""What went wrong with a printer, in words the counter can act on."""

from enum import StrEnum

from onestop.errors import DomainError, ErrorKind
from onestop.i18n import _


class PrinterProblem(StrEnum):
    BAD_ADDRESS = "bad_address"
    UNREACHABLE = "unreachable"
    NOT_FOUND = "not_found"
    DROPPED = "dropped"
    TIMEOUT = "timeout"
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"
    UNSUPPORTED = "unsupported"
    REJECTED = "rejected"


class PrinterError(DomainError):
    """A slip did not reach the paper; `problem` says which way, the message says what to do."""

    def __init__(self, problem: PrinterProblem, message: str) -> None:
        kind = ErrorKind.BAD_INPUT if problem is PrinterProblem.BAD_ADDRESS else ErrorKind.DEVICE
        super().__init__(message, field="printer", kind=kind)
        self.problem = problem


def unreachable(where: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.UNREACHABLE,
        _(
            "Không kết nối được máy in {where}: máy in đang tắt, sai địa chỉ hoặc từ chối "
            "kết nối. Hãy kiểm tra nguồn điện, dây cáp và địa chỉ máy in."
        ).format(where=where),
    )


def dropped(where: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.DROPPED,
        _(
            "Mất kết nối với máy in {where} khi đang in. Phiếu có thể in chưa hết: "
            "hãy kiểm tra máy in rồi in lại."
        ).format(where=where),
    )


def timed_out(where: str, seconds: float) -> PrinterError:
    return PrinterError(
        PrinterProblem.TIMEOUT,
        _("Máy in {where} không phản hồi sau {seconds:g} giây. Hãy kiểm tra máy in rồi in lại.").format(
            where=where, seconds=seconds
        ),
    )


def not_found(where: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.NOT_FOUND,
        _("Không tìm thấy máy in {where}. Hãy kiểm tra dây cáp và bật máy in.").format(where=where),
    )


def paper_out(where: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.PAPER_OUT,
        _("Máy in {where} đã hết giấy. Hãy thay cuộn giấy rồi in lại.").format(where=where),
    )


def offline(where: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.OFFLINE,
        _("Máy in {where} đang tạm dừng (nắp mở hoặc lỗi). Hãy kiểm tra máy in rồi in lại.").format(
            where=where
        ),
    )


def bad_address(address: str, reason: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.BAD_ADDRESS,
        _("Địa chỉ máy in không hợp lệ: {address} ({reason}).").format(address=address, reason=reason),
    )


def unsupported(where: str, reason: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.UNSUPPORTED,
        _("Không in được qua {where} trên máy này: {reason}.").format(where=where, reason=reason),
    )


def rejected(where: str, reason: str) -> PrinterError:
    return PrinterError(
        PrinterProblem.REJECTED,
        _("Máy in {where} không nhận lệnh in: {reason}.").format(where=where, reason=reason),
    )
