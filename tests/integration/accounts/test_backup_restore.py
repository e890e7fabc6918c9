"""Backup and restore of a counter's own store: everything comes back, and a file that is not a
backup, a wrong passphrase or a damaged file is refused before the current store is touched."""

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from onestop import attachments, audit, dossiers
from onestop.backup import StoreFiles, read_backup, take_backup
from onestop.backup_file import DamagedBackup, NotABackup, WrongPassphrase
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import DomainError
from onestop.restore import restore
from onestop.store.engine import DATABASE_FILE, integrity_ok, open_store
from onestop.store.models import Attachment, Dossier
from tests.conftest import Office

PASSPHRASE = "Hoa sen nở giữa đầm"
SQLITE_ONLY = pytest.mark.parametrize("office", ["sqlite"], indirect=True)


def receive_with_scan(office: Office, name: str, scan: bytes) -> str:
    code = dossiers.receive(office.store, office.officer,
                            Intake("1.004873", ApplicantInput(name))).code
    attachments.attach(office.store, office.officer, code, scan, "to-khai.pdf", "application/pdf")
    return code


def files_of(office: Office) -> StoreFiles:
    return StoreFiles.in_data_dir(office.store.attachments_dir.parent)


def fingerprint(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


@SQLITE_ONLY
def test_a_backup_brings_back_every_dossier_and_file(office: Office, tmp_path: Path) -> None:
    scans = {receive_with_scan(office, f"Người Thứ {chr(65 + n)}", os.urandom(50_000 + n)): n
             for n in range(5)}
    made = take_backup(office.store, office.technician, tmp_path / "sao-luu", PASSPHRASE)
    assert made.path.name == "sao-luu.onestop-backup"
    assert (made.contents.dossiers, made.contents.attachment_files) == (5, 5)
    assert made.contents.made_by == "kythuat"
    assert not list(tmp_path.glob("*.part"))
    assert not any(p.name.startswith(".backup-") for p in files_of(office).database.parent.iterdir())

    elsewhere = StoreFiles.in_data_dir(tmp_path / "new-pc")
    restored = restore(elsewhere, office.admin, made.path, PASSPHRASE)
    assert restored.previous_copy is None and restored.audit_breaks == 0
    copy = open_store(tmp_path / "new-pc")
    try:
        assert integrity_ok(copy)
        with copy.read() as session:
            assert set(session.scalars(select(Dossier.code))) == set(scans)
            for row in session.scalars(select(Attachment)):
                content = (elsewhere.attachments / row.sha256[:2] / row.sha256).read_bytes()
                assert hashlib.sha256(content).hexdigest() == row.sha256
            assert audit.verify_in(session) == []
            last = audit.entries_in(session, office.admin, limit=1)[0]
        assert (last.action, last.actor, last.subject) == \
            ("backup.restore", "quantri", "sao-luu.onestop-backup")
    finally:
        copy.close()


@SQLITE_ONLY
def test_restoring_over_the_current_store_keeps_it_aside(office: Office, tmp_path: Path) -> None:
    kept = receive_with_scan(office, "Người Được Giữ", b"%PDF kept")
    made = take_backup(office.store, office.technician, tmp_path / "a", PASSPHRASE)
    later = receive_with_scan(office, "Người Đến Sau", b"%PDF later")
    restored = restore(files_of(office), office.technician, made.path, PASSPHRASE)
    with office.store.read() as session:
        codes = set(session.scalars(select(Dossier.code)))
    assert kept in codes and later not in codes
    assert restored.previous_copy is not None
    with sqlite3.connect(restored.previous_copy) as aside:
        assert (later,) in aside.execute("SELECT code FROM dossiers").fetchall()
    assert integrity_ok(office.store)
    # The store goes on working after being restored under it.
    receive_with_scan(office, "Người Sau Phục Hồi", b"%PDF after")


def damaged(path: Path, at: float) -> Path:
    data = bytearray(path.read_bytes())
    data[int(len(data) * at)] ^= 0x40
    target = path.with_name(f"damaged-{at}.onestop-backup")
    target.write_bytes(bytes(data))
    return target


@SQLITE_ONLY
def test_a_bad_file_is_refused_and_the_current_store_is_untouched(office: Office,
                                                                  tmp_path: Path) -> None:
    receive_with_scan(office, "Người Ở Lại", b"%PDF stays")
    made = take_backup(office.store, office.technician, tmp_path / "good", PASSPHRASE)
    receive_with_scan(office, "Người Mới Hơn", b"%PDF newer")
    office.store.close()
    files = files_of(office)
    before = fingerprint(files.database)
    before_files = sorted(p.name for p in files.attachments.rglob("*"))
    zip_file = tmp_path / "anh.zip"
    zip_file.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    cut = tmp_path / "cut.onestop-backup"
    cut.write_bytes(made.path.read_bytes()[: made.size // 2])
    refusals: list[tuple[Path, str, type[DomainError], str]] = [
        (zip_file, PASSPHRASE, NotABackup, "không phải bản sao lưu OneStop"),
        (files.database, PASSPHRASE, NotABackup, "không phải bản sao lưu OneStop"),
        (made.path, "sai mat khau roi", WrongPassphrase, "Sai mật khẩu sao lưu"),
        (damaged(made.path, 0.5), PASSPHRASE, DamagedBackup, "bị hỏng"),
        (damaged(made.path, 0.999), PASSPHRASE, DamagedBackup, "bị hỏng"),
        (cut, PASSPHRASE, DamagedBackup, "bị hỏng"),
    ]
    for source, passphrase, refusal, says in refusals:
        with pytest.raises(refusal, match=says):
            restore(files, office.technician, source, passphrase)
        assert fingerprint(files.database) == before
        assert sorted(p.name for p in files.attachments.rglob("*")) == before_files
        assert [p.name for p in files.database.parent.iterdir()
                if p.name.startswith((".restore-", "onestop-before"))] == []


@SQLITE_ONLY
def test_a_backup_from_a_newer_program_is_refused(office: Office, tmp_path: Path) -> None:
    with office.store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    made = take_backup(office.store, office.technician, tmp_path / "newer", PASSPHRASE)
    elsewhere = StoreFiles.in_data_dir(tmp_path / "other")
    with pytest.raises(DomainError, match="phiên bản OneStop mới hơn"):
        restore(elsewhere, office.technician, made.path, PASSPHRASE)
    assert not elsewhere.database.exists()


@SQLITE_ONLY
def test_a_store_that_no_longer_opens_is_replaced_and_kept_aside(office: Office,
                                                                 tmp_path: Path) -> None:
    code = receive_with_scan(office, "Người Cần Cứu", b"%PDF rescue")
    made = take_backup(office.store, office.technician, tmp_path / "rescue", PASSPHRASE)
    office.store.close()
    files = files_of(office)
    for suffix in ("-wal", "-shm"):
        Path(f"{files.database}{suffix}").unlink(missing_ok=True)
    files.database.write_bytes(b"\x00" * 8192)
    restored = restore(files, office.technician, made.path, PASSPHRASE)
    assert restored.previous_copy is not None
    assert restored.previous_copy.read_bytes() == b"\x00" * 8192
    store = open_store(files.database.parent)
    try:
        with store.read() as session:
            assert session.scalar(select(func.count()).where(Dossier.code == code)) == 1
    finally:
        store.close()


@SQLITE_ONLY
def test_a_missing_scan_is_named_in_the_backup_not_fatal(office: Office, tmp_path: Path) -> None:
    receive_with_scan(office, "Người Mất Tệp", b"%PDF lost")
    sha = hashlib.sha256(b"%PDF lost").hexdigest()
    (office.store.attachments_dir / sha[:2] / sha).unlink()
    made = take_backup(office.store, office.technician, tmp_path / "gap", PASSPHRASE)
    assert made.contents.missing_attachments == (sha,)
    assert read_backup(made.path, PASSPHRASE).missing_attachments == (sha,)
    restored = restore(StoreFiles.in_data_dir(tmp_path / "other"), office.technician, made.path,
                       PASSPHRASE)
    assert restored.contents.missing_attachments == (sha,)


@pytest.mark.parametrize("office", ["postgres"], indirect=True)
def test_a_server_backup_is_not_put_into_a_counters_own_store(office: Office,
                                                             tmp_path: Path) -> None:
    made = take_backup(office.store, office.technician, tmp_path / "pg", PASSPHRASE)
    elsewhere = StoreFiles.in_data_dir(tmp_path / "counter")
    with pytest.raises(DomainError, match="máy chủ PostgreSQL của cơ quan"):
        restore(elsewhere, office.technician, made.path, PASSPHRASE)
    assert not elsewhere.database.exists()


@SQLITE_ONLY
def test_a_missing_target_folder_is_a_plain_message(office: Office, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="Không có thư mục"):
        take_backup(office.store, office.technician, tmp_path / "no" / "such" / "b", PASSPHRASE)
    assert not (tmp_path / "no").exists()
    assert [p for p in Path(office.store.attachments_dir.parent).iterdir()
            if p.name.startswith(".backup-")] == []
    assert (Path(office.store.attachments_dir.parent) / DATABASE_FILE).exists()
