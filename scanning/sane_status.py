"""Why a SANE scan stopped, read from the status text SANE reports (sane_strstatus).

python-sane raises its error with that text, and scanimage prints it on stderr; SANE does not
translate it, so the English text is a stable key.
"""

from onestop.i18n import _
from scanning.scanner import StopReason

_REASONS: dict[str, StopReason] = {
    "Document feeder jammed": StopReason.JAMMED,
    "Document feeder out of documents": StopReason.FEEDER_EMPTY,
    "Scanner cover is open": StopReason.COVER_OPEN,
    "Error during device I/O": StopReason.DEVICE_GONE,
    "Operation was canceled": StopReason.CANCELLED,
    "Operation was cancelled": StopReason.CANCELLED,
}

# scanimage exits with the SANE status number when a scan fails.
_EXIT_STATUS: dict[int, StopReason] = {
    2: StopReason.CANCELLED,
    6: StopReason.JAMMED,
    7: StopReason.FEEDER_EMPTY,
    8: StopReason.COVER_OPEN,
    9: StopReason.DEVICE_GONE,
}


def _details() -> dict[str, str]:
    return {
        "Device busy": _("Máy quét đang bận với việc khác."),
        "Access to resource has been denied": _("Không có quyền dùng máy quét này."),
        "Out of memory": _("Máy quét hết bộ nhớ."),
        "Lamp not ready, please retry": _("Đèn máy quét chưa sẵn sàng, hãy thử lại."),
        "Scanner mechanism locked for transport": _("Máy quét đang khoá vận chuyển."),
    }


def reason_for_status(text: str) -> tuple[StopReason, str]:
    """The stop reason and, for a device error, a detail to show, for one SANE status text."""
    text = text.strip()
    if text in _REASONS:
        return _REASONS[text], ""
    return StopReason.DEVICE_ERROR, _details().get(text, text)


def reason_for_exit(code: int) -> StopReason | None:
    return _EXIT_STATUS.get(code)


def settle(pages: int, reason: StopReason) -> StopReason:
    """An empty feeder after some pages is the normal end of a feeder scan."""
    if reason is StopReason.FEEDER_EMPTY and pages > 0:
        return StopReason.FINISHED
    return reason
