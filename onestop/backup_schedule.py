"""The daily backup: once a day into the configured folder, keeping the newest few.
The window calls `run_due_backup` on a timer; it does nothing until a backup is due. Counters that
share an office's server leave it to the one computer named in `backup.computer`."""

import re
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from onestop import settings
from onestop.backup import BACKUP_SUFFIX, BackupMade, take_backup
from onestop.backup_passphrase import remember_passphrase_in, remembered_passphrase
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import SYSTEM, Actor
from onestop.store.engine import Store
from onestop.store_maintenance import daily_maintenance
from onestop.workdays import LOCAL_ZONE

_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


@dataclass(frozen=True)
class ScheduledBackup:
    made: BackupMade
    removed: tuple[Path, ...]


def this_computer() -> str:
    return socket.gethostname()


def _prefix(agency_code: str, counter_code: str) -> str:
    return f"onestop-{_UNSAFE.sub('_', agency_code)}-{_UNSAFE.sub('_', counter_code)}-"


def _daily_backups(folder: Path, prefix: str) -> list[tuple[str, Path]]:
    """This counter's daily backups in the folder, oldest first, with their local day."""
    stamp = re.compile(re.escape(prefix) + r"(\d{8})-\d{6}" + re.escape(BACKUP_SUFFIX) + "$")
    found = []
    for path in folder.iterdir():
        match = stamp.match(path.name)
        if match and path.is_file():
            found.append((match.group(1), path))
    return sorted(found)


def save_daily(store: Store, actor: Actor, folder: str, keep: int, passphrase: str) -> list[str]:
    """Where the daily backup goes and how many it keeps, with a new passphrase to remember when
    one is given, in one transaction; the settings keys written. On an office's server, the
    computer where the daily backup is set up is the one that makes it."""
    daily: dict[str, object] = {"backup.folder": folder.strip(), "backup.keep": keep}
    if not store.is_sqlite:
        daily["backup.computer"] = this_computer()
    with store.write() as session:
        for name, value in daily.items():
            settings.put_in(session, actor, name, value)
        if passphrase:
            remember_passphrase_in(session, actor, passphrase)
    return list(daily)


def run_due_backup(store: Store, now: datetime) -> ScheduledBackup | None:
    """Back up if no backup of this counter was made today (local time) in the configured folder;
    None when no folder is configured, today's backup exists, or the store is an office's server
    whose daily backup another computer makes. Raises DomainError when a backup
    is due but cannot be made (no passphrase remembered, folder missing), or when the day's check
    of the store finds it damaged. The store's daily maintenance runs first, backup or not."""
    local = now.astimezone(LOCAL_ZONE)
    maintained = daily_maintenance(store, local.date())
    if maintained is not None and not maintained.sound:
        raise DomainError(store.damage or "")
    with store.read() as session:
        folder_text = str(settings.get_in(session, "backup.folder")).strip()
        keep = max(1, int(settings.get_in(session, "backup.keep")))
        prefix = _prefix(str(settings.get_in(session, "agency.code")),
                         str(settings.get_in(session, "counter.code")))
        runs_here = store.is_sqlite or settings.get_in(session, "backup.computer") == this_computer()
    if not folder_text or not runs_here:
        return None
    folder = Path(folder_text)
    if not folder.is_dir():
        raise DomainError(_("Không thấy thư mục sao lưu hằng ngày {0} (ổ đĩa đã rút ra?).").format(
            folder))
    existing = _daily_backups(folder, prefix)
    if any(day == f"{local:%Y%m%d}" for day, _path in existing):
        return None
    passphrase = remembered_passphrase()
    if passphrase is None:
        raise DomainError(_("Chưa lưu mật khẩu cho sao lưu hằng ngày trên máy này; kỹ thuật viên "
                            "hãy đặt nó trong màn hình sao lưu."))
    made = take_backup(store, SYSTEM, folder / f"{prefix}{local:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}",
                       passphrase)
    kept = _daily_backups(folder, prefix)
    removed = tuple(path for _day, path in kept[:-keep])
    for path in removed:
        path.unlink(missing_ok=True)
    return ScheduledBackup(made, removed)
