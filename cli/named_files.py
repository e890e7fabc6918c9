"""Files a person names on the command line: only plain files are read, never a FIFO or a device
that would hang the command or feed it without end, and a file holding a secret only as long as
a secret can be."""

import os
import stat
from pathlib import Path

from onestop.errors import DomainError
from onestop.i18n import _

SECRET_FILE_LIMIT = 4096


def plain_file(path: Path) -> Path:
    """The path, once it is known to name a plain file (checked without opening it)."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise DomainError(_("Không đọc được {0}: {1}").format(path, error.strerror)) from None
    if not stat.S_ISREG(mode):
        raise _not_plain(path)
    return path


def _not_plain(path: Path) -> DomainError:
    return DomainError(_("{0} không phải một tệp thông thường (thư mục, ống dẫn hay thiết bị đều "
                         "không nhận).").format(path))


def read_secret(path: Path) -> str:
    """The first line of a password or passphrase file."""
    # Opening without waiting: a FIFO with no writer would otherwise hold the command here.
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DomainError(_("Không đọc được {0}: {1}").format(path, error.strerror)) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise _not_plain(path)
    with open(descriptor, "rb") as file:
        data = file.read(SECRET_FILE_LIMIT + 1)
    if len(data) > SECRET_FILE_LIMIT:
        raise DomainError(_("Tệp mật khẩu {0} dài quá {1} byte; tệp chỉ chứa mật khẩu.").format(
            path, SECRET_FILE_LIMIT))
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise DomainError(_("Tệp mật khẩu {0} không phải văn bản UTF-8.").format(path)) from None
    return lines[0] if lines else ""
