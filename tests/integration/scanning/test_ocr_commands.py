"""Reading digitised copies in the background from the command line: two readers at once, a
pause with Ctrl-C that finishes the page in hand, and the next run going on from there."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onestop import digitised
from onestop.demo import DEMO_PASSWORD
from onestop.store.engine import open_store
from tests.integration.scanning.vietnamese_paper import draw_paper
from tests.machine import need_program

ROOT = Path(__file__).resolve().parents[3]
QR = "001190012345|123456789|Nguyễn Thị Hoà|12051990|Nữ|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021"
PAPERS = ("000.00.00.G15-KQ003204", "000.00.00.G15-KQ004389", "000.00.00.G15-KQ004946")
COMMAND = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]


def command(data: Path, *args: str) -> list[str]:
    account = () if args[0] == "demo" else ("--user", "canbo")
    return [*COMMAND, *args, "--data-dir", str(data), *account, "--json"]


def onestop(data: Path, *args: str) -> dict[str, object]:
    result = subprocess.run(command(data, *args), capture_output=True, text=True, cwd=ROOT, timeout=280,
                            env={**os.environ, "ONESTOP_PASSWORD": DEMO_PASSWORD}, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert isinstance(found, dict)
    return found


@pytest.fixture
def waiting_copies(tmp_path: Path) -> Path:
    need_program("tesseract")
    data = tmp_path / "data"
    onestop(data, "demo", "--dossiers", "1")
    code = str(onestop(data, "dossier", "receive", "--procedure", "1.001193", "--qr", QR)["code"])
    for number, paper in enumerate(PAPERS):
        scan = tmp_path / f"page-{number}.png"
        draw_paper(repeat=2 + number).image.save(scan, dpi=(200, 200))
        onestop(data, "dossier", "digitise", code, str(scan), "--document", paper)
    return data


def progress(data: Path) -> digitised.ReadingProgress:
    store = open_store(data)
    try:
        return digitised.reading_progress(store)
    finally:
        store.close()


@pytest.mark.slow
def test_a_paused_run_finishes_the_page_in_hand_and_the_next_run_goes_on(waiting_copies: Path) -> None:
    data = waiting_copies
    reader = subprocess.Popen(command(data, "ocr", "run"), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                              env={**os.environ, "ONESTOP_PASSWORD": DEMO_PASSWORD})
    deadline = time.monotonic() + 120
    while progress(data).reading == 0 and reader.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    reader.send_signal(signal.SIGINT)
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    run = json.loads(out)
    assert run["paused"] is True and run["failed"] == 0
    after = progress(data)
    assert after.reading == 0 and after.failed == 0
    assert after.read == run["read"] >= 1 and after.waiting == len(PAPERS) - run["read"]

    rest = onestop(data, "ocr", "run", "--workers", "2")
    assert rest["paused"] is False and rest["read"] == len(PAPERS) - run["read"]
    assert progress(data) == digitised.ReadingProgress(0, 0, len(PAPERS), 0)
