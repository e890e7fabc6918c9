"""`onestop user …`, `onestop audit …`, `onestop backup` and `onestop restore` as a technician or
a script runs them: exit codes, one-line reasons, JSON."""

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from cli import main
from cli.context import ACCOUNT_PASSWORD_VARIABLE
from tests.conftest import PASSWORD, Office
from tests.integration.accounts.memory_keyring import MemoryKeyring

SQLITE_ONLY = pytest.mark.parametrize("office", ["sqlite"], indirect=True)


class Console:
    def __init__(self, office: Office, capsys: pytest.CaptureFixture[str]) -> None:
        self.store = ["--data-dir", str(office.store.attachments_dir.parent)]
        if not office.store.is_sqlite:
            self.store += ["--database-url",
                           office.store.engine.url.render_as_string(hide_password=False)]
        self.capsys = capsys

    def run(self, *args: str) -> tuple[int, str, str]:
        code = main([*args, *self.store])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> Any:
        code, out, err = self.run(*args, "--json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def console(office: Office, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> Console:
    monkeypatch.setenv(ACCOUNT_PASSWORD_VARIABLE, PASSWORD)
    return Console(office, capsys)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("mat-khau-mot-lan-thoi\n", encoding="utf-8")
    return path


@SQLITE_ONLY
def test_an_admin_manages_accounts(console: Console, secret_file: Path) -> None:
    added = console.json("user", "add", "ha.pt", "--name", "Phạm Thu Hà", "--role", "officer",
                         "--counter", "Q2", "--password-file", str(secret_file), "--user",
                         "quantri")
    assert added["must_change_password"] is True
    roles = console.json("user", "roles", "ha.pt", "--role", "officer", "--role", "supervisor",
                         "--user", "quantri")
    assert roles["roles"] == ["officer", "supervisor"]
    assert console.json("user", "disable", "ha.pt", "--user", "quantri")["active"] is False
    assert console.json("user", "enable", "ha.pt", "--user", "quantri")["active"] is True
    console.json("user", "reset-password", "ha.pt", "--password-file", str(secret_file),
                 "--user", "quantri")
    listed = console.json("user", "list", "--user", "quantri")
    assert [u["username"] for u in listed] == ["canbo", "ha.pt", "kythuat", "lanhdao", "quantri"]


@SQLITE_ONLY
def test_a_refusal_is_one_line_and_exit_code_two(console: Console, secret_file: Path) -> None:
    code, out, err = console.run("user", "add", "x1", "--name", "X", "--role", "admin",
                                 "--password-file", str(secret_file), "--user", "canbo")
    assert (code, out) == (2, "")
    assert err == "Tài khoản “canbo” không có quyền quản lý tài khoản.\n"
    code, _out, err = console.run("user", "add", "x1", "--name", "X", "--role", "admin",
                                  "--user", "quantri")
    assert code == 2 and "--password-file" in err


def test_backup_and_restore_from_the_command_line(console: Console, secret_file: Path,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ngay-1.onestop-backup"
    code, _out, err = console.run("backup", str(target), "--user", "kythuat")
    assert code == 2 and "ONESTOP_BACKUP_PASSPHRASE" in err
    made = console.json("backup", str(target), "--passphrase-file", str(secret_file),
                        "--user", "kythuat")
    assert made["path"] == str(target)
    monkeypatch.setenv("ONESTOP_BACKUP_PASSPHRASE", "mat-khau-mot-lan-thoi")
    checked = console.json("restore", str(target), "--check", "--user", "kythuat")
    assert checked["made_by"] == "kythuat"
    restored = console.json("restore", str(target), "--user", "quantri")
    assert restored["audit_breaks"] == 0 and restored["previous_copy"]
    monkeypatch.setenv("ONESTOP_BACKUP_PASSPHRASE", "mot-mat-khau-sai")
    code, _out, err = console.run("restore", str(target), "--user", "quantri")
    assert (code, err) == (2, "Sai mật khẩu sao lưu.\n")
    code, _out, err = console.run("restore", str(secret_file), "--user", "quantri")
    assert (code, err) == (2, "Tệp này không phải bản sao lưu OneStop.\n")


@SQLITE_ONLY
def test_the_daily_backup_from_a_script(console: Console, secret_file: Path, tmp_path: Path,
                                        memory_keyring: MemoryKeyring) -> None:
    folder = tmp_path / "daily"
    folder.mkdir()
    console.json("config", "set", "backup.folder", str(folder), "--user", "kythuat")
    console.json("backup", "--remember-passphrase", "--passphrase-file", str(secret_file),
                 "--user", "kythuat")
    assert console.json("backup", "--daily", "--user", "kythuat")["made"]["contents"]["dossiers"] == 0
    assert console.json("backup", "--daily", "--user", "kythuat")["made"] is None
    assert len(list(folder.iterdir())) == 1


@SQLITE_ONLY
def test_the_audit_log_listed_and_exported(console: Console, tmp_path: Path) -> None:
    listed = console.json("audit", "list", "--by", "system", "--action-code", "user.create",
                          "--user", "lanhdao")
    assert sorted(row["subject"] for row in listed) == ["canbo", "kythuat", "lanhdao", "quantri"]
    out = tmp_path / "nhat-ky.csv"
    exported = console.json("audit", "export", "--out", str(out), "--subject", "canbo",
                            "--user", "lanhdao")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["STT", "Thời điểm", "Người thực hiện"]
    assert len(rows) - 1 == exported["rows"] == 1
    assert rows[1][3:6] == ["user.create", "Tạo tài khoản", "canbo"]
    code, _out, err = console.run("audit", "export", "--out", str(out), "--user", "kythuat")
    assert code == 2 and "không có quyền xem nhật ký" in err


@pytest.mark.parametrize("office", ["postgres"], indirect=True)
def test_a_counter_without_pg_dump_is_told_so(console: Console, secret_file: Path,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "may-chu.onestop-backup"
    console.json("backup", str(target), "--passphrase-file", str(secret_file), "--user", "kythuat")
    monkeypatch.setenv("PATH", str(tmp_path))
    for command in (["backup", str(tmp_path / "khac")], ["restore", str(target)]):
        code, _out, err = console.run(*command, "--passphrase-file", str(secret_file),
                                      "--user", "kythuat")
        assert code == 2 and "chưa có chương trình pg_dump của PostgreSQL" in err
    code, _out, err = console.run("restore", str(target), "--check", "--passphrase-file",
                                  str(secret_file), "--user", "kythuat")
    assert code == 2 and "chưa có chương trình pg_restore" in err
