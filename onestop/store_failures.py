"""What a failure of the store or of the folder under it means to the person who met it, in one
line of their language instead of the database driver's words."""

import errno
import sqlite3

from sqlalchemy import exc
from sqlalchemy.engine import make_url

from onestop.errors import DomainError, ErrorKind
from onestop.i18n import _

_FOLDER_REFUSED = (errno.EACCES, errno.EPERM, errno.EROFS)
_FOLDER_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def explain(error: BaseException) -> DomainError | None:
    """The message for a failure a person can cause or fix; None for anything else."""
    if isinstance(error, exc.ArgumentError):
        return _bad_url()
    if isinstance(error, exc.DBAPIError):
        return _database(error)
    if isinstance(error, exc.StatementError) and isinstance(error.orig, OverflowError):
        return _out_of_range()
    if isinstance(error, OverflowError):
        return _out_of_range()
    if isinstance(error, OSError) and error.errno in _FOLDER_REFUSED:
        return DomainError(_("Không được ghi vào {0}: thư mục hoặc tệp chỉ cho đọc.").format(
            error.filename or _("thư mục dữ liệu")))
    if isinstance(error, OSError) and error.errno in _FOLDER_FULL:
        return _full()
    return None


def check_database_url(url: str) -> None:
    """A database address that cannot even be read is refused before any connection is tried."""
    try:
        make_url(url)
    except (exc.ArgumentError, ValueError):
        raise _bad_url() from None


def _bad_url() -> DomainError:
    return DomainError(_("Địa chỉ CSDL (--database-url) không hợp lệ; cần dạng "
                         "postgresql://TÀI_KHOẢN@MÁY_CHỦ/TÊN_CSDL."))


def _out_of_range() -> DomainError:
    return DomainError(_("Một con số hoặc ngày tháng nằm ngoài giới hạn cho phép."))


def _full() -> DomainError:
    return DomainError(_("Ổ đĩa chứa dữ liệu đã đầy; chưa lưu gì. Hãy giải phóng chỗ trống rồi "
                         "thử lại."))


def _database(error: exc.DBAPIError) -> DomainError | None:
    original = error.orig
    if isinstance(original, sqlite3.Error):
        name = getattr(original, "sqlite_errorname", "")
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
            return DomainError(_("Không mở được dữ liệu để ghi: thư mục dữ liệu hoặc tệp dữ liệu "
                                 "chỉ cho đọc, hoặc tài khoản máy này không có quyền."))
        if name == "SQLITE_FULL":
            return _full()
        if name.startswith("SQLITE_IOERR"):
            return DomainError(_("Không đọc, ghi được tệp dữ liệu: ổ đĩa đầy hoặc lỗi, hoặc một tệp "
                                 "đi kèm (như tệp -wal) đã bị xoá. Hãy giải phóng chỗ trống, đóng "
                                 "mọi cửa sổ OneStop rồi thử lại; nếu vẫn lỗi, phục hồi từ bản "
                                 "sao lưu."))
        if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            return DomainError(_("Tệp dữ liệu bị hỏng; hãy phục hồi từ bản sao lưu gần nhất."))
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return DomainError(_("Dữ liệu đang bận vì một chương trình khác; hãy thử lại sau ít "
                                 "phút."), kind=ErrorKind.LINK)
        return None
    if isinstance(error, exc.OperationalError):
        return DomainError(_("Không kết nối được máy chủ CSDL: kiểm tra địa chỉ, tài khoản và "
                             "mạng."), kind=ErrorKind.LINK)
    return None
