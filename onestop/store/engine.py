"""Opening the counter's store: embedded SQLite by default, PostgreSQL for offices with several counters."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from onestop.store.migrations import upgrade

DATABASE_FILE = "onestop.sqlite3"
ATTACHMENTS_FOLDER = "attachments"


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

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything inside commits together or not at all."""
        with self._sessions() as session:
            session.connection(execution_options={"onestop_write": True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def open_store(data_dir: Path | None = None, url: str | None = None) -> Store:
    """Open (and upgrade) the store in data_dir, or on the server that url names."""
    if url is None:
        if data_dir is None:
            raise ValueError("a data dir or a database URL is needed")
        data_dir.mkdir(parents=True, exist_ok=True)
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
    attachments = data_dir / ATTACHMENTS_FOLDER
    attachments.mkdir(parents=True, exist_ok=True)
    upgrade(engine)
    return Store(engine, attachments, sessionmaker(engine, expire_on_commit=False))


def _data_dir_for(database: str | None) -> Path:
    from platformdirs import user_data_path

    return user_data_path("OneStop", appauthor=False) / (database or "default")


def integrity_ok(store: Store) -> bool:
    if not store.is_sqlite:
        return True
    with store.engine.connect() as connection:
        return connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
