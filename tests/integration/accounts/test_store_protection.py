"""A store that protects itself: only its owner can read it, no plain copy outlives a backup, a
damaged file takes no more writes, and what the province acknowledged is not kept in full."""

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from cli import main
from cli.context import ACCOUNT_PASSWORD_VARIABLE
from onestop import audit, dossiers, outbox, settings
from onestop.backup import take_backup
from onestop.backup_leftovers import BACKUP_WORK, work_folder
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import DomainError
from onestop.outbox_pruning import prune_acknowledged
from onestop.restore import restore_store
from onestop.roles import SYSTEM
from onestop.store.engine import DATABASE_FILE, check_health, open_store
from onestop.store.models import Dossier, OutboxItem
from onestop.store_maintenance import daily_maintenance
from tests.conftest import PASSWORD, Office

PASSPHRASE = "Hoa sen nở giữa đầm"
SQLITE_ONLY = pytest.mark.parametrize("office", ["sqlite"], indirect=True)
ROOT = Path(__file__).resolve().parents[3]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def receive(office: Office, name: str = "Nguyễn Văn An") -> str:
    return dossiers.receive(office.store, office.officer,
                            Intake("1.004873", ApplicantInput(name, phone="0912345678"))).code


def test_a_new_store_is_its_owners_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_store(data)
    try:
        with store.write() as session:
            settings.put_in(session, SYSTEM, "counter.name", "Quầy 1")
        assert mode(data) == 0o700 and mode(store.attachments_dir) == 0o700
        for name in (DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm"):
            assert mode(data / name) == 0o600, name
    finally:
        store.close()


@SQLITE_ONLY
def test_files_an_older_version_left_readable_by_all_become_owner_only(office: Office) -> None:
    data = office.store.attachments_dir.parent
    receive(office)
    office.store.close()
    (data / "slips").mkdir()
    for path in (data, data / "attachments", data / "slips"):
        os.chmod(path, 0o755)
    for name in (DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm"):
        if (data / name).exists():
            os.chmod(data / name, 0o644)
    reopened = open_store(data)
    try:
        assert [mode(p) for p in (data, data / "attachments", data / "slips")] == [0o700] * 3
        for name in (DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm"):
            if (data / name).exists():
                assert mode(data / name) == 0o600, name
    finally:
        reopened.close()


def test_backups_and_the_copy_kept_before_a_restore_are_owner_only(office: Office,
                                                                   tmp_path: Path) -> None:
    receive(office)
    made = take_backup(office.store, office.technician, tmp_path / "sao-luu", PASSPHRASE)
    assert mode(made.path) == 0o600
    restored = restore_store(office.store, office.technician, made.path, PASSPHRASE)
    assert restored.previous_copy is not None and mode(restored.previous_copy) == 0o600


BACKUP_WORKER = """
import sys
from pathlib import Path
from onestop.backup import take_backup
from onestop.store.engine import open_store
from onestop.users import actor_named
store = open_store(Path(sys.argv[1]))
with store.read() as session:
    technician = actor_named(session, "kythuat")
while True:
    take_backup(store, technician, Path(sys.argv[2]), "Hoa sen nở giữa đầm")
"""


@SQLITE_ONLY
def test_the_plain_copy_of_a_backup_killed_halfway_is_gone_on_the_next_opening(
        office: Office, tmp_path: Path) -> None:
    data = office.store.attachments_dir.parent
    for n in range(3):
        receive(office, f"Người Thứ {chr(65 + n)}")
    worker = subprocess.Popen(
        [sys.executable, "-c", BACKUP_WORKER, str(data), str(tmp_path / "sao-luu")], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT),
             "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    try:
        deadline = time.monotonic() + 120
        while not any((folder / DATABASE_FILE).exists() for folder in data.glob(BACKUP_WORK + "*")):
            assert time.monotonic() < deadline and worker.poll() is None
            time.sleep(0.005)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=60)
    left = [folder for folder in data.glob(BACKUP_WORK + "*")]
    assert left and any((folder / DATABASE_FILE).exists() for folder in left)
    open_store(data).close()
    assert not list(data.glob(BACKUP_WORK + "*"))


def test_a_backup_still_at_work_keeps_its_folder_when_the_store_is_opened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_store(data).close()
    with work_folder(data, BACKUP_WORK) as working:
        (working / DATABASE_FILE).write_bytes(b"a plain copy")
        open_store(data).close()
        assert (working / DATABASE_FILE).exists()
    assert not working.exists()


def damage_one_page(database: Path, table: str) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        page = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0]
    with database.open("r+b") as file:
        file.seek((page - 1) * page_size)
        file.write(os.urandom(page_size))


@SQLITE_ONLY
def test_a_store_with_one_damaged_page_takes_no_dossier_and_points_to_the_last_backup(
        office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = office.store.attachments_dir.parent
    with office.store.write() as session:
        settings.put_in(session, SYSTEM, "backup.folder", str(tmp_path))
    receive(office)
    made = take_backup(office.store, office.technician, tmp_path / "hom-qua", PASSPHRASE)
    office.store.close()
    damage_one_page(data / DATABASE_FILE, "dossiers")

    damaged = open_store(data)
    try:
        with pytest.raises(DomainError, match="bị hỏng") as refused:
            receive(Office(damaged, office.officer, office.supervisor, office.technician,
                           office.admin), "Trần Thị Bích")
        assert str(made.path) in str(refused.value)
        assert audit.verify(damaged) == [audit.AuditBreak(0, audit.DAMAGED)]
    finally:
        damaged.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ACCOUNT_PASSWORD_VARIABLE, PASSWORD)
        code = main(["audit", "verify", "--json", "--data-dir", str(data), "--user", "lanhdao"])
    captured = capsys.readouterr()
    assert code != 0 and '"ok": true' not in captured.out
    assert "bị hỏng" in captured.err


@SQLITE_ONLY
def test_the_daily_check_stops_writes_into_a_store_damaged_while_open(office: Office) -> None:
    receive(office)
    assert check_health(office.store)
    with office.store.engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    damage_one_page(Path(str(office.store.engine.url.database)), "audit_log")
    office.store.engine.dispose()
    maintained = daily_maintenance(office.store, datetime.now(UTC).date())
    assert maintained is not None and not maintained.sound
    with pytest.raises(DomainError, match="bị hỏng"):
        receive(office, "Trần Thị Bích")


def test_what_the_province_acknowledged_keeps_only_what_reconciling_needs(office: Office) -> None:
    code = receive(office)
    dossiers.transition(office.store, office.officer, code, "in_process")
    with office.store.write() as session:
        session.execute(text("UPDATE outbox SET state = :sent"), {"sent": outbox.SENT})
        resent = session.scalars(select(OutboxItem).where(
            OutboxItem.kind == outbox.PROGRESS)).first()
        assert resent is not None
        outbox.enqueue(session, outbox.PROGRESS, resent.item_key, resent.payload,
                       version=resent.version)
        session.execute(text("UPDATE outbox SET state = :sent"), {"sent": outbox.SENT})
    with office.store.read() as session:
        before = {row.seq: row.payload for row in session.scalars(select(OutboxItem))}
    assert prune_acknowledged(office.store) > 0
    with office.store.read() as session:
        after = {row.seq: (row.kind, row.item_key, row.payload)
                 for row in session.scalars(select(OutboxItem).order_by(OutboxItem.seq))}
    dossier_rows = [payload for kind, _key, payload in after.values() if kind == outbox.DOSSIER]
    assert dossier_rows == [{"MaHoSo": code, "PhienBan": 1}, {"MaHoSo": code, "PhienBan": 2}]
    assert "Nguyễn Văn An" not in str(after)
    progress = [(seq, key, payload) for seq, (kind, key, payload) in after.items()
                if kind == outbox.PROGRESS]
    newest = {key: seq for seq, key, _payload in progress}
    for seq, key, payload in progress:
        if newest[key] == seq:
            assert payload == before[seq]
        else:
            assert payload == {"MaTienDo": key}
    assert prune_acknowledged(office.store) == 0


def test_a_restore_whose_log_is_broken_stops_unless_a_person_agrees(office: Office,
                                                                    tmp_path: Path) -> None:
    receive(office)
    with office.store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'lanhdao' WHERE id = 2"))
    made = take_backup(office.store, office.technician, tmp_path / "sao-luu", PASSPHRASE)
    receive(office, "Trần Thị Bích")
    with pytest.raises(DomainError, match="không toàn vẹn"):
        restore_store(office.store, office.technician, made.path, PASSPHRASE)
    with office.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 2
    restored = restore_store(office.store, office.technician, made.path, PASSPHRASE,
                             accept_broken_trail=True)
    assert restored.audit_breaks == 1
    with office.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 1


@SQLITE_ONLY
def test_the_command_line_stops_a_restore_whose_log_is_broken_with_exit_two(
        office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    receive(office)
    with office.store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET subject = 'X' WHERE id = 2"))
    made = take_backup(office.store, office.technician, tmp_path / "sao-luu", PASSPHRASE)
    receive(office, "Trần Thị Bích")
    monkeypatch.setenv("ONESTOP_BACKUP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("ONESTOP_PASSWORD", PASSWORD)
    data = office.store.attachments_dir.parent
    code = main(["restore", str(made.path), "--user", "quantri", "--data-dir", str(data)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "không toàn vẹn" in err
    with office.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 2
    office.store.close()

    code = main(["restore", str(made.path), "--user", "quantri", "--data-dir", str(data),
                 "--accept-broken-trail", "--json"])
    assert code == 0, capsys.readouterr().err
    reopened = open_store(data)
    try:
        with reopened.read() as session:
            assert session.scalar(select(func.count()).select_from(Dossier)) == 1
    finally:
        reopened.close()


@SQLITE_ONLY
def test_a_technician_carries_the_log_s_key_to_a_copy_on_the_command_line(
        office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONESTOP_PASSWORD", PASSWORD)
    code = receive(office)
    data = office.store.attachments_dir.parent
    carried = tmp_path / "khoa-nhat-ky"
    assert main(["audit", "key", "export", str(carried), "--user", "kythuat",
                 "--data-dir", str(data)]) == 0, capsys.readouterr().err
    assert stat.S_IMODE(carried.stat().st_mode) == 0o600
    copy = tmp_path / "quay-2"
    copy.mkdir()
    with sqlite3.connect(data / DATABASE_FILE) as source, \
            sqlite3.connect(copy / DATABASE_FILE) as target:
        source.backup(target)
    capsys.readouterr()
    assert main(["dossier", "transition", code, "in_process", "--user", "canbo",
                 "--data-dir", str(copy)]) == 2
    assert "khoá niêm phong" in capsys.readouterr().err
    assert main(["audit", "key", "install", str(carried), "--user", "kythuat",
                 "--data-dir", str(copy)]) == 0, capsys.readouterr().err
    copied = open_store(copy)
    try:
        receive(Office(copied, office.officer, office.supervisor, office.technician, office.admin),
                "Trần Thị Bích")
        assert audit.verify(copied) == []
    finally:
        copied.close()
