"""The daily backup: once a local day into the configured folder, the newest few kept, nothing
else in the folder touched, and a plain reason when it cannot run."""

from datetime import datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.errors import NoKeyringError

from onestop import settings
from onestop.backup import read_backup
from onestop.backup_passphrase import remember_passphrase
from onestop.backup_schedule import run_due_backup, this_computer
from onestop.errors import DomainError
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office
from tests.integration.accounts.memory_keyring import MemoryKeyring

PASSPHRASE = "sao lưu mỗi ngày một lần"
SQLITE_ONLY = pytest.mark.parametrize("office", ["sqlite"], indirect=True)


def configure(office: Office, folder: Path, keep: int) -> None:
    with office.store.write() as session:
        settings.put_in(session, office.technician, "backup.folder", str(folder))
        settings.put_in(session, office.technician, "backup.keep", keep)


@SQLITE_ONLY
def test_one_backup_a_day_keeping_the_newest(office: Office, tmp_path: Path,
                                            memory_keyring: MemoryKeyring) -> None:
    monday = datetime(2026, 12, 7, 7, 45, tzinfo=LOCAL_ZONE)
    assert run_due_backup(office.store, monday) is None
    folder = tmp_path / "daily"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("của người khác")
    other_counter = folder / "onestop-000.00.13.H24-Q9-20261201-080000.onestop-backup"
    other_counter.write_bytes(b"another counter's")
    configure(office, folder, keep=3)
    with pytest.raises(DomainError, match="Chưa lưu mật khẩu"):
        run_due_backup(office.store, monday)
    remember_passphrase(office.store, office.technician, PASSPHRASE)

    made = []
    for day in range(5):
        morning = monday + timedelta(days=day)
        done = run_due_backup(office.store, morning)
        assert done is not None
        made.append(done.made.path)
        assert run_due_backup(office.store, morning + timedelta(hours=9)) is None
    assert made[0].name == "onestop-000.00.13.H24-Q1-20261207-074500.onestop-backup"
    ours = sorted(p for p in folder.iterdir() if "-Q1-" in p.name)
    assert ours == made[-3:]
    assert (folder / "ghi-chu.txt").exists() and other_counter.exists()
    assert read_backup(made[-1], PASSPHRASE).made_by == "system"


@SQLITE_ONLY
def test_the_local_day_decides_what_is_due(office: Office, tmp_path: Path,
                                          memory_keyring: MemoryKeyring) -> None:
    configure(office, tmp_path, keep=2)
    remember_passphrase(office.store, office.technician, PASSPHRASE)
    late_evening = datetime(2026, 12, 7, 23, 30, tzinfo=LOCAL_ZONE)
    assert run_due_backup(office.store, late_evening) is not None
    # 00:15 the next day in Vietnam is still the 7th in UTC: a new local day all the same.
    assert run_due_backup(office.store, late_evening + timedelta(minutes=45)) is not None


@SQLITE_ONLY
def test_a_missing_folder_is_said_plainly(office: Office, tmp_path: Path,
                                          memory_keyring: MemoryKeyring) -> None:
    configure(office, tmp_path / "usb-drive", keep=2)
    with pytest.raises(DomainError, match="Không thấy thư mục sao lưu"):
        run_due_backup(office.store, datetime.now(LOCAL_ZONE))


@SQLITE_ONLY
def test_a_computer_without_a_keyring_is_said_plainly(office: Office,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def no_keyring(*_args: str) -> None:
        raise NoKeyringError("none")

    monkeypatch.setattr(keyring, "set_password", no_keyring)
    with pytest.raises(DomainError, match="kho mật khẩu"):
        remember_passphrase(office.store, office.technician, PASSPHRASE)


@pytest.mark.parametrize("office", ["postgres"], indirect=True)
def test_on_a_shared_server_only_the_named_computer_makes_it(office: Office, tmp_path: Path,
                                                             memory_keyring: MemoryKeyring) -> None:
    configure(office, tmp_path, keep=2)
    remember_passphrase(office.store, office.technician, PASSPHRASE)
    morning = datetime(2026, 12, 7, 7, 45, tzinfo=LOCAL_ZONE)
    assert run_due_backup(office.store, morning) is None
    settings.put(office.store, office.technician, {"backup.computer": "quay-lanh-dao"})
    assert run_due_backup(office.store, morning) is None
    settings.put(office.store, office.technician, {"backup.computer": this_computer()})
    done = run_due_backup(office.store, morning)
    assert done is not None
    assert read_backup(done.made.path, PASSPHRASE).store_kind == "postgresql"
