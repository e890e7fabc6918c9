import pytest

from printing.printer_status import (
    PaperLevel,
    PrinterStatus,
    describe_status,
    online_from,
    paper_from,
)


@pytest.mark.parametrize(
    ("answer", "online"),
    [
        (b"\x12", True),
        (b"\x16", True),
        (b"\x1a", False),
        (b"\x3a", False),
        (b"", None),
        (b"\x10", None),
        (b"\x12\x12", None),
        (b"\xff", None),
    ],
)
def test_printer_status_byte(answer: bytes, online: bool | None) -> None:
    assert online_from(answer) is online


@pytest.mark.parametrize(
    ("answer", "paper"),
    [
        (b"\x12", PaperLevel.ENOUGH),
        (b"\x1e", PaperLevel.NEAR_END),
        (b"\x72", PaperLevel.OUT),
        (b"\x7e", PaperLevel.OUT),
        (b"\x10", None),
        (b"", None),
    ],
)
def test_paper_sensor_byte(answer: bytes, paper: PaperLevel | None) -> None:
    assert paper_from(answer) is paper


def test_a_printer_that_says_nothing_is_not_held_back() -> None:
    silent = PrinterStatus()
    assert not silent.known
    assert silent.ready
    assert not PrinterStatus(online=True, paper=PaperLevel.OUT).ready
    assert not PrinterStatus(online=False).ready


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (PrinterStatus(True, PaperLevel.ENOUGH), "Máy in sẵn sàng, còn giấy."),
        (PrinterStatus(True, PaperLevel.NEAR_END), "Máy in sẵn sàng; giấy sắp hết."),
        (PrinterStatus(True, PaperLevel.OUT), "Máy in đã hết giấy."),
        (PrinterStatus(False, PaperLevel.ENOUGH), "Máy in đang tạm dừng (nắp mở hoặc lỗi)."),
        (PrinterStatus(None, None), "Máy in không báo trạng thái qua kết nối này."),
    ],
)
def test_the_state_in_the_counters_words(status: PrinterStatus, words: str) -> None:
    assert describe_status(status) == words
