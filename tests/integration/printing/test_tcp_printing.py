"""Slips over a real TCP connection to a printer on the loopback interface."""

import socket
import sys

import pytest
import zxingcpp
from PIL import ImageChops

from printing.print_service import print_slip, printer_status
from printing.printer_errors import PrinterError, PrinterProblem
from printing.printer_status import PaperLevel
from printing.slip_layout import PaperWidth, render_slip
from tests.integration.printing.loopback_printer import (
    OFFLINE,
    PAPER_OUT,
    LoopbackPrinter,
)
from tests.unit.printing.escpos_reader import read_job
from tests.unit.printing.samples import CODE, receipt


@pytest.mark.parametrize("paper", [PaperWidth.MM58, PaperWidth.MM80])
def test_the_printer_receives_the_slip_as_drawn(paper: PaperWidth) -> None:
    slip = receipt()
    with LoopbackPrinter() as printer:
        outcome = print_slip(slip, printer.uri, width_dots=paper, timeout=5)

    assert outcome.sent, outcome.message
    assert outcome.status.online is True
    assert outcome.status.paper is PaperLevel.ENOUGH
    assert printer.questions == [1, 4]
    [data] = printer.jobs
    assert outcome.bytes_sent == len(data)
    job = read_job(data)
    assert job.cuts == ["partial"]
    [printed] = job.slips
    assert printed.width == int(paper)
    drawn = render_slip(slip, paper).convert("L")
    assert ImageChops.difference(printed, drawn).getbbox() is None
    found = {result.format: result.text for result in zxingcpp.read_barcodes(printed)}
    assert found[zxingcpp.BarcodeFormat.QRCode] == CODE
    assert found[zxingcpp.BarcodeFormat.Code128] == CODE


def test_copies_come_out_as_separate_slips() -> None:
    with LoopbackPrinter() as printer:
        outcome = print_slip(receipt(), printer.uri, copies=2, width_dots=PaperWidth.MM58)

    assert outcome.sent and outcome.copies == 2
    job = read_job(printer.jobs[0])
    assert job.cuts == ["partial"] * 2
    first, second = job.slips
    assert first.tobytes() == second.tobytes()


def test_a_printer_that_refuses_the_connection(refusing_port: int) -> None:
    outcome = print_slip(receipt(), f"tcp://127.0.0.1:{refusing_port}", timeout=2)

    assert not outcome.sent
    assert outcome.problem is PrinterProblem.UNREACHABLE
    assert f"127.0.0.1:{refusing_port}" in outcome.message
    assert "Không kết nối được máy in" in outcome.message


def test_a_printer_that_drops_mid_job() -> None:
    with LoopbackPrinter(drop_after=4000) as printer:
        outcome = print_slip(receipt(), printer.uri, copies=3, timeout=5)

    assert not outcome.sent
    assert outcome.problem is PrinterProblem.DROPPED
    assert "Mất kết nối với máy in" in outcome.message
    assert len(printer.jobs[0]) < 3 * 90_000


@pytest.mark.skipif(sys.platform != "linux", reason="relies on Linux dropping SYNs past a full backlog")
def test_a_printer_that_never_answers_times_out() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(0)
        address = busy.getsockname()
        with socket.create_connection(address, 1):
            outcome = print_slip(receipt(), f"tcp://{address[0]}:{address[1]}", timeout=0.3)

    assert not outcome.sent
    assert outcome.problem is PrinterProblem.TIMEOUT
    assert "0.3 giây" in outcome.message


def test_a_printer_that_holds_the_line_open_is_taken_to_have_the_job() -> None:
    with LoopbackPrinter(hold_line=True) as printer:
        outcome = print_slip(receipt(), printer.uri, timeout=0.3)

    assert outcome.sent, outcome.message
    assert read_job(printer.jobs[0]).cuts == ["partial"]


def test_paper_out_stops_the_job_before_it_is_sent() -> None:
    with LoopbackPrinter(paper_answer=PAPER_OUT) as printer:
        outcome = print_slip(receipt(), printer.uri, timeout=2)

    assert not outcome.sent
    assert outcome.problem is PrinterProblem.PAPER_OUT
    assert "hết giấy" in outcome.message
    assert outcome.status.paper is PaperLevel.OUT
    assert printer.jobs == [b""]


def test_an_offline_printer_is_not_sent_the_job() -> None:
    with LoopbackPrinter(printer_answer=OFFLINE) as printer:
        outcome = print_slip(receipt(), printer.uri, timeout=2)

    assert outcome.problem is PrinterProblem.OFFLINE
    assert printer.jobs == [b""]


def test_a_printer_that_keeps_quiet_about_status_still_prints() -> None:
    with LoopbackPrinter(printer_answer=None, paper_answer=None) as printer:
        outcome = print_slip(receipt(), printer.uri, timeout=0.2)

    assert outcome.sent, outcome.message
    assert not outcome.status.known
    assert len(read_job(printer.jobs[0]).slips) == 1


def test_status_for_the_set_up_screen() -> None:
    with LoopbackPrinter() as printer:
        status = printer_status(printer.uri, timeout=2)

    assert status.online is True and status.paper is PaperLevel.ENOUGH
    assert status.ready


def test_status_of_a_missing_printer_raises(refusing_port: int) -> None:
    with pytest.raises(PrinterError) as raised:
        printer_status(f"tcp://127.0.0.1:{refusing_port}", timeout=1)
    assert raised.value.problem is PrinterProblem.UNREACHABLE


def test_a_bad_address_fails_with_a_reason() -> None:
    outcome = print_slip(receipt(), "tcp://:9100")

    assert outcome.problem is PrinterProblem.BAD_ADDRESS
    assert "Địa chỉ máy in không hợp lệ" in outcome.message
