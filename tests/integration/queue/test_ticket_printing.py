"""The kiosk's ticket on the virtual printer and on a printer that is not there."""

import subprocess
from datetime import datetime
from pathlib import Path

import zxingcpp
from PIL import Image

from onestop.workdays import LOCAL_ZONE
from printing.queue_ticket import QueueTicketSlip, print_queue_ticket, render_queue_ticket
from printing.slip_layout import PaperWidth
from tests.machine import need_program

TICKET = QueueTicketSlip("UBND xã Minh Khai", "A012", "Hộ tịch", 3,
                         datetime(2026, 12, 7, 8, 5, tzinfo=LOCAL_ZONE),
                         "https://dichvucong.example.vn/theo-doi?so=A012")


def test_a_ticket_lands_on_the_roll_with_its_number_and_qr(tmp_path: Path) -> None:
    folder = tmp_path / "phieu"
    outcome = print_queue_ticket(TICKET, f"virtual://{folder.as_posix()}", width_dots=PaperWidth.MM58)
    assert outcome.sent, outcome.message
    [picture] = folder.glob("*.png")
    assert "A012" in picture.name
    with Image.open(picture) as printed:
        assert printed.width == PaperWidth.MM58
        [code] = zxingcpp.read_barcodes(printed.convert("L"))
    assert code.text == TICKET.follow_url


def test_the_number_is_large_enough_to_read(tmp_path: Path) -> None:
    tesseract = need_program("tesseract")
    image = render_queue_ticket(TICKET, PaperWidth.MM80)
    path = tmp_path / "ticket.png"
    image.convert("L").save(path)
    read = subprocess.run([tesseract, str(path), "-", "-l", "vie"], capture_output=True, text=True,
                          timeout=120).stdout
    assert "A012" in read and "Hộ tịch" in read


def test_no_qr_where_the_province_offers_none() -> None:
    plain = render_queue_ticket(QueueTicketSlip("UBND xã", "001", "Chứng thực", 0, TICKET.taken_at),
                                PaperWidth.MM80)
    assert zxingcpp.read_barcodes(plain.convert("L")) == []
    assert plain.height < render_queue_ticket(TICKET, PaperWidth.MM80).height


def test_a_printer_that_is_not_there_is_an_outcome_to_show() -> None:
    outcome = print_queue_ticket(TICKET, "tcp://127.0.0.1:9", timeout=2)
    assert not outcome.sent and outcome.message
