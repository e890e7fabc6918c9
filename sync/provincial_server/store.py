"""The provincial server's own SQLite file: what the province holds, and what it answered."""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    ma_ho_so TEXT PRIMARY KEY,
    madonvi TEXT NOT NULL,
    phien_ban INTEGER NOT NULL,
    ngay_tiep_nhan TEXT NOT NULL,
    content TEXT NOT NULL,
    pushed_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_received ON dossiers (madonvi, ngay_tiep_nhan);
CREATE TABLE IF NOT EXISTS progress (
    ma_tien_do TEXT PRIMARY KEY,
    ma_ho_so TEXT NOT NULL,
    madonvi TEXT NOT NULL,
    content TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS province_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ma_ho_so TEXT NOT NULL,
    madonvi TEXT NOT NULL,
    content TEXT NOT NULL,
    recorded_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS province_changes_dossier ON province_changes (ma_ho_so, seq);
CREATE TABLE IF NOT EXISTS procedures (
    ma_tthc TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    content TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS days_off (
    ngay TEXT PRIMARY KEY,
    loai TEXT NOT NULL,
    ghi_chu TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counter_records (
    service TEXT NOT NULL,
    record_id TEXT NOT NULL,
    madonvi TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (service, record_id)
);
CREATE TABLE IF NOT EXISTS audit_heads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    madonvi TEXT NOT NULL,
    quay TEXT NOT NULL,
    so_dong INTEGER NOT NULL,
    ma_bam TEXT NOT NULL,
    thoi_diem TEXT NOT NULL,
    recorded_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_heads_counter ON audit_heads (madonvi, quay, seq);
CREATE TABLE IF NOT EXISTS answered_keys (
    idempotency_key TEXT PRIMARY KEY,
    body_sha256 TEXT NOT NULL,
    response TEXT NOT NULL,
    stored_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS answered_keys_age ON answered_keys (stored_at);
"""


class ProvinceStore:
    """One connection shared by the server's threads, one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole store in one SQLite file."""
        with self._lock, closing(sqlite3.connect(target)) as copy:
            self._db.backup(copy)

    def restore(self, source: Path) -> None:
        """Put back a copy made by `backup`; everything since it is lost, as after a real
        restore at the province."""
        if not source.is_file():
            raise FileNotFoundError(source)
        with self._lock, closing(sqlite3.connect(source)) as copy:
            copy.backup(self._db)

    def close(self) -> None:
        with self._lock:
            self._db.close()
