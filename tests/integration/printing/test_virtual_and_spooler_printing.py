"""The virtual printer, CUPS through its `lp` program, and the Windows spooler seam."""

import os
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops

from printing.print_service import print_slip, printer_status
from printing.printer_errors import PrinterProblem
from printing.slip_layout import PaperWidth, render_slip
from tests.unit.printing.escpos_reader import read_job
from tests.unit.printing.samples import CODE, receipt, refusal


def test_the_virtual_printer_shows_each_slip_as_a_png(tmp_path: Path) -> None:
    folder = tmp_path / "phieu-in"
    outcome = print_slip(refusal(), f"virtual://{folder.as_posix()}", copies=2, width_dots=PaperWidth.MM58)

    assert outcome.sent, outcome.message
    pictures = sorted(folder.glob("*.png"))
    [raw] = folder.glob("*.bin")
    assert len(pictures) == 2
    assert CODE in pictures[0].name
    assert read_job(raw.read_bytes()).cuts == ["partial"] * 2
    drawn = render_slip(refusal(), PaperWidth.MM58)
    with Image.open(pictures[0]) as picture:
        assert picture.width == PaperWidth.MM58
        top = picture.crop((0, 0, drawn.width, drawn.height))
        assert ImageChops.difference(top.convert("L"), drawn.convert("L")).getbbox() is None
        [found] = [
            r
            for r in zxingcpp.read_barcodes(picture.convert("L"))
            if r.format == zxingcpp.BarcodeFormat.QRCode
        ]
        assert found.text == CODE


def test_the_virtual_printer_is_always_ready(tmp_path: Path) -> None:
    status = printer_status(f"virtual://{tmp_path.as_posix()}")
    assert status.online is True and status.ready


def _fake_lp(folder: Path, exit_code: int, state: str = "is idle.  enabled since Sun 22 Nov 2026") -> None:
    """An `lp` that keeps what it is given, in the place of the CUPS client."""
    folder.mkdir()
    for name, body in {
        "lp": (
            "import sys, pathlib\n"
            "here = pathlib.Path(sys.argv[0]).parent\n"
            "(here / 'args.txt').write_text(' '.join(sys.argv[1:]))\n"
            "(here / 'job.bin').write_bytes(sys.stdin.buffer.read())\n"
            f"sys.stderr.write('lp: The printer or class does not exist.' * {exit_code})\n"
            f"sys.exit({exit_code})\n"
        ),
        "lpstat": f"print('printer XP-80C {state}')\n",
    }.items():
        program = folder / name
        program.write_text(f"#!{sys.executable}\n{body}")
        program.chmod(0o755)


@pytest.mark.skipif(sys.platform == "win32", reason="CUPS is not on Windows")
def test_a_cups_queue_gets_a_raw_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    _fake_lp(bin_dir, exit_code=0)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    outcome = print_slip(receipt(), "cups://XP-80C")

    assert outcome.sent, outcome.message
    assert (bin_dir / "args.txt").read_text() == f"-d XP-80C -o raw -t {CODE}"
    assert read_job((bin_dir / "job.bin").read_bytes()).cuts == ["partial"]
    assert printer_status("cups://XP-80C").online is True


@pytest.mark.skipif(sys.platform == "win32", reason="CUPS is not on Windows")
def test_a_stopped_cups_queue_is_not_sent_the_slip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    _fake_lp(bin_dir, exit_code=0, state="disabled since Sun 22 Nov 2026 -")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    outcome = print_slip(receipt(), "cups://XP-80C")

    assert outcome.problem is PrinterProblem.OFFLINE
    assert not (bin_dir / "job.bin").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="CUPS is not on Windows")
def test_a_cups_queue_that_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    _fake_lp(bin_dir, exit_code=1)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    outcome = print_slip(receipt(), "cups://XP-80C")

    assert outcome.problem is PrinterProblem.REJECTED
    assert "does not exist" in outcome.message


def test_without_the_cups_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    outcome = print_slip(receipt(), "cups://XP-80C")
    assert outcome.problem is PrinterProblem.UNSUPPORTED


@pytest.mark.skipif(sys.platform == "win32", reason="the spooler is there on Windows")
def test_the_windows_spooler_is_only_on_windows() -> None:
    outcome = print_slip(receipt(), "win32raw://EPSON TM-T82III Receipt")
    assert outcome.problem is PrinterProblem.UNSUPPORTED
    assert "Windows" in outcome.message
    assert "“EPSON TM-T82III Receipt”" in outcome.message
