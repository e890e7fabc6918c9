"""Putting a backup back. The backup is unpacked and checked beside the store first (on an
office's server: in a scratch database there); the store is touched only once that copy has passed
every check, and the store it replaces is kept aside."""

import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import select

from onestop import audit, audit_key, pg_tools
from onestop.backup import (
    BackupContents,
    StoreFiles,
    copy_database,
    data_folder,
    database_ok,
    read_backup,
    settle,
    store_files,
)
from onestop.backup_file import DamagedBackup
from onestop.backup_leftovers import RESTORE_WORK, work_folder
from onestop.backup_server import DUMP_MEMBER, POSTGRESQL, SQLITE
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.private_files import create_private, make_private
from onestop.restore_server import scratch_database
from onestop.roles import Actor, require
from onestop.store import migrations
from onestop.store.engine import ATTACHMENTS_FOLDER, DATABASE_FILE, Store, open_store
from onestop.store.models import Attachment
from onestop.workdays import LOCAL_ZONE


class BrokenTrail(DomainError):
    """The backup's audit log does not check out; restoring it needs a person's explicit yes."""


@dataclass(frozen=True)
class Restored:
    contents: BackupContents
    audit_breaks: int
    previous_copy: Path | None
    seconds: float


def _known_revision(revision: str) -> bool:
    scripts = ScriptDirectory(str(Path(migrations.__file__).parent))
    return revision in {script.revision for script in scripts.walk_revisions()}


def _same_kind(contents: BackupContents, kind: str) -> None:
    if contents.store_kind == kind:
        return
    if kind == POSTGRESQL:
        raise DomainError(_("Đây là bản sao lưu dữ liệu đặt tại một quầy (SQLite), không phục hồi "
                            "lên máy chủ PostgreSQL được. Hãy phục hồi nó vào thư mục dữ liệu của "
                            "quầy (--data-dir)."))
    raise DomainError(_("Đây là bản sao lưu máy chủ PostgreSQL của cơ quan, không phục hồi vào "
                        "dữ liệu đặt tại quầy được. Hãy phục hồi nó lên máy chủ (--database-url)."))


def _check_staged(staging: Path, contents: BackupContents, actor: Actor,
                  source_name: str, live_attachments: Path, accept_broken_trail: bool,
                  url: str | None = None) -> tuple[int, bytes | None]:
    """Open the unpacked copy (or the scratch database at `url` it was put into) as a store,
    bringing its schema up to date, check its audit chain and its files, and log the restore in
    it; returns the number of audit breaks found and the key that seals its chain."""
    if url is None and not database_ok(staging / DATABASE_FILE):
        raise DamagedBackup(_("Cơ sở dữ liệu trong bản sao lưu bị lỗi (kiểm tra toàn vẹn không "
                              "đạt)."))
    if not _known_revision(contents.schema_revision):
        raise DomainError(_("Bản sao lưu được tạo bởi phiên bản OneStop mới hơn; hãy cập nhật "
                            "chương trình trước khi phục hồi."))
    staged = open_store(staging, url)
    try:
        breaks = audit.verify(staged)
        if breaks and not accept_broken_trail:
            raise BrokenTrail(_("Nhật ký trong bản sao lưu không toàn vẹn ({0} chỗ: {1}); chỉ "
                                "phục hồi khi người có thẩm quyền đồng ý rõ ràng.").format(
                len(breaks), " ".join(b.describe() for b in breaks[:3])))
        if staged.audit_key is None:
            raise BrokenTrail(_("Bản sao lưu không mang khoá niêm phong nhật ký của nó nên không "
                                "ghi tiếp được vào nhật ký sau khi phục hồi."))
        with staged.write() as session:
            named = set(session.scalars(select(Attachment.sha256).distinct()))
            absent = {sha for sha in named
                      if not (staging / ATTACHMENTS_FOLDER / sha[:2] / sha).is_file()
                      and not (live_attachments / sha[:2] / sha).is_file()}
            if absent - set(contents.missing_attachments):
                raise DamagedBackup(_("Bản sao lưu thiếu {0} tệp đính kèm mà hồ sơ cần.").format(
                    len(absent)))
            audit.record(session, actor, "backup.restore", source_name,
                         {"created_at": contents.created_at.isoformat(),
                          "made_by": contents.made_by, "dossiers": contents.dossiers,
                          "audit_breaks": len(breaks)})
    finally:
        staged.close()
    return len(breaks), staged.audit_key


def _move_attachments(staging: Path, live: Path) -> None:
    """Files are named by their content, so one already there is the same file."""
    for folder in sorted((staging / ATTACHMENTS_FOLDER).iterdir()):
        for path in folder.iterdir():
            target = live / folder.name / path.name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)


def _move_aside(live: Path, aside: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path = live.with_name(live.name + suffix)
        if path.exists():
            os.replace(path, aside.with_name(aside.name + suffix))


def _put_in_place(staged: Path, live: Path) -> Path | None:
    if not live.exists():
        os.replace(staged, live)
        return None
    stamp = datetime.now(LOCAL_ZONE).strftime("%Y%m%d-%H%M%S")
    aside = live.with_name(f"{live.stem}-before-restore-{stamp}{live.suffix}")
    try:
        copy_database(live, aside)
        make_private(aside)
        settle(aside)
        # Written through SQLite under its own locks, as one transaction, so a counter that still
        # has the store open never reads a half-copied file.
        copy_database(staged, live)
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError:
        # The current store cannot even be read, which is often why it is being restored.
        aside.unlink(missing_ok=True)
        _move_aside(live, aside)
        os.replace(staged, live)
    return aside


def restore(files: StoreFiles, actor: Actor, source: Path, passphrase: str, *,
            accept_broken_trail: bool = False) -> Restored:
    """Put the backup back in place of the store. A backup whose audit log does not check out
    raises BrokenTrail unless `accept_broken_trail` (a person saw the breaks and said yes)."""
    require(actor, "backup.run")
    started = time.monotonic()
    files.database.parent.mkdir(parents=True, exist_ok=True)
    files.attachments.mkdir(parents=True, exist_ok=True)
    with work_folder(files.database.parent, RESTORE_WORK) as staging:
        contents = read_backup(source, passphrase, into=staging)
        _same_kind(contents, SQLITE)
        (staging / ATTACHMENTS_FOLDER).mkdir(exist_ok=True)
        breaks, chain_key = _check_staged(staging, contents, actor, source.name,
                                          files.attachments, accept_broken_trail)
        settle(staging / DATABASE_FILE)
        if chain_key is not None:
            audit_key.keep_key(files.database.parent, chain_key)
        _move_attachments(staging, files.attachments)
        previous = _put_in_place(staging / DATABASE_FILE, files.database)
    make_private(files.database)
    return Restored(contents, breaks, previous, time.monotonic() - started)


def _dump_aside(environment: dict[str, str], data_dir: Path) -> Path | None:
    """The server's data as it is now, into an owner-only file beside the store; None when the
    server's data cannot even be dumped, which is often why it is being restored."""
    stamp = datetime.now(LOCAL_ZONE).strftime("%Y%m%d-%H%M%S")
    aside = data_dir / f"onestop-before-restore-{stamp}.pgdump"
    create_private(aside)
    try:
        pg_tools.dump(environment, aside)
    except pg_tools.ToolFailed:
        aside.unlink(missing_ok=True)
        return None
    return aside


def restore_onto_server(store: Store, actor: Actor, source: Path, passphrase: str, *,
                        accept_broken_trail: bool = False) -> Restored:
    """Put a backup of the office's server back onto it. The backup goes into a scratch
    database on the same server first, where it is brought up to date and checked; the office's
    database is then replaced in one transaction, so a failure leaves it as it was."""
    require(actor, "backup.run")
    pg_tools.program("pg_dump")
    pg_tools.program("pg_restore")
    started = time.monotonic()
    data_dir = data_folder(store)
    with work_folder(data_dir, RESTORE_WORK) as staging:
        contents = read_backup(source, passphrase, into=staging)
        _same_kind(contents, POSTGRESQL)
        (staging / ATTACHMENTS_FOLDER).mkdir(exist_ok=True)
        checked = staging / f"checked-{DUMP_MEMBER}"
        with scratch_database(store.engine) as scratch:
            scratch_environment = pg_tools.connection_environment(scratch, staging)
            pg_tools.restore(scratch_environment, staging / DUMP_MEMBER, clean=False)
            breaks, chain_key = _check_staged(
                staging, contents, actor, source.name, store.attachments_dir,
                accept_broken_trail, scratch.render_as_string(hide_password=False))
            pg_tools.dump(scratch_environment, checked)
        environment = pg_tools.connection_environment(store.engine.url, staging)
        previous = _dump_aside(environment, data_dir)
        store.engine.dispose()
        pg_tools.restore(environment, checked, clean=True)
        if chain_key is not None:
            audit_key.keep_key(data_dir, chain_key)
        _move_attachments(staging, store.attachments_dir)
    return Restored(contents, breaks, previous, time.monotonic() - started)


def restore_store(store: Store, actor: Actor, source: Path, passphrase: str, *,
                  accept_broken_trail: bool = False) -> Restored:
    """Put the backup back in place of the store open, on this counter or the office's server."""
    if store.is_sqlite:
        return restore(store_files(store), actor, source, passphrase,
                       accept_broken_trail=accept_broken_trail)
    return restore_onto_server(store, actor, source, passphrase,
                               accept_broken_trail=accept_broken_trail)
