"""Who acts on the command line: a named account that proves itself with its password, typed at a
terminal or given to a script in ONESTOP_PASSWORD, checked as the window checks a login."""

import fcntl
import json
import os
import select
import subprocess
import termios
import time
from pathlib import Path

import pytest

from onestop.demo import DEMO_PASSWORD
from onestop.users import MAX_FAILED_LOGINS
from tests.integration.core.command_line import (
    COMMAND,
    ROOT,
    audit_rows,
    copy_of,
    make_demo,
    one_line,
    onestop,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "data")


@pytest.fixture
def office(demo: Path, tmp_path: Path) -> Path:
    """A data dir of its own, for a test that locks, disables or resets an account."""
    return copy_of(demo, tmp_path / "data")


@pytest.mark.parametrize("command", [
    ["search", "nguyen"],
    ["dossier", "show", "000.00.13.H24-000000-0001"],
    ["dossier", "receive", "--procedure", "1.001193", "--name", "Lê Văn Bốn"],
    ["config", "set", "agency.name", "UBND xã Khác"],
    ["config", "get"],
    ["catalogue", "list"],
    ["user", "list"],
    ["audit", "list"],
    ["printer", "jobs"],
    ["calendar", "declare", "2027-01-02", "Nghi"],
])
def test_with_no_account_a_command_that_reads_or_changes_data_exits_2(demo: Path,
                                                                      command: list[str]) -> None:
    before = len(audit_rows(demo))
    result = onestop(*command, "--data-dir", str(demo))
    assert result.returncode == 2
    assert "--user" in one_line(result)
    assert result.stdout == ""
    assert len(audit_rows(demo)) == before


def test_the_commands_that_need_no_account(demo: Path, tmp_path: Path) -> None:
    d = str(demo)
    assert onestop("--version", password=None).stdout.startswith("OneStop ")
    assert onestop("--help", password=None).returncode == 0
    due = onestop("calendar", "due", "--received-at", "2026-12-11T16:00", "--working-days", "1",
                  "--data-dir", d, "--json", password=None)
    assert due.returncode == 0, due.stderr
    assert onestop("calendar", "show", "2027", "--data-dir", d, password=None).returncode == 0
    filled = onestop("demo", "--data-dir", str(tmp_path / "moi"), "--dossiers", "0", password=None)
    assert filled.returncode == 0, filled.stderr
    # the unattended run: the demo has no province set up, so it stops there and not at the account
    unattended = onestop("sync", "--once", "--data-dir", d, password=None)
    assert unattended.returncode != 0 and "--user" not in unattended.stderr


def test_a_user_name_alone_is_not_enough(demo: Path) -> None:
    result = onestop("user", "list", "--user", "quantri", "--data-dir", str(demo), password=None)
    assert result.returncode == 2
    assert "ONESTOP_PASSWORD" in one_line(result)
    assert result.stdout == ""


def test_a_wrong_password_is_refused_and_audited_and_the_right_one_acts(demo: Path) -> None:
    d = str(demo)
    wrong = onestop("user", "list", "--user", "quantri", "--data-dir", d, password="doan-bua")
    assert wrong.returncode == 2 and one_line(wrong) == "Sai tên đăng nhập hoặc mật khẩu."
    [failed] = audit_rows(demo, action="login.failed", subject="quantri")
    assert failed.details == {"via": "command_line"}

    right = onestop("user", "list", "--user", "quantri", "--data-dir", d, "--json")
    assert right.returncode == 0, right.stderr
    assert "quantri" in [user["username"] for user in json.loads(right.stdout)]
    # the command's own rows name who acted; a login row of its own would land in the trail
    # that `audit verify` is asked to check
    assert not audit_rows(demo, action="login", subject="quantri")


def test_a_locked_account_stays_locked_even_with_the_right_password(office: Path) -> None:
    d = str(office)
    for _guess in range(MAX_FAILED_LOGINS):
        assert onestop("search", "an", "--user", "canbo", "--data-dir", d,
                       password="doan-bua").returncode == 2
    locked = onestop("search", "an", "--user", "canbo", "--data-dir", d)
    assert locked.returncode == 2 and "tạm khoá" in one_line(locked)
    assert locked.stdout == ""
    assert audit_rows(office, action="login.refused", subject="canbo")
    assert not audit_rows(office, action="dossier.view", actor="canbo")


def test_a_disabled_account_and_one_that_must_change_its_password_are_refused(
        office: Path, tmp_path: Path) -> None:
    d = str(office)
    disabled = onestop("user", "disable", "canbo", "--user", "quantri", "--data-dir", d)
    assert disabled.returncode == 0, disabled.stderr
    refused = onestop("search", "an", "--user", "canbo", "--data-dir", d)
    assert refused.returncode == 2 and "vô hiệu hoá" in one_line(refused)

    temporary = tmp_path / "tam.txt"
    temporary.write_text("mat-khau-tam-1\n", encoding="utf-8")
    reset = onestop("user", "reset-password", "lanhdao", "--password-file", str(temporary),
                    "--user", "quantri", "--data-dir", d)
    assert reset.returncode == 0, reset.stderr
    must_change = onestop("report", "daily", "--out", str(tmp_path / "ngay.pdf"),
                          "--user", "lanhdao", "--data-dir", d, password="mat-khau-tam-1")
    assert must_change.returncode == 2 and "đổi mật khẩu" in one_line(must_change)
    assert not (tmp_path / "ngay.pdf").exists()
    reasons = [row.details["reason"] for row in audit_rows(office, action="login.refused")]
    assert reasons == ["must_change_password", "disabled"]


def _take_the_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def test_the_password_typed_at_a_terminal_is_asked_for_and_not_echoed(demo: Path) -> None:
    terminal, its_other_end = os.openpty()
    env = {name: value for name, value in os.environ.items() if name != "ONESTOP_PASSWORD"}
    with subprocess.Popen([*COMMAND, "search", "nguyen", "--user", "canbo", "--json",
                           "--data-dir", str(demo)], cwd=ROOT, env=env, stdin=its_other_end,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True, preexec_fn=_take_the_terminal) as command:
        os.close(its_other_end)
        shown = b""
        deadline = time.monotonic() + 60
        while not shown.endswith(b": ") and time.monotonic() < deadline:
            if select.select([terminal], [], [], 1)[0]:
                shown += os.read(terminal, 1024)
        assert shown.decode() == "Mật khẩu của canbo: "
        os.write(terminal, f"{DEMO_PASSWORD}\n".encode())
        out, err = command.communicate(timeout=60)
    echoed = os.read(terminal, 1024) if select.select([terminal], [], [], 0)[0] else b""
    os.close(terminal)
    assert command.returncode == 0, err
    assert json.loads(out)
    assert DEMO_PASSWORD.encode() not in echoed
