"""Scanned files at the simulated province: whole files by sha256, uploads in progress beside.

Files live on disk apart from the SQLite store: a file is named by its own checksum, so a store
restored from an old backup can never disagree with a file that is held.
"""

import hashlib
import os
import threading
from pathlib import Path

from sync.provincial_server.refusals import BadRequest, ChecksumMismatch, OffsetConflict


class FileShelf:
    def __init__(self, root: Path, max_length: int) -> None:
        self._whole = root / "files"
        self._partial = root / "uploads"
        self._whole.mkdir(parents=True, exist_ok=True)
        self._partial.mkdir(parents=True, exist_ok=True)
        self._max_length = max_length
        self._lock = threading.Lock()

    def state(self, sha256: str) -> tuple[int, int | None] | None:
        """(bytes held, declared length) or None when nothing of it is held."""
        with self._lock:
            whole = self._whole / sha256
            if whole.is_file():
                size = whole.stat().st_size
                return size, size
            part = self._part(sha256)
            if not part.is_file():
                return None
            return part.stat().st_size, self._declared_length(sha256)

    def append(self, sha256: str, offset: int, length: int, chunk: bytes) -> int:
        """Add `chunk` at `offset`; returns the bytes now held. At the last byte the checksum is
        checked, and a file that fails it is thrown away."""
        if length > self._max_length:
            raise BadRequest("Tệp vượt quá kích thước cho phép")
        with self._lock:
            whole = self._whole / sha256
            if whole.is_file():
                raise OffsetConflict("Tệp đã có đủ trên máy chủ", whole.stat().st_size)
            part = self._part(sha256)
            held = part.stat().st_size if part.is_file() else 0
            declared = self._declared_length(sha256)
            if declared is not None and declared != length:
                raise BadRequest("Upload-Length khác với lần gửi trước")
            if offset != held:
                raise OffsetConflict("Upload-Offset khác với số byte máy chủ đang giữ", held)
            if offset + len(chunk) > length:
                raise BadRequest("Phần gửi vượt quá Upload-Length")
            if declared is None:
                self._length_note(sha256).write_text(str(length), encoding="ascii")
            with part.open("ab") as file:
                file.write(chunk)
                file.flush()
                os.fsync(file.fileno())
            held += len(chunk)
            if held == length:
                self._finish(sha256, part)
            return held

    def _finish(self, sha256: str, part: Path) -> None:
        with part.open("rb") as file:
            actual = hashlib.file_digest(file, "sha256").hexdigest()
        self._length_note(sha256).unlink()
        if actual != sha256:
            part.unlink()
            raise ChecksumMismatch("Tệp nhận được không khớp mã SHA-256; đã hủy bản tải lên")
        os.replace(part, self._whole / sha256)

    def held(self) -> list[str]:
        """The sha256 of every whole file held."""
        with self._lock:
            return sorted(path.name for path in self._whole.iterdir())

    def path(self, sha256: str) -> Path | None:
        whole = self._whole / sha256
        return whole if whole.is_file() else None

    def _part(self, sha256: str) -> Path:
        return self._partial / f"{sha256}.part"

    def _length_note(self, sha256: str) -> Path:
        return self._partial / f"{sha256}.length"

    def _declared_length(self, sha256: str) -> int | None:
        note = self._length_note(sha256)
        return int(note.read_text(encoding="ascii")) if note.is_file() else None
