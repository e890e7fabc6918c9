"""The folders a backup or a restore works in, beside the store: they hold a plain copy of the
database, so none may outlive its work. Each is locked while in use; one that nobody holds is
left over from a program that was killed, and goes when a store is next opened."""

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

BACKUP_WORK, RESTORE_WORK = ".backup-", ".restore-"
_IN_USE = ".in-use"
# Without POSIX locks (Windows) a folder is taken for a leftover once it is this old.
_WINDOWS_AGE = 24 * 3600
_UNLOCKED_GRACE = 60


def _lock(handle: IO[str], *, wait: bool) -> bool:
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


@contextmanager
def work_folder(near: Path, prefix: str) -> Iterator[Path]:
    """An owner-only folder (mkdtemp makes it 0700), locked until the work is done."""
    folder = Path(tempfile.mkdtemp(dir=near, prefix=prefix))
    try:
        with (folder / _IN_USE).open("w") as handle:
            if os.name == "posix":
                _lock(handle, wait=True)
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _left_over(folder: Path) -> bool:
    try:
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return False
    if os.name != "posix":
        return age > _WINDOWS_AGE
    try:
        with (folder / _IN_USE).open("r") as handle:
            return _lock(handle, wait=False)
    except FileNotFoundError:
        return age > _UNLOCKED_GRACE
    except OSError:
        return False


def remove_leftovers(data_dir: Path) -> list[Path]:
    removed = []
    for prefix in (BACKUP_WORK, RESTORE_WORK):
        for folder in data_dir.glob(prefix + "*"):
            if folder.is_dir() and not folder.is_symlink() and _left_over(folder):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed
