"""Backing up the counter's store while the counter keeps working: a consistent copy of the SQLite
database, or a pg_dump of the office's PostgreSQL server, and the attachment files it names,
packed into one encrypted file that is read back in full before the backup is called done."""

import hashlib
import io
import json
import os
import re
import sqlite3
import tarfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from onestop import audit, audit_key, pg_tools
from onestop.backup_file import BackupReader, BackupWriter, DamagedBackup, check_passphrase
from onestop.backup_leftovers import BACKUP_WORK, work_folder
from onestop.backup_server import DUMP_MEMBER, POSTGRESQL, SQLITE, dump_store, store_facts
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.outbox_pruning import prune_acknowledged
from onestop.private_files import PRIVATE_FILE, make_private, write_private
from onestop.roles import Actor, require
from onestop.settings import SCHEMA
from onestop.store.engine import ATTACHMENTS_FOLDER, DATABASE_FILE, Store
from onestop.store_health import BACKUP_SUFFIX as BACKUP_SUFFIX

MANIFEST = "manifest.json"
# The key that seals the audit chain travels inside the encrypted backup, so that a store put
# back on a new computer can still prove its log and go on writing it.
AUDIT_KEY_MEMBER = "audit-key"
_ATTACHMENT_NAME = re.compile(rf"^{ATTACHMENTS_FOLDER}/([0-9a-f]{{2}})/(\1[0-9a-f]{{62}})$")
_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class StoreFiles:
    """Where an embedded store lives: its database file and its attachment folder."""

    database: Path
    attachments: Path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> "StoreFiles":
        return cls(data_dir / DATABASE_FILE, data_dir / ATTACHMENTS_FOLDER)


def store_files(store: Store) -> StoreFiles:
    """The files of an embedded (SQLite) store."""
    assert store.is_sqlite and store.engine.url.database
    return StoreFiles(Path(store.engine.url.database), store.attachments_dir)


def data_folder(store: Store) -> Path:
    """The folder of this computer where the store keeps its attachments and audit key."""
    return store.attachments_dir.parent


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, as its manifest says and its reading confirmed."""

    created_at: datetime
    made_by: str
    agency_code: str
    counter_code: str
    schema_revision: str
    dossiers: int
    attachment_files: int
    attachment_bytes: int
    missing_attachments: tuple[str, ...]
    # SQLITE for a counter's own store, POSTGRESQL for an office's server
    store_kind: str


@dataclass(frozen=True)
class BackupMade:
    path: Path
    size: int
    contents: BackupContents
    seconds: float


def copy_database(source: Path, target: Path) -> None:
    """The sqlite backup API in one step: one read transaction, so one consistent moment."""
    with closing(sqlite3.connect(source, timeout=30)) as origin, \
            closing(sqlite3.connect(target, timeout=30)) as copy:
        origin.backup(copy)


def settle(database: Path) -> None:
    """One self-contained file: the write-ahead log folded in and switched off."""
    with closing(sqlite3.connect(database, timeout=30)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")


def database_ok(database: Path) -> bool:
    try:
        with closing(sqlite3.connect(database, timeout=30)) as connection:
            return bool(connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False


_DEFAULTS = {name: SCHEMA[name].default for name in ("agency.code", "counter.code")}


def _sqlite_snapshot(store: Store, work: Path) -> tuple[Path, dict[str, Any], list[str]]:
    snapshot = work / DATABASE_FILE
    copy_database(store_files(store).database, snapshot)
    settle(snapshot)
    if not database_ok(snapshot):
        raise DomainError(_("Dữ liệu hiện tại bị lỗi (kiểm tra toàn vẹn không đạt); không "
                            "sao lưu đè lên bản tốt. Hãy phục hồi từ bản sao lưu gần nhất."))
    with closing(sqlite3.connect(snapshot)) as connection:
        facts, named = store_facts(lambda sql: connection.execute(sql).fetchall(), _DEFAULTS)
    return snapshot, {**facts, "store": SQLITE}, named


def _server_snapshot(store: Store, work: Path) -> tuple[Path, dict[str, Any], list[str]]:
    dump, facts, named = dump_store(store, work, _DEFAULTS)
    return dump, {**facts, "store": POSTGRESQL}, named


def _drain(source: IO[bytes], target: BinaryIO | None = None) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while block := source.read(_BLOCK):
        digest.update(block)
        size += len(block)
        if target is not None:
            target.write(block)
    return digest.hexdigest(), size


class _Hashing:
    """Reads a file for tarfile while hashing it, to notice a damaged attachment on the way."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        block = self._source.read(size)
        self.digest.update(block)
        return block


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> str:
    info = tarfile.TarInfo(name)
    with path.open("rb") as source:
        info.size = os.fstat(source.fileno()).st_size
        hashing = _Hashing(source)
        tar.addfile(info, cast(BinaryIO, hashing))
    return hashing.digest.hexdigest()


def _pack(target: BinaryIO, passphrase: str, snapshot: Path, attachments: Path,
          manifest: dict[str, Any], named: list[str], chain_key: bytes | None) -> None:
    writer = BackupWriter(target, passphrase)
    unusable: list[str] = []
    files = size = 0
    with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        manifest["database_sha256"] = _add_file(tar, snapshot.name, snapshot)
        for sha in named:
            path = attachments / sha[:2] / sha
            if not path.is_file():
                unusable.append(sha)
                continue
            if _add_file(tar, f"{ATTACHMENTS_FOLDER}/{sha[:2]}/{sha}", path) != sha:
                unusable.append(sha)
            files += 1
            size += path.stat().st_size
        manifest.update(attachment_files=files, attachment_bytes=size,
                        missing_attachments=unusable)
        if chain_key is not None:
            info = tarfile.TarInfo(AUDIT_KEY_MEMBER)
            info.size = len(chain_key.hex())
            tar.addfile(info, io.BytesIO(chain_key.hex().encode()))
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    writer.finish()


def take_backup(store: Store, actor: Actor, target: Path, passphrase: str) -> BackupMade:
    """Copy the store and its attachments into one encrypted file at `target`, then read the file
    back; `target` appears only once the copy in it checks out."""
    require(actor, "backup.run")
    check_passphrase(passphrase)
    if not store.is_sqlite:
        pg_tools.program("pg_dump")
        pg_tools.program("pg_restore")
    started = time.monotonic()
    target = target if target.name.endswith(BACKUP_SUFFIX) else \
        target.with_name(target.name + BACKUP_SUFFIX)
    if not target.parent.is_dir():
        raise DomainError(_("Không có thư mục {0}.").format(target.parent), field="target")
    partial = target.with_name(target.name + ".part")
    prune_acknowledged(store)
    with work_folder(data_folder(store), BACKUP_WORK) as work:
        snapshot, facts, named = (_sqlite_snapshot if store.is_sqlite else _server_snapshot)(
            store, work)
        manifest = {"format": "onestop-backup", "created_at": datetime.now(UTC).isoformat(),
                    "made_by": actor.username, **facts}
        try:
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                                   PRIVATE_FILE), "wb") as out:
                make_private(partial)
                _pack(out, passphrase, snapshot, store.attachments_dir, manifest, named,
                      store.audit_key)
                out.flush()
                os.fsync(out.fileno())
            contents = read_backup(partial, passphrase)
            if contents.attachment_files != manifest["attachment_files"]:
                raise DamagedBackup(_("Bản sao lưu vừa ghi đọc lại không khớp; hãy thử ổ đĩa "
                                      "khác."))
            os.replace(partial, target)
        except OSError as error:
            raise DomainError(_("Không ghi được bản sao lưu vào {0}: {1}").format(
                target, error.strerror or error)) from None
        finally:
            partial.unlink(missing_ok=True)
    with store.write() as session:
        audit.record(session, actor, "backup.create", target.name,
                     {"dossiers": contents.dossiers, "files": contents.attachment_files,
                      "missing": len(contents.missing_attachments)})
    return BackupMade(target, target.stat().st_size, contents, time.monotonic() - started)


def _contents(manifest: dict[str, Any]) -> BackupContents:
    try:
        return BackupContents(
            created_at=datetime.fromisoformat(manifest["created_at"]),
            made_by=str(manifest["made_by"]), agency_code=str(manifest["agency_code"]),
            counter_code=str(manifest["counter_code"]),
            schema_revision=str(manifest["schema_revision"]), dossiers=int(manifest["dossiers"]),
            attachment_files=int(manifest["attachment_files"]),
            attachment_bytes=int(manifest["attachment_bytes"]),
            missing_attachments=tuple(manifest["missing_attachments"]),
            store_kind=str(manifest.get("store", SQLITE)))
    except (KeyError, TypeError, ValueError):
        raise DamagedBackup(_("Tệp sao lưu thiếu phần mô tả.")) from None


def _manifest(body: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(body)
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != "onestop-backup":
        raise DamagedBackup(_("Tệp sao lưu thiếu phần mô tả."))
    return manifest


def _member_target(name: str, into: Path | None) -> Path | None:
    if into is None:
        return None
    if name in (DATABASE_FILE, DUMP_MEMBER):
        return into / name
    match = _ATTACHMENT_NAME.match(name)
    assert match is not None
    folder = into / ATTACHMENTS_FOLDER / match.group(1)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / match.group(2)


def _unpack_key(text: bytes, into: Path | None) -> None:
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except ValueError:
        raise DamagedBackup(_("Tệp sao lưu chứa phần lạ: {0}.").format(AUDIT_KEY_MEMBER)) \
            from None
    if into is not None:
        write_private(audit_key.key_file(into, audit_key.key_id(key)), key.hex().encode())


def read_backup(source: Path, passphrase: str, into: Path | None = None) -> BackupContents:
    """Open, decrypt and check a whole backup; with `into`, also unpack it there.
    Raises NotABackup, WrongPassphrase or DamagedBackup."""
    try:
        with source.open("rb") as raw:
            return _read(BackupReader(raw, passphrase), into)
    except tarfile.TarError:
        raise DamagedBackup(_("Tệp sao lưu bị hỏng (cấu trúc bên trong không đọc được).")) \
            from None
    except (IsADirectoryError, FileNotFoundError, PermissionError) as error:
        raise DomainError(_("Không mở được {0}: {1}").format(source, error.strerror)) from None


def _blocks(source: IO[bytes], digest: "hashlib._Hash") -> Iterator[bytes]:
    while block := source.read(_BLOCK):
        digest.update(block)
        yield block


def _check_dump(content: IO[bytes], target: Path | None) -> str:
    """The dump's digest, once pg_restore read its table of contents."""
    digest = hashlib.sha256()
    if target is None:
        pg_tools.check_dump(_blocks(content, digest))
    else:
        with target.open("wb") as out:
            pg_tools.check_dump(_blocks(content, digest), out)
    return digest.hexdigest()


def _read(reader: BackupReader, into: Path | None) -> BackupContents:
    database_sha = ""
    database_kind = ""
    manifest: dict[str, Any] | None = None
    attachment_files = 0
    with tarfile.open(fileobj=reader, mode="r|") as tar:
        for member in tar:
            name = member.name
            known = name in (DATABASE_FILE, DUMP_MEMBER, AUDIT_KEY_MEMBER) \
                or _ATTACHMENT_NAME.match(name)
            if manifest is not None or not member.isfile() or not (known or name == MANIFEST):
                raise DamagedBackup(_("Tệp sao lưu chứa phần lạ: {0}.").format(name))
            content = tar.extractfile(member)
            assert content is not None
            if name == MANIFEST:
                manifest = _manifest(content.read(1024 * 1024))
                continue
            if name == AUDIT_KEY_MEMBER:
                _unpack_key(content.read(1024), into)
                continue
            target = _member_target(name, into)
            if name == DUMP_MEMBER:
                database_sha, database_kind = _check_dump(content, target), POSTGRESQL
                continue
            if target is None:
                digest, _size = _drain(content)
            else:
                with target.open("wb") as out:
                    digest, _size = _drain(content, out)
            if name == DATABASE_FILE:
                database_sha, database_kind = digest, SQLITE
            else:
                attachment_files += 1
    if manifest is None:
        raise DamagedBackup(_("Tệp sao lưu thiếu phần mô tả."))
    contents = _contents(manifest)
    if not database_sha or database_sha != manifest.get("database_sha256") \
            or database_kind != contents.store_kind \
            or attachment_files != contents.attachment_files:
        raise DamagedBackup(_("Nội dung tệp sao lưu không khớp phần mô tả."))
    return contents
