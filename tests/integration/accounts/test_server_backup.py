"""Backup and restore of an office's PostgreSQL server: everything comes back over a changed or a
new database, and a wrong passphrase, a damaged file, a counter's own backup or a computer without
pg_dump are refused with the office's data as it was. The server's password reaches pg_dump only
through its password file."""

import hashlib
import io
import os
import shutil
import stat
import tarfile
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select, text

from onestop import audit
from onestop.backup import take_backup
from onestop.backup_file import BackupReader, DamagedBackup, WrongPassphrase
from onestop.errors import DomainError
from onestop.restore import restore_onto_server
from onestop.store.engine import Store, open_store
from onestop.store.models import Attachment, Dossier
from tests.conftest import Office, set_up_office
from tests.integration.accounts.test_backup_restore import PASSPHRASE, damaged, receive_with_scan
from tests.postgres_server import PostgresServer

SERVER_ONLY = pytest.mark.parametrize("office", ["postgres"], indirect=True)


def codes_in(store: Store) -> set[str]:
    with store.read() as session:
        return set(session.scalars(select(Dossier.code)))


def fingerprint(store: Store) -> str:
    """Every row of every table of the store."""
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        tables = connection.execute(text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "ORDER BY table_name")).scalars().all()
        for table in tables:
            rows = connection.execute(text(
                f'SELECT md5(coalesce(string_agg(t::text, \',\' ORDER BY t::text), \'\')) '
                f'FROM "{table}" t')).scalar_one()
            digest.update(f"{table}:{rows}\n".encode())
    return digest.hexdigest()


def scratch_databases(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        return list(connection.execute(text(
            "SELECT datname FROM pg_database WHERE datname LIKE :prefix"),
            {"prefix": f"{store.engine.url.database}_restore_%"}).scalars())


def leftovers(store: Store) -> list[str]:
    return [p.name for p in store.attachments_dir.parent.iterdir()
            if p.name.startswith((".backup-", ".restore-"))]


@SERVER_ONLY
def test_a_server_backup_brings_back_every_dossier_and_file(office: Office,
                                                            tmp_path: Path) -> None:
    scans = {receive_with_scan(office, f"Người Thứ {chr(65 + n)}", os.urandom(40_000 + n)): n
             for n in range(4)}
    made = take_backup(office.store, office.technician, tmp_path / "may-chu", PASSPHRASE)
    assert (made.contents.store_kind, made.contents.dossiers) == ("postgresql", 4)
    assert made.contents.attachment_files == 4 and made.contents.missing_attachments == ()
    assert leftovers(office.store) == []

    receive_with_scan(office, "Người Đến Sau", b"%PDF later")
    with office.store.read() as session:
        shas = list(session.scalars(select(Attachment.sha256)))
    lost = office.store.attachments_dir / shas[0][:2] / shas[0]
    lost.unlink()
    restored = restore_onto_server(office.store, office.admin, made.path, PASSPHRASE)

    assert restored.audit_breaks == 0
    assert codes_in(office.store) == set(scans)
    assert lost.is_file()
    assert restored.previous_copy is not None
    assert stat.S_IMODE(restored.previous_copy.stat().st_mode) == 0o600
    assert scratch_databases(office.store) == [] and leftovers(office.store) == []
    with office.store.read() as session:
        assert audit.verify_in(session) == []
        last = audit.entries_in(session, office.admin, limit=1)[0]
    assert (last.action, last.actor, last.subject) == \
        ("backup.restore", "quantri", "may-chu.onestop-backup")
    # The counters go on working on the restored server.
    after = receive_with_scan(office, "Người Sau Phục Hồi", b"%PDF after")
    assert codes_in(office.store) == set(scans) | {after}


@SERVER_ONLY
def test_a_server_backup_fills_a_new_server(office: Office, postgres: PostgresServer,
                                            tmp_path: Path) -> None:
    codes = {receive_with_scan(office, "Người Chuyển Máy", b"%PDF moved")}
    made = take_backup(office.store, office.technician, tmp_path / "chuyen", PASSPHRASE)
    new_url = postgres.new_database()
    empty = open_store(tmp_path / "new-server", new_url)
    try:
        set_up_office(empty)
        restore_onto_server(empty, office.admin, made.path, PASSPHRASE)
    finally:
        empty.close()
    reopened = open_store(tmp_path / "new-server", new_url)
    try:
        assert codes_in(reopened) == codes
        with reopened.read() as session:
            assert audit.verify_in(session) == []
            sha = session.scalars(select(Attachment.sha256)).one()
        assert (reopened.attachments_dir / sha[:2] / sha).read_bytes() == b"%PDF moved"
    finally:
        reopened.close()


@SERVER_ONLY
def test_refused_restores_leave_the_server_as_it_was(office: Office, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    receive_with_scan(office, "Người Ở Lại", b"%PDF stays")
    made = take_backup(office.store, office.technician, tmp_path / "good", PASSPHRASE)
    receive_with_scan(office, "Người Mới Hơn", b"%PDF newer")
    counter = open_store(tmp_path / "counter")
    try:
        counter_backup = take_backup(counter, set_up_office(counter).technician,
                                     tmp_path / "counter", PASSPHRASE)
    finally:
        counter.close()
    before = fingerprint(office.store)
    refusals: list[tuple[Path, str, type[DomainError], str]] = [
        (made.path, "sai mat khau roi", WrongPassphrase, "Sai mật khẩu sao lưu"),
        (damaged(made.path, 0.5), PASSPHRASE, DamagedBackup, "bị hỏng"),
        (damaged(made.path, 0.999), PASSPHRASE, DamagedBackup, "bị hỏng"),
        (counter_backup.path, PASSPHRASE, DomainError, "dữ liệu đặt tại một quầy"),
    ]
    for source, passphrase, refusal, says in refusals:
        with pytest.raises(refusal, match=says):
            restore_onto_server(office.store, office.technician, source, passphrase)
        assert fingerprint(office.store) == before
        assert scratch_databases(office.store) == [] and leftovers(office.store) == []

    no_programs = tmp_path / "no-programs"
    no_programs.mkdir()
    monkeypatch.setenv("PATH", str(no_programs))
    with pytest.raises(DomainError, match="chưa có chương trình pg_dump"):
        restore_onto_server(office.store, office.technician, made.path, PASSPHRASE)
    with pytest.raises(DomainError, match="chưa có chương trình pg_dump"):
        take_backup(office.store, office.technician, tmp_path / "none", PASSPHRASE)
    assert fingerprint(office.store) == before
    assert not (tmp_path / "none.onestop-backup").exists()


def _recording(folder: Path, program: str, log: Path, passfiles: Path) -> None:
    real = shutil.which(program)
    assert real is not None
    script = folder / program
    script.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$*\" >> '{log}'\n"
        f"env | grep '^PG' | grep -v '^PGPASSFILE=' >> '{log}'\n"
        f"stat -c %a \"$PGPASSFILE\" >> '{passfiles}'\n"
        f"cat \"$PGPASSFILE\" >> '{passfiles}'\n"
        f"exec '{real}' \"$@\"\n")
    script.chmod(0o755)


def decrypted(path: Path) -> bytes:
    with path.open("rb") as raw:
        return BackupReader(raw, PASSPHRASE).read()


@SERVER_ONLY
def test_the_server_password_stays_out_of_arguments_and_the_backup(
        office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    password = "Mật:khẩu\\máy-chủ-42"
    url = office.store.engine.url
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as connection:
        connection.execute(f"CREATE ROLE quay_mot LOGIN SUPERUSER PASSWORD '{password}'")
    try:
        counter = open_store(office.store.attachments_dir.parent,
                             url.set(username="quay_mot", password=password)
                             .render_as_string(hide_password=False))
        wrappers, log, passfiles = tmp_path / "bin", tmp_path / "args.log", tmp_path / "pass.log"
        wrappers.mkdir()
        for program in ("pg_dump", "pg_restore"):
            _recording(wrappers, program, log, passfiles)
        monkeypatch.setenv("PATH", f"{wrappers}{os.pathsep}{os.environ['PATH']}")
        monkeypatch.setenv("PGPASSWORD", "the computer's own")
        try:
            code = receive_with_scan(office, "Người Bí Mật", b"%PDF secret")
            made = take_backup(counter, office.technician, tmp_path / "mat", PASSPHRASE)
            restore_onto_server(counter, office.admin, made.path, PASSPHRASE)
            assert code in codes_in(counter)
        finally:
            counter.close()
    finally:
        with psycopg.connect(url.set(drivername="postgresql").render_as_string(
                hide_password=False), autocommit=True) as connection:
            connection.execute("REASSIGN OWNED BY quay_mot TO CURRENT_USER")
            connection.execute("DROP ROLE quay_mot")
    recorded = log.read_text()
    assert "--format=custom" in recorded and "--clean" in recorded
    assert "PGUSER=quay_mot" in recorded
    assert "khẩu" not in recorded and "PGPASSWORD" not in recorded
    escaped = "*:*:*:*:Mật\\:khẩu\\\\máy-chủ-42"
    assert passfiles.read_text().split("\n")[:2] == ["600", escaped]
    contents = decrypted(made.path)
    assert password.encode() not in contents
    with tarfile.open(fileobj=io.BytesIO(contents)) as tar:
        manifest = tar.extractfile("manifest.json")
        assert manifest is not None
        assert "khẩu" not in manifest.read().decode()


@SERVER_ONLY
def test_an_account_that_may_not_make_a_scratch_database_is_told_what_to_ask(
        office: Office, tmp_path: Path) -> None:
    made = take_backup(office.store, office.technician, tmp_path / "quyen", PASSPHRASE)
    url = office.store.engine.url
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("CREATE ROLE quay_hai LOGIN")
        connection.execute("GRANT pg_read_all_data TO quay_hai")
    try:
        counter = open_store(office.store.attachments_dir.parent,
                             url.set(username="quay_hai").render_as_string(hide_password=False))
        try:
            before = fingerprint(counter)
            with pytest.raises(DomainError, match="ALTER ROLE quay_hai CREATEDB") as refusal:
                restore_onto_server(counter, office.admin, made.path, PASSPHRASE)
            assert refusal.value.kind == "not_allowed"
            assert fingerprint(counter) == before and leftovers(counter) == []
        finally:
            counter.close()
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("DROP ROLE quay_hai")
