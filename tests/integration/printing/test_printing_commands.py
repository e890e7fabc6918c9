"""Paper from the command line: the program as a subprocess, a printer on the loopback, PDFs read
back with poppler."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp

from onestop.demo import DEMO_PASSWORD
from onestop.workdays import LOCAL_ZONE
from tests.integration.printing.loopback_printer import PAPER_OUT, LoopbackPrinter
from tests.integration.printing.pdf_reader import assert_fonts_embedded, read_back
from tests.unit.printing.escpos_reader import read_job

ROOT = Path(__file__).resolve().parents[3]
QR = "001099012345|123456789|Nguyễn Văn An|01011999|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021"


def onestop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "import sys; from cli import main; "
                           "sys.exit(main())", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, "ONESTOP_PASSWORD": DEMO_PASSWORD})


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = onestop("demo", "--data-dir", str(folder), "--dossiers", "12")
    assert result.returncode == 0, result.stderr
    return folder


def _set_up(demo_dir: Path, printer: str) -> None:
    """The technician sets the printer up: the one an officer may name with --print."""
    chosen = onestop("config", "set", "printer.uri", printer, "--data-dir", str(demo_dir),
                     "--user", "kythuat")
    assert chosen.returncode == 0, chosen.stderr


def _receive(demo_dir: Path, printer: str) -> subprocess.CompletedProcess[str]:
    _set_up(demo_dir, printer)
    return onestop("dossier", "receive", "--data-dir", str(demo_dir), "--user", "canbo",
                   "--procedure", "1.001193", "--qr", QR, "--print", printer, "--json")


def _qr_dossier_code(data: bytes) -> str:
    """The dossier code the slip's QR opens with (the office's QR template keeps it first)."""
    [slip] = read_job(data).slips
    [qr] = [r.text for r in zxingcpp.read_barcodes(slip)
            if r.format == zxingcpp.BarcodeFormat.QRCode]
    return qr.split("|")[0]


def test_a_received_dossier_comes_out_of_the_printer(demo_dir: Path) -> None:
    with LoopbackPrinter() as printer:
        result = _receive(demo_dir, printer.uri)

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    code = answer["dossier"]["code"]
    assert answer["print"]["sent"] is True
    assert answer["print"]["job"]["state"] == "sent"
    [data] = printer.jobs
    assert _qr_dossier_code(data) == code


def test_a_refusing_printer_keeps_the_dossier_and_the_job_waits(demo_dir: Path,
                                                                refusing_port: int) -> None:
    d = str(demo_dir)
    result = _receive(demo_dir, f"tcp://127.0.0.1:{refusing_port}")

    assert result.returncode == 1
    assert "đã được lưu" in result.stderr and "chưa in được" in result.stderr
    assert "Không kết nối được máy in" in result.stderr
    assert result.stderr.count("\n") == 1
    waiting = json.loads(onestop("printer", "jobs", "--data-dir", d, "--json",
                                 "--user", "canbo").stdout)
    [job] = [j for j in waiting if j["state"] == "failed"]
    code = job["dossier_code"]
    assert code in result.stderr
    shown = onestop("dossier", "show", code, "--data-dir", d, "--json", "--user", "canbo")
    assert json.loads(shown.stdout)["status"] == "received"

    with LoopbackPrinter() as printer:
        _set_up(demo_dir, printer.uri)
        again = onestop("dossier", "print", code, "--printer", printer.uri, "--data-dir", d,
                        "--user", "canbo", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["job"]["kind"] == "reprint"
    assert _qr_dossier_code(printer.jobs[0]) == code
    waiting = json.loads(onestop("printer", "jobs", "--data-dir", d, "--json",
                                 "--user", "canbo").stdout)
    assert code not in [j["dossier_code"] for j in waiting]


def test_a_job_sent_once_is_not_sent_by_a_retry(demo_dir: Path) -> None:
    d = str(demo_dir)
    with LoopbackPrinter() as printer:
        received = json.loads(_receive(demo_dir, printer.uri).stdout)
        job = received["print"]["job"]["id"]
        retried = onestop("printer", "retry", str(job), "--data-dir", d, "--user", "canbo")
    assert retried.returncode == 2
    assert "đã in xong" in retried.stderr
    assert len(printer.jobs) == 1


def test_the_trial_slip_and_the_printer_state(demo_dir: Path) -> None:
    d = str(demo_dir)
    with LoopbackPrinter() as printer:
        result = onestop("printer", "test", "--printer", printer.uri, "--paper", "58",
                         "--data-dir", d, "--json", "--user", "kythuat")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["sent"], answer["online"], answer["paper"]) == (True, True, "enough")
    [slip] = read_job(printer.jobs[0]).slips
    assert slip.width == 384
    assert "ONESTOP-IN-THU" in [r.text for r in zxingcpp.read_barcodes(slip)]

    with LoopbackPrinter(paper_answer=PAPER_OUT) as printer:
        empty = onestop("printer", "test", "--printer", printer.uri, "--data-dir", d,
                        "--user", "kythuat")
    assert empty.returncode == 1
    assert "hết giấy" in empty.stderr
    bad = onestop("printer", "test", "--printer", "lpt:9", "--data-dir", d, "--user", "kythuat")
    assert bad.returncode == 2 and "Địa chỉ máy in không hợp lệ" in bad.stderr


def test_the_trial_slip_follows_the_printer_model_set_up(demo_dir: Path) -> None:
    d = str(demo_dir)
    chosen = onestop("config", "set", "printer.profile", "NT-5890K", "--data-dir", d,
                     "--user", "kythuat")
    assert chosen.returncode == 0, chosen.stderr
    with LoopbackPrinter() as printer:
        result = onestop("printer", "test", "--printer", printer.uri, "--paper", "80",
                         "--data-dir", d, "--user", "kythuat")
    assert result.returncode == 0, result.stderr
    job = read_job(printer.jobs[0])
    [slip] = job.slips
    assert slip.width == 384, "a 58 mm model gets no 80 mm raster"
    assert (job.cuts, job.tears) == ([], 1), "a printer without a cutter gets the paper fed out"


def test_report_pdfs_read_back_in_vietnamese(demo_dir: Path, tmp_path: Path) -> None:
    d = str(demo_dir)
    today = datetime.now(LOCAL_ZONE).date()
    daily, period = tmp_path / "ngay.pdf", tmp_path / "ky.pdf"
    made = onestop("report", "daily", "--date", today.isoformat(), "--out", str(daily),
                   "--data-dir", d, "--user", "lanhdao", "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["bytes"] == daily.stat().st_size
    made = onestop("report", "period", "--from", today.replace(day=1).isoformat(),
                   "--to", today.isoformat(), "--out", str(period), "--data-dir", d,
                   "--user", "lanhdao")
    assert made.returncode == 0, made.stderr

    text = read_back(daily.read_bytes(), tmp_path)
    assert "UBND XÃ MINH KHAI (DỮ LIỆU MẪU)" in text
    assert "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY" in text
    assert f"Ngày {today:%d/%m/%Y}" in text
    assert "Hồ sơ theo thủ tục" in text
    assert_fonts_embedded(daily.read_bytes(), tmp_path)
    text = read_back(period.read_bytes(), tmp_path)
    assert "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert f"Kỳ báo cáo: từ ngày 01/{today:%m/%Y} đến ngày {today:%d/%m/%Y}" in text
    assert_fonts_embedded(period.read_bytes(), tmp_path)


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["report", "daily", "--date", "22/11/2026", "--out", "x.pdf"], 2, "YYYY-MM-DD"),
        (["report", "period", "--from", "2026-11-30", "--to", "2026-11-01", "--out", "x.pdf",
          "--user", "lanhdao"], 2, "cuối kỳ"),
        (["report", "daily", "--out", "x.pdf", "--user", "canbo"], 2, "không có quyền"),
        (["printer", "test", "--printer", "tcp://127.0.0.1:9", "--user", "canbo"], 2,
         "máy in đã cài"),
        (["printer", "test", "--user", "kythuat", "--printer", "virtual://a/../b"], 2, "“..”"),
    ],
)
def test_bad_report_and_printer_requests(demo_dir: Path, args: list[str], code: int,
                                         says: str) -> None:
    result = onestop(*args, "--data-dir", str(demo_dir))
    assert result.returncode == code
    assert says in result.stderr
