"""Opening the counter's store: embedded SQLite by default, PostgreSQL for offices with several counters."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from onestop import audit, audit_key, store_health
from onestop.backup_leftovers import remove_leftovers
from onestop.data_dir import default_data_dir
from onestop.errors import DomainError
from onestop.private_files import create_private, make_private, private_folder
from onestop.store.migrations import upgrade

DATABASE_FILE = "onestop.sqlite3"
ATTACHMENTS_FOLDER = "attachments"
SLIPS_FOLDER = "slips"


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off so that writes can start with
    # BEGIN IMMEDIATE (taking the write lock up front, no deadlock between two counters' processes).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    writing = connection.get_execution_options().get("onestop_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


@dataclass
class Store:
    engine: Engine
    attachments_dir: Path
    _sessions: sessionmaker[Session]
    audit_key: bytes | None = field(default=None, repr=False)
    # Why the store takes no writes (its file is damaged), or None.
    damage: str | None = None
    maintained_on: date | None = None
    opening_check: store_health.OpeningCheck | None = field(default=None, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            session.info[audit.AUDIT_KEY] = self.audit_key
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything inside commits together or not at all."""
        self._await_opening_check()
        if self.damage is not None:
            raise DomainError(self.damage)
        with self._sessions() as session:
            session.info[audit.AUDIT_KEY] = self.audit_key
            session.connection(execution_options={"onestop_write": True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def _await_opening_check(self) -> None:
        check = self.opening_check
        if check is not None:
            if not check.sound() and self.damage is None:
                self.damage = store_health.damage_message(_backup_folder(self))
            self.opening_check = None

    def close(self) -> None:
        if self.opening_check is not None:
            self.opening_check.stop()
        self.engine.dispose()


def open_store(data_dir: Path | None = None, url: str | None = None) -> Store:
    """Open (and upgrade) the store in data_dir, or on the server that url names."""
    if url is None:
        if data_dir is None:
            raise ValueError("a data dir or a database URL is needed")
        private_folder(data_dir)
        if not (data_dir / DATABASE_FILE).exists():
            # SQLite gives the WAL and SHM files the database file's mode.
            create_private(data_dir / DATABASE_FILE)
        url = f"sqlite:///{data_dir / DATABASE_FILE}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    else:
        engine = create_engine(parsed, pool_pre_ping=True)
    if data_dir is None:
        data_dir = _data_dir_for(parsed.database)
    private_folder(data_dir)
    attachments = private_folder(data_dir / ATTACHMENTS_FOLDER)
    remove_leftovers(data_dir)
    store = Store(engine, attachments, sessionmaker(engine, expire_on_commit=False))
    try:
        keyed_before = _has_seal_table(engine)
        upgrade(engine)
        _make_files_private(data_dir)
        if store.is_sqlite and engine.url.database:
            store.opening_check = store_health.OpeningCheck(Path(engine.url.database))
        store.audit_key = _chain_key(store, data_dir, keyed_before)
    except DatabaseError:
        if not store_health.engine_damaged(engine):
            store.close()
            raise
        store.damage = store_health.damage_message(_backup_folder(store))
    return store


def _has_seal_table(engine: Engine) -> bool:
    with engine.connect() as connection:
        return inspect(connection).has_table("audit_seal")


def _make_files_private(data_dir: Path) -> None:
    for name in (DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm", SLIPS_FOLDER):
        make_private(data_dir / name)


def _chain_key(store: Store, data_dir: Path, keyed_before: bool) -> bytes | None:
    """The key that seals this store's audit chain; a store that gained its seal table in this
    opening (new, or written by an older version) starts its keyed chain here."""
    with store.read() as session:
        wanted = audit.chain_key_id(session)
    if wanted is None and not keyed_before:
        with store.write() as session:
            wanted = audit.chain_key_id(session)
            if wanted is None:
                return audit.start_keyed_chain(session, data_dir)
    return None if wanted is None else audit_key.find_key(data_dir, wanted)


def _backup_folder(store: Store) -> str:
    try:
        with store.engine.connect() as connection:
            value = connection.execute(text(
                "SELECT value FROM settings WHERE key = 'backup.folder'")).scalar()
        return str(json.loads(value)) if isinstance(value, str) else ""
    except (SQLAlchemyError, ValueError):  # a damaged store may not even say where they are
        return ""


def _data_dir_for(database: str | None) -> Path:
    return default_data_dir() / (database or "default")


def integrity_ok(store: Store) -> bool:
    if not store.is_sqlite:
        return True
    with store.engine.connect() as connection:
        return connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def check_health(store: Store) -> bool:
    """The daily quick check: a store found damaged takes no more writes from now on."""
    if store.damage is None and store_health.engine_damaged(store.engine):
        store.damage = store_health.damage_message(_backup_folder(store))
    return store.damage is None
