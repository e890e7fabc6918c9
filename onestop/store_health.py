"""Is the store's file sound? SQLite's quick check when the store opens and every day; a damaged
store takes no more writes and points to the newest backup instead."""

import sqlite3
import threading
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from onestop.i18n import _

BACKUP_SUFFIX = ".onestop-backup"


def _sound(rows: list[str]) -> bool:
    return rows == ["ok"]


def engine_damaged(engine: Engine) -> bool:
    """PRAGMA quick_check: every page and index entry readable, without comparing indexes
    with their tables (which integrity_check does, at several times the cost)."""
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.connect() as connection:
            return not _sound([str(row[0]) for row in connection.execute(
                text("PRAGMA quick_check(1)"))])
    except (OperationalError, sqlite3.OperationalError):
        return False  # unreadable now (read-only, locked, full, its WAL gone): no proof of damage
    except (DatabaseError, sqlite3.DatabaseError):
        return True


class OpeningCheck:
    """The quick check of a store's file on a thread and connection of its own, so that opening a
    large store stays fast (the check reads every page: seconds at a million dossiers). Whoever
    writes first waits for the verdict, so nothing is written into a damaged file."""

    def __init__(self, database: Path) -> None:
        self._database = database
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._sound = True
        self._thread = threading.Thread(target=self._run, name="store quick check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with self._lock:
                self._connection = sqlite3.connect(self._database, timeout=30,
                                                   check_same_thread=False)
            rows = self._connection.execute("PRAGMA quick_check(1)").fetchall()
            self._sound = [str(row[0]) for row in rows] == ["ok"]
        except sqlite3.OperationalError:
            pass  # interrupted because the store closed, or busy: the daily check comes later
        except sqlite3.DatabaseError:
            self._sound = False
        finally:
            with self._lock:
                if self._connection is not None:
                    self._connection.close()
                    self._connection = None
            self._done.set()

    def sound(self) -> bool:
        """Waits for the verdict."""
        self._done.wait()
        return self._sound

    def stop(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.interrupt()
        self._thread.join()


def session_damaged(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    try:
        return not _sound([str(row[0]) for row in session.execute(
            text("PRAGMA quick_check(1)"))])
    except (DatabaseError, sqlite3.DatabaseError):
        return True


def newest_backup(folder_text: str) -> Path | None:
    folder = Path(folder_text) if folder_text.strip() else None
    if folder is None or not folder.is_dir():
        return None
    made = [(path.stat().st_mtime, path) for path in folder.iterdir()
            if path.name.endswith(BACKUP_SUFFIX) and path.is_file()]
    return max(made)[1] if made else None


def damage_message(backup_folder: str) -> str:
    newest = newest_backup(backup_folder)
    if newest is None:
        return _("Tệp dữ liệu bị hỏng (kiểm tra toàn vẹn không đạt); chương trình không ghi thêm "
                 "vào đó. Hãy phục hồi từ bản sao lưu gần nhất.")
    return _("Tệp dữ liệu bị hỏng (kiểm tra toàn vẹn không đạt); chương trình không ghi thêm "
             "vào đó. Hãy phục hồi từ bản sao lưu gần nhất: {0}").format(newest)
