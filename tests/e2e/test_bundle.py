"""The one-folder program a technician carries on a USB stick, built by `packaging/build.py` and run
from the bundle alone: no virtual environment on PATH, no Python of ours, a bare environment."""

import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from onestop.demo import DEMO_PASSWORD
from onestop.store.migrations import newest_revision
from tests.e2e.desktop import Program, start_display, stop_display
from tests.integration.scanning.sane_test_backend import write_config
from tests.machine import need, need_program

ROOT = Path(__file__).resolve().parents[2]
ID_CARD = "001099012345|123456789|Nguyễn Văn An|01011999|Nam|Số 1 Lê Lợi, Hà Nội|01012021"

# the build alone takes minutes, more on a machine busy with the other test workers
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need(importlib.util.find_spec("PyInstaller") is not None, "PyInstaller is not installed")
    place = tmp_path_factory.mktemp("bundle")
    built = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"),
                            "--dist", str(place / "dist"), "--work", str(place / "work")],
                           capture_output=True, text=True, timeout=1200)
    assert built.returncode == 0, built.stderr[-3000:]
    program, archive = (Path(line) for line in built.stdout.split())
    assert archive.is_file() and archive.suffix == ".zip"
    shutil.rmtree(place / "work")
    return program / "onestop"


@pytest.fixture
def bare(tmp_path: Path) -> dict[str, str]:
    """What a fresh counter PC's session has: system programs only, nothing of this test run."""
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "SANE_CONFIG_DIR": str(write_config(tmp_path / "sane"))}


def run(onestop: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(onestop), *args], env=env, capture_output=True, text=True,
                          timeout=180, cwd=env["HOME"])


def test_the_bundle_receives_prints_and_scans_on_its_own(
        bundle: Path, bare: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "office"
    assert run(bundle, bare, "--help").returncode == 0
    told = run(bundle, bare, "--version").stdout
    assert f"dữ liệu {newest_revision()}" in told and "giao thức tỉnh 1.1" in told
    made = run(bundle, bare, "demo", "--data-dir", str(data), "--dossiers", "2")
    assert made.returncode == 0, made.stderr
    officer = {**bare, "ONESTOP_PASSWORD": DEMO_PASSWORD}
    received = run(bundle, officer, "--data-dir", str(data), "--user", "canbo", "--json",
                   "dossier", "receive", "--procedure", "1.001193", "--qr", ID_CARD)
    assert received.returncode == 0, received.stderr
    code = json.loads(received.stdout)["code"]
    printed = run(bundle, officer, "--data-dir", str(data), "--user", "canbo", "dossier", "print",
                  code)
    assert printed.returncode == 0, printed.stderr
    slips = [p for p in (data / "slips").glob("*.png") if code in p.name]
    assert slips, "the virtual printer wrote no slip"
    with Image.open(slips[0]) as slip:
        assert slip.width in (384, 576) and slip.height > 300
    scanned = run(bundle, {**officer, "ONESTOP_PASSWORD": DEMO_PASSWORD}, "--data-dir", str(data),
                  "--user", "kythuat", "--json", "scan", "--device", "test:0",
                  "--out", str(tmp_path / "pages"))
    assert scanned.returncode == 0, scanned.stderr
    assert len(json.loads(scanned.stdout)["files"]) == 1


@pytest.fixture
def display() -> Iterator[str]:
    server, name = start_display()
    yield name
    stop_display(server)


def test_the_bundle_opens_the_window_and_the_counter(
        bundle: Path, bare: dict[str, str], tmp_path: Path, display: str) -> None:
    need_program("xdotool")
    data = tmp_path / "office"
    assert run(bundle, bare, "demo", "--data-dir", str(data), "--dossiers", "2").returncode == 0
    program = Program(bundle, data, display, tmp_path / "events.jsonl", env=bare)
    try:
        program.log_in("canbo", DEMO_PASSWORD)
        program.wait_for("intake_ready", timeout=60)
        program.keys("key", "ctrl+q")
        assert program.process.wait(30) == 0
    finally:
        program.stop()
