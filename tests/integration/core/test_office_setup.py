"""`onestop setup` turns an empty data dir into a real office in one go, for scripted installs:
its agency, counter, first admin, devices and catalogue — or nothing at all when a step is wrong."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from onestop.catalogue import sample_catalogue_path

ADMIN_PASSWORD = "Quantri-2026"


def onestop(*args: str, password: str = ADMIN_PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONESTOP_PASSWORD": password}
    env.pop("ONESTOP_PROVINCE_PASSWORD", None)
    return subprocess.run([sys.executable, "-c", "import sys; from launch import main; sys.exit(main())",
                           *args], capture_output=True, text=True, timeout=120, env=env,
                          stdin=subprocess.DEVNULL)


def setup(data: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return onestop("--data-dir", str(data), "--json", "setup", "--agency-code", "000.00.21.H40",
                   "--agency-name", "UBND xã Tân Phú", "--counter-code", "Q2",
                   "--counter-name", "Quầy 2", "--sequence-start", "5001", "--admin", "trang",
                   "--admin-name", "Lê Thu Trang", "--printer", f"virtual://{data / 'slips'}",
                   "--hours", "T2-T6 07:30-11:30 13:30-17:00", *extra)


def test_an_empty_data_dir_becomes_the_office(tmp_path: Path) -> None:
    data = tmp_path / "office"
    made = setup(data, "--catalogue", str(sample_catalogue_path()), "--day-off", "2027-09-03",
                 "--working-day", "2027-02-13")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["procedures"] == 21

    shown = onestop("--data-dir", str(data), "--user", "trang", "--json", "config", "get")
    assert shown.returncode == 0, shown.stderr
    values = json.loads(shown.stdout)
    assert values["agency.code"] == "000.00.21.H40"
    assert values["counter.code"] == "Q2" and values["counter.sequence_start"] == 5001
    assert values["calendar.hours"] == "T2-T6 07:30-11:30 13:30-17:00"
    users = onestop("--data-dir", str(data), "--user", "trang", "--json", "user", "list")
    assert users.returncode == 0, users.stderr
    assert [u["username"] for u in json.loads(users.stdout)] == ["trang"]
    days = onestop("--data-dir", str(data), "--json", "calendar", "show", "2027")
    assert days.returncode == 0, days.stderr
    shown = days.stdout
    assert "2027-09-03" in shown and "2027-02-13" in shown


def test_a_set_up_office_is_not_set_up_again(tmp_path: Path) -> None:
    data = tmp_path / "office"
    assert setup(data).returncode == 0
    again = setup(data)
    assert again.returncode == 2
    assert "config set" in again.stderr and len(again.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("problem", ["catalogue", "password"])
def test_a_wrong_step_leaves_the_data_dir_empty(tmp_path: Path, problem: str) -> None:
    data = tmp_path / "office"
    if problem == "catalogue":
        broken = tmp_path / "catalogue.json"
        broken.write_text('{"data": [{"MaTTHC": ', encoding="utf-8")
        made = setup(data, "--catalogue", str(broken))
    else:
        made = onestop("--data-dir", str(data), "setup", "--agency-code", "000.00.21.H40",
                       "--agency-name", "UBND", "--admin", "trang", "--admin-name", "Trang",
                       password="1")
    assert made.returncode == 2, made.stderr
    assert len(made.stderr.strip().splitlines()) == 1
    retried = setup(data)
    assert retried.returncode == 0, retried.stderr
