"""The core's subcommands as a script or a technician uses them: a real process, a real data dir."""

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from onestop.demo import DEMO_PASSWORD
from onestop.workdays import LOCAL_ZONE

ROOT = Path(__file__).resolve().parents[3]
QR = "001099012345|123456789|Nguyễn Văn An|01011999|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021"


def onestop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "import sys; from cli import main; "
                           "sys.exit(main())", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, "ONESTOP_PASSWORD": DEMO_PASSWORD})


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = onestop("demo", "--data-dir", str(folder), "--dossiers", "6", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["users"], answer["procedures"], answer["dossiers"]) == (4, 21, 6)
    assert Path(answer["slips"]) == folder.resolve() / "slips"
    return folder


def test_receive_show_transition_search(demo_dir: Path) -> None:
    d = str(demo_dir)
    received = onestop("dossier", "receive", "--data-dir", d, "--user", "canbo", "--procedure",
                       "1.001193", "--qr", QR, "--phone", "0912 345 678", "--json")
    assert received.returncode == 0, received.stderr
    dossier = json.loads(received.stdout)
    code = dossier["code"]
    received_at = datetime.fromisoformat(dossier["received_at"]).astimezone(LOCAL_ZONE)
    assert code.startswith(f"000.00.13.H24-{received_at:%y%m%d}-")
    shown = json.loads(onestop("--data-dir", d, "--json", "--user", "canbo", "dossier", "show",
                               code).stdout)
    assert shown["applicant"]["full_name"] == "Nguyễn Văn An"
    due = json.loads(onestop("calendar", "due", "--received-at",
                             received_at.replace(tzinfo=None).isoformat(timespec="seconds"),
                             "--procedure", "1.001193", "--data-dir", d, "--json").stdout)
    # the calendar was given the receipt's time to the second; the store keeps its microseconds
    assert (datetime.fromisoformat(shown["due_at"]).replace(microsecond=0)
            == datetime.fromisoformat(due["due_at"]))
    moved = onestop("dossier", "transition", code, "in_process", "--data-dir", d, "--json",
                    "--user", "canbo")
    assert moved.returncode == 0 and json.loads(moved.stdout)["status"] == "in_process"
    found = json.loads(onestop("search", "nguyen van an", "--data-dir", d, "--json",
                               "--user", "canbo").stdout)
    assert code in [f["code"] for f in found]


def test_only_a_supervisor_back_dates_a_receipt(demo_dir: Path) -> None:
    d = str(demo_dir)
    two_days_ago = (datetime.now(LOCAL_ZONE) - timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0, tzinfo=None).isoformat()
    by_officer = onestop("dossier", "receive", "--data-dir", d, "--user", "canbo", "--procedure",
                         "1.001193", "--qr", QR, "--received-at", two_days_ago)
    assert by_officer.returncode == 2 and by_officer.stderr.count("\n") == 1
    by_supervisor = onestop("dossier", "receive", "--data-dir", d, "--user", "lanhdao",
                            "--procedure", "1.001193", "--qr", QR, "--received-at", two_days_ago,
                            "--json")
    assert by_supervisor.returncode == 0, by_supervisor.stderr
    code = json.loads(by_supervisor.stdout)["code"]
    assert f"-{two_days_ago[2:4]}{two_days_ago[5:7]}{two_days_ago[8:10]}-" in code


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--qr", "001099012345|mangled"], "QR"),
        (["--name", "Lê Văn Bốn", "--id-number", "123"], "12 chữ số"),
        (["--qr", QR, "--received-at", "hôm qua"], "ISO"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(demo_dir: Path, args: list[str],
                                                            says: str) -> None:
    d = str(demo_dir)
    before = onestop("search", "0", "--data-dir", d, "--json", "--limit", "200",
                     "--user", "canbo").stdout
    result = onestop("dossier", "receive", "--data-dir", d, "--procedure", "1.001193",
                     "--user", "canbo", *args)
    assert result.returncode == 2
    assert says in result.stderr and result.stderr.count("\n") == 1
    assert onestop("search", "0", "--data-dir", d, "--json", "--limit", "200",
                   "--user", "canbo").stdout == before


def test_english_messages_when_chosen(demo_dir: Path) -> None:
    result = onestop("--lang", "en", "dossier", "show", "KHONG-CO", "--data-dir", str(demo_dir),
                     "--user", "canbo")
    assert result.returncode == 2
    assert "No dossier" in result.stderr


def test_calendar_and_config(demo_dir: Path) -> None:
    d = str(demo_dir)
    due = json.loads(onestop("calendar", "due", "--received-at", "2026-12-11T16:00",
                             "--working-days", "1", "--data-dir", d, "--json").stdout)
    assert due["due_at"] == "2026-12-14T16:00:00+07:00"
    year = json.loads(onestop("calendar", "show", "2027", "--data-dir", d, "--json").stdout)
    assert "2027-04-30" in year["public_holidays"]
    assert onestop("config", "set", "printer.paper_width", "58", "--data-dir", d,
                   "--user", "kythuat").returncode == 0
    assert onestop("config", "set", "printer.paper_width", "57", "--data-dir", d,
                   "--user", "kythuat").returncode == 2
    got = json.loads(onestop("config", "get", "printer.paper_width", "--data-dir", d,
                             "--json", "--user", "kythuat").stdout)
    assert got == {"printer.paper_width": 58}
    refused = onestop("config", "set", "agency.code", "X", "--user", "canbo", "--data-dir", d)
    assert refused.returncode == 2 and "canbo" in refused.stderr


def test_catalogue_list_and_a_broken_import(demo_dir: Path, tmp_path: Path) -> None:
    listed = json.loads(onestop("catalogue", "list", "--data-dir", str(demo_dir), "--json",
                                "--user", "canbo").stdout)
    assert len(listed) == 21
    broken = tmp_path / "broken.json"
    broken.write_text('{"procedures": [{"MaTTHC": "1.1"}]}', encoding="utf-8")
    result = onestop("catalogue", "import", str(broken), "--data-dir", str(demo_dir),
                     "--user", "lanhdao")
    assert result.returncode == 2 and "TenTTHC" in result.stderr
