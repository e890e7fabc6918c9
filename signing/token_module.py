"""Where the token vendor's PKCS#11 library is: the path the technician set, or a known place.

Vendors install their library under names of their own (VNPT-CA, Viettel-CA, BKAV, the
government CA); the technician points the program at it. SoftHSM2's library is looked for too, so
that a test token works without a setting.
"""

from pathlib import Path

from onestop.errors import DomainError
from onestop.i18n import _

_KNOWN_PLACES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/usr/lib64/pkcs11/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    "C:/SoftHSM2/lib/softhsm2-x64.dll",
)


class TokenError(DomainError):
    """The token cannot sign now: no library, not plugged in, wrong PIN, no such key, pulled out."""


def find_module(configured: str) -> Path:
    """The library to load; a set path that does not exist is an error, never silently replaced."""
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise TokenError(_("Không thấy thư viện PKCS#11 “{0}”. Kiểm tra đường dẫn do hãng "
                                "cung cấp chữ ký số.").format(configured))
        return path
    for place in _KNOWN_PLACES:
        if Path(place).is_file():
            return Path(place)
    raise TokenError(_("Chưa chọn thư viện PKCS#11 của thiết bị ký số (USB token)."))
