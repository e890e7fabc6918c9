"""Files and folders of the store that only the program's account may open: the data folder
0700, the database, its WAL and SHM, slips, backups and before-restore copies 0600.

On Windows the data folder sits in the user's profile, whose ACL already keeps other accounts
out, and POSIX modes mean little: these functions change nothing there. `_posix()` is the seam
where an explicit ACL for the profile's owner would be set."""

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


def _posix() -> bool:
    return os.name == "posix"


def private_folder(path: Path) -> Path:
    """Make the folder (and missing parents) and keep other accounts out of it."""
    path.mkdir(parents=True, exist_ok=True)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """A file or folder that exists already (perhaps from an older version, 0644 or 0755) loses
    what others may do with it. What its owner may do stays as it is: a folder someone made
    read-only stays read-only. One that belongs to another account is left alone."""
    if not _posix() or path.is_symlink():
        return
    with contextlib.suppress(FileNotFoundError, PermissionError):
        current = stat.S_IMODE(path.stat().st_mode)
        limit = PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE
        if current & ~limit:
            os.chmod(path, current & limit)


def create_private(path: Path) -> None:
    """An empty owner-only file, so that what is written into it never was readable by others."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    os.close(descriptor)
    make_private(path)


def write_private(path: Path, content: bytes) -> None:
    """Replace the file with `content`, owner-only from its first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
