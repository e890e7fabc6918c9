"""The simulated province as technicians start it: from the command line."""

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.client import Credentials, ProvincialClient
from sync.provincial_server import main

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "danh-muc.json"
    path.write_text(json.dumps({"note": "thử", "procedures": [
        {"MaTTHC": "2.000815", "TenTTHC": "Chứng thực bản sao từ bản chính"}]},
        ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        yield blocker.getsockname()[1]


def test_the_simulator_serves_its_catalogue_until_stopped(tmp_path: Path,
                                                          catalogue: Path) -> None:
    command = [sys.executable, "-m", "sync.provincial_server", "--port", "0", "--json",
               "--data-dir", str(tmp_path / "tinh"), "--catalogue", str(catalogue)]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, encoding="utf-8") as process:
        try:
            assert process.stdout is not None
            url = json.loads(process.stdout.readline())["url"]
            credentials = Credentials("motcua", "motcua-demo", "000.00.13.H24")
            with ProvincialClient(url, credentials, read_timeout=5) as client:
                page = client.pull_procedures("")
        finally:
            process.terminate()
            process.communicate(timeout=10)
    assert [p["TenTTHC"] for p in page.items] == ["Chứng thực bản sao từ bản chính"]
    assert (tmp_path / "tinh" / "province.sqlite3").is_file()


@pytest.mark.parametrize("arguments", [["--fault-rate", "1.5"], ["--catalogue", "thieu.json"]])
def test_bad_input_exits_2_with_a_reason(tmp_path: Path, arguments: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", "0", "--data-dir", str(tmp_path), *arguments]) == 2
    assert capsys.readouterr().err.strip()


def test_a_taken_port_exits_1(tmp_path: Path, taken_port: int,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", str(taken_port), "--data-dir", str(tmp_path)]) == 1
    assert "Không mở được" in capsys.readouterr().err
