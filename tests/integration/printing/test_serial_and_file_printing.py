"""Serial ports and device paths, with real bytes through pyserial and the file system."""

import os
import sys
import threading
from pathlib import Path

import pytest

from printing.print_service import print_slip, printer_status
from printing.printer_errors import PrinterProblem
from printing.printer_status import PaperLevel
from printing.slip_layout import PaperWidth
from tests.integration.printing.loopback_printer import PAPER_OUT, LoopbackPrinter
from tests.unit.printing.escpos_reader import read_job
from tests.unit.printing.samples import receipt


def _serial_over_tcp(printer: LoopbackPrinter) -> str:
    # pyserial's socket:// port stands in for a serial cable, with the same code path above it.
    return f"serial://socket://{printer.uri.removeprefix('tcp://')}?baudrate=115200"


def test_a_serial_printer_receives_the_slip_and_answers_status() -> None:
    with LoopbackPrinter() as printer:
        outcome = print_slip(receipt(), _serial_over_tcp(printer), width_dots=PaperWidth.MM58)

    assert outcome.sent, outcome.message
    assert outcome.status.online is True
    assert read_job(printer.jobs[0]).slips[0].width == PaperWidth.MM58


def test_a_serial_printer_out_of_paper() -> None:
    with LoopbackPrinter(paper_answer=PAPER_OUT) as printer:
        outcome = print_slip(receipt(), _serial_over_tcp(printer))
    assert outcome.problem is PrinterProblem.PAPER_OUT
    assert outcome.status.paper is PaperLevel.OUT


def test_an_echo_on_the_line_is_no_status() -> None:
    # pyserial's loop:// sends every byte back, as a miswired cable would.
    assert not printer_status("serial://loop://?baudrate=9600", timeout=0.2).known


def test_a_serial_port_that_does_not_exist(tmp_path: Path) -> None:
    outcome = print_slip(receipt(), f"serial://{tmp_path / 'ttyUSB9'}", timeout=1)
    assert outcome.problem is PrinterProblem.NOT_FOUND


def test_a_device_path_receives_the_bytes(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    outcome = print_slip(receipt(), target.as_uri(), copies=2)
    assert outcome.sent, outcome.message
    assert read_job(target.read_bytes()).cuts == ["partial"] * 2


def test_a_device_path_in_a_missing_folder(tmp_path: Path) -> None:
    outcome = print_slip(receipt(), (tmp_path / "khong-co" / "lp0").as_uri())
    assert outcome.problem is PrinterProblem.NOT_FOUND


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes of POSIX")
def test_a_device_that_never_takes_the_bytes_times_out(tmp_path: Path) -> None:
    # Opening a FIFO for writing blocks until someone reads: a printer that is switched off.
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    outcome = print_slip(receipt(), fifo.as_uri(), timeout=0.3)
    assert outcome.problem is PrinterProblem.TIMEOUT

    # the writer is still waiting for a reader here; once one opens, it may finish at once
    writer = next(t for t in threading.enumerate() if t.name == "slip-file-writer")
    reader = os.open(fifo, os.O_RDONLY)
    try:
        while writer.is_alive():
            os.read(reader, 65536)
            writer.join(0.01)
    finally:
        os.close(reader)
