"""Sending one scanned file to the province in 1 MiB chunks, resuming where the province stands.

A call that fails midway leaves the province holding a prefix of the file; the next call asks how
much it holds and goes on from there. A file the province holds whole is never sent again.
"""

import hashlib
from pathlib import Path
from typing import Protocol

from onestop.i18n import _
from sync.errors import OffsetMismatch, ProtocolError
from sync.replies import FileState

CHUNK_SIZE = 1024 * 1024
# Each mismatch is answered by asking the province again; more in a row means it is confused.
_MISMATCHES_ALLOWED = 3


class FileEndpoint(Protocol):
    def file_state(self, sha256: str) -> FileState | None: ...

    def send_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> int: ...


def file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def upload_file(files: FileEndpoint, path: Path, *, sha256: str | None = None) -> str:
    """Make the province hold `path` whole; returns its sha256 (the name the province knows it
    by). Errors from the province pass through; calling again resumes."""
    digest = sha256 or file_sha256(path)
    size = path.stat().st_size
    state = files.file_state(digest)
    mismatches = 0
    with path.open("rb") as file:
        while state is None or not state.complete(size):
            offset = 0 if state is None else state.offset
            if state is not None and (state.offset > size or state.length not in (None, size)):
                raise ProtocolError(
                    _("Máy chủ tỉnh giữ một tệp khác cùng mã kiểm tra"),
                    f"{digest}: held {state.offset} of {state.length}, local size {size}",
                )
            file.seek(offset)
            chunk = file.read(CHUNK_SIZE)
            if offset < size and not chunk:
                raise OSError(f"{path} shrank while being sent")
            try:
                state = FileState(files.send_chunk(digest, offset, size, chunk), size)
            except OffsetMismatch:
                mismatches += 1
                if mismatches > _MISMATCHES_ALLOWED:
                    raise
                state = files.file_state(digest)
    return digest
