"""The backup file's envelope: a passphrase-derived key (scrypt) and AES-GCM chunks.

Layout: a fixed header (marker, format version, scrypt cost, salt, passphrase check), then chunks,
each a 4-byte length and its ciphertext. Every chunk is authenticated with the header, its
position (the nonce is the chunk number) and whether it is the last one, so a changed, reordered,
cut or extended file fails to open.
"""

import hashlib
import hmac
import io
import os
import struct
import unicodedata
from typing import TYPE_CHECKING, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from onestop.errors import DomainError
from onestop.i18n import _

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

MARKER = b"ONESTOP-BACKUP\n"
FORMAT_VERSION = 1
CHUNK_SIZE = 1024 * 1024
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
MIN_PASSPHRASE_LENGTH = 10
_HEADER = struct.Struct(f">{len(MARKER)}sBBBB16s16sI")
_LENGTH = struct.Struct(">I")
_TAG_SIZE = 16


class NotABackup(DomainError):
    """The file is not a OneStop backup."""


class WrongPassphrase(DomainError):
    """The passphrase does not open this backup."""


class DamagedBackup(DomainError):
    """The backup file was changed or cut after it was written."""


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise DomainError(_("Mật khẩu sao lưu cần ít nhất {0} ký tự.").format(
            MIN_PASSPHRASE_LENGTH), field="passphrase")


def _keys(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = Scrypt(salt=salt, length=64, n=2**log2_n, r=r, p=p).derive(
        unicodedata.normalize("NFC", passphrase).encode())
    return material[:32], hashlib.sha256(material[32:]).digest()[:16]


def _nonce(number: int) -> bytes:
    return number.to_bytes(12, "big")


class BackupWriter(io.RawIOBase):
    """A write-only stream that encrypts what is written into `target`."""

    def __init__(self, target: BinaryIO, passphrase: str) -> None:
        super().__init__()
        check_passphrase(passphrase)
        salt = os.urandom(16)
        key, check = _keys(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
        self._header = _HEADER.pack(MARKER, FORMAT_VERSION, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P,
                                    salt, check, CHUNK_SIZE)
        self._aead = AESGCM(key)
        self._target = target
        self._pending = bytearray()
        self._number = 0
        target.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data: "ReadableBuffer") -> int:
        size = memoryview(data).nbytes
        self._pending += data
        while len(self._pending) > CHUNK_SIZE:
            self._seal(bytes(self._pending[:CHUNK_SIZE]), last=False)
            del self._pending[:CHUNK_SIZE]
        return size

    def _seal(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._number), plain, self._header + bytes([last]))
        self._target.write(_LENGTH.pack(len(sealed)) + sealed)
        self._number += 1

    def finish(self) -> None:
        """Seal the last chunk; without it the file reads as cut short."""
        self._seal(bytes(self._pending), last=True)
        self._pending.clear()


class BackupReader(io.RawIOBase):
    """A read-only stream of what a backup file holds; raises as soon as something is wrong."""

    def __init__(self, source: BinaryIO, passphrase: str) -> None:
        super().__init__()
        header = source.read(_HEADER.size)
        if len(header) < _HEADER.size or not header.startswith(MARKER):
            raise NotABackup(_("Tệp này không phải bản sao lưu OneStop."))
        _marker, version, log2_n, r, p, salt, check, chunk_size = _HEADER.unpack(header)
        if version != FORMAT_VERSION:
            raise NotABackup(_("Bản sao lưu được tạo bởi phiên bản OneStop mới hơn (định dạng "
                               "{0}).").format(version))
        if not (10 <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4
                and 0 < chunk_size <= 16 * CHUNK_SIZE):
            raise DamagedBackup(_("Phần đầu của tệp sao lưu bị hỏng."))
        key, expected = _keys(passphrase, salt, log2_n, r, p)
        if not hmac.compare_digest(check, expected):
            raise WrongPassphrase(_("Sai mật khẩu sao lưu."), field="passphrase")
        self._header = header
        self._aead = AESGCM(key)
        self._source = source
        self._max_sealed = chunk_size + _TAG_SIZE
        self._number = 0
        self._buffer = b""
        self._position = 0
        self._ended = False
        self._next = self._read_sealed()

    def _read_sealed(self) -> bytes | None:
        length_bytes = self._source.read(_LENGTH.size)
        if not length_bytes:
            return None
        if len(length_bytes) < _LENGTH.size:
            raise self._damaged()
        (length,) = _LENGTH.unpack(length_bytes)
        if not _TAG_SIZE <= length <= self._max_sealed:
            raise self._damaged()
        sealed = self._source.read(length)
        if len(sealed) < length:
            raise self._damaged()
        return sealed

    def _damaged(self) -> DamagedBackup:
        return DamagedBackup(_("Tệp sao lưu bị hỏng hoặc bị sửa (phần thứ {0}).").format(
            self._number + 1))

    def _open_next(self) -> bool:
        sealed = self._next
        if sealed is None:
            if not self._ended:
                raise self._damaged()
            return False
        following = self._read_sealed()
        last = following is None
        try:
            plain = self._aead.decrypt(_nonce(self._number), sealed, self._header + bytes([last]))
        except InvalidTag:
            raise self._damaged() from None
        self._number += 1
        self._buffer, self._position = plain, 0
        self._next = following
        self._ended = last
        return True

    def readable(self) -> bool:
        return True

    def readinto(self, target: "WriteableBuffer") -> int:
        view = memoryview(target).cast("B")
        while self._position >= len(self._buffer):
            if self._ended or not self._open_next():
                return 0
        count = min(len(view), len(self._buffer) - self._position)
        view[:count] = self._buffer[self._position:self._position + count]
        self._position += count
        return count
