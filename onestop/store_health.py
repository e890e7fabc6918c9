"""Is the store's file sound? SQLite's quick check when the store opens and every day; a damaged
store takes no more writes and points to the newest backup instead."""

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError
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
    except (DatabaseError, sqlite3.DatabaseError):
        return True


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
