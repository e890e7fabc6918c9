"""Scanned files go to the province in 1 MiB chunks and resume where the province stands."""

import hashlib
import os
from pathlib import Path

import pytest

from sync.client import ProvincialClient
from sync.errors import OffsetMismatch, PermanentError, TransientError
from sync.file_upload import CHUNK_SIZE, upload_file
from sync.provincial_server import RunningServer
from sync.replies import FileState


class WatchedLink:
    """The client's file calls, noting each chunk's offset; it can drop the link after a few
    chunks, or report a stale offset once."""

    def __init__(self, client: ProvincialClient, *, drop_after: int | None = None,
                 stale_state: FileState | None = None) -> None:
        self.client = client
        self.offsets: list[int] = []
        self._drop_after = drop_after
        self._stale_state = stale_state

    def file_state(self, sha256: str) -> FileState | None:
        if self._stale_state is not None:
            stale, self._stale_state = self._stale_state, None
            return stale
        return self.client.file_state(sha256)

    def send_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> int:
        if self._drop_after is not None and len(self.offsets) == self._drop_after:
            raise TransientError("link dropped")
        self.offsets.append(offset)
        return self.client.send_chunk(sha256, offset, total, chunk)


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "trang-1.pdf"
    path.write_bytes(os.urandom(2 * CHUNK_SIZE + 12345))
    return path


def test_a_file_arrives_whole_in_chunks_and_is_never_sent_again(
        province: RunningServer, client: ProvincialClient, scan: Path) -> None:
    link = WatchedLink(client)
    digest = upload_file(link, scan)
    assert digest == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert link.offsets == [0, CHUNK_SIZE, 2 * CHUNK_SIZE]
    held = province.province.file_path(digest)
    assert held is not None and held.read_bytes() == scan.read_bytes()
    size = scan.stat().st_size
    assert client.file_state(digest) == FileState(size, size)

    again = WatchedLink(client)
    assert upload_file(again, scan) == digest
    assert again.offsets == []


def test_an_interrupted_upload_resumes_from_what_the_province_holds(
        province: RunningServer, client: ProvincialClient, scan: Path) -> None:
    with pytest.raises(TransientError):
        upload_file(WatchedLink(client, drop_after=2), scan)
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert client.file_state(digest) == FileState(2 * CHUNK_SIZE, scan.stat().st_size)
    assert province.province.held_files() == []

    resumed = WatchedLink(client)
    upload_file(resumed, scan)
    assert resumed.offsets == [2 * CHUNK_SIZE]
    assert province.province.held_files() == [digest]


def test_a_stale_idea_of_the_offset_is_corrected_by_asking_again(
        province: RunningServer, client: ProvincialClient, scan: Path) -> None:
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    client.send_chunk(digest, 0, scan.stat().st_size, scan.read_bytes()[:CHUNK_SIZE])
    with pytest.raises(OffsetMismatch):
        client.send_chunk(digest, 0, scan.stat().st_size, scan.read_bytes()[:CHUNK_SIZE])

    link = WatchedLink(client, stale_state=FileState(0, None))
    upload_file(link, scan)
    assert link.offsets == [0, CHUNK_SIZE, 2 * CHUNK_SIZE]
    assert province.province.held_files() == [digest]


def test_a_file_that_does_not_match_its_checksum_is_thrown_away(
        province: RunningServer, client: ProvincialClient, scan: Path) -> None:
    wrong = hashlib.sha256(b"another page").hexdigest()
    with pytest.raises(PermanentError) as refused:
        upload_file(client, scan, sha256=wrong)
    assert refused.value.status == 422
    assert "SHA-256" in str(refused.value)
    assert client.file_state(wrong) is None
    assert province.province.held_files() == []


def test_files_of_a_whole_number_of_chunks_and_empty_files_arrive(
        province: RunningServer, client: ProvincialClient, tmp_path: Path) -> None:
    exact = tmp_path / "exact.jpg"
    exact.write_bytes(os.urandom(CHUNK_SIZE))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    digests = {upload_file(client, exact), upload_file(client, empty)}
    assert sorted(digests) == province.province.held_files()
