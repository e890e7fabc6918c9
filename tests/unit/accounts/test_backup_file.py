"""The backup envelope: what goes in comes out with the right passphrase, and any change to the
file, a wrong passphrase or a file of another kind is refused with its own reason."""

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onestop import backup_file
from onestop.backup_file import (
    BackupReader,
    BackupWriter,
    DamagedBackup,
    NotABackup,
    WrongPassphrase,
)
from onestop.errors import DomainError

PASSPHRASE = "cụm mật khẩu dài"


@pytest.fixture(autouse=True)
def small_and_cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap key derivation and small chunks, so that a short payload spans many chunks."""
    monkeypatch.setattr(backup_file, "SCRYPT_LOG2_N", 10)
    monkeypatch.setattr(backup_file, "CHUNK_SIZE", 64)


def sealed(payload: bytes, passphrase: str = PASSPHRASE, pieces: int = 7) -> bytes:
    out = io.BytesIO()
    writer = BackupWriter(out, passphrase)
    step = max(1, len(payload) // pieces)
    for start in range(0, len(payload), step):
        writer.write(payload[start:start + step])
    writer.finish()
    return out.getvalue()


def opened(data: bytes, passphrase: str = PASSPHRASE) -> bytes:
    return BackupReader(io.BytesIO(data), passphrase).read()


@given(st.binary(max_size=700))
@settings(max_examples=40, deadline=None)
def test_what_goes_in_comes_out(payload: bytes) -> None:
    assert opened(sealed(payload)) == payload


def test_a_passphrase_is_the_same_however_its_accents_were_typed() -> None:
    composed = "Mật khẩu Hoà Bình"
    decomposed = "Ma\u0323\u0302t khâ\u0309u Hoa\u0300 Bi\u0300nh"
    assert opened(sealed(b"abc", composed), decomposed) == b"abc"


@given(st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_changed_byte_is_refused(data: st.DataObject) -> None:
    file = bytearray(sealed(os.urandom(500)))
    position = data.draw(st.integers(len(backup_file.MARKER), len(file) - 1))
    file[position] ^= data.draw(st.integers(1, 255))
    with pytest.raises((DamagedBackup, WrongPassphrase, NotABackup)):
        opened(bytes(file))


@given(st.data())
@settings(max_examples=40, deadline=None)
def test_a_file_cut_short_or_extended_is_refused(data: st.DataObject) -> None:
    file = sealed(os.urandom(300))
    cut = data.draw(st.integers(backup_file._HEADER.size, len(file) - 1))
    with pytest.raises(DamagedBackup):
        opened(file[:cut])
    with pytest.raises(DamagedBackup):
        opened(file + data.draw(st.binary(min_size=1, max_size=100)))


def test_two_chunks_swapped_are_refused() -> None:
    file = sealed(bytes(range(256)) * 2)
    header = backup_file._HEADER.size
    chunk = 4 + 64 + 16
    first, second = file[header:header + chunk], file[header + chunk:header + 2 * chunk]
    with pytest.raises(DamagedBackup):
        opened(file[:header] + second + first + file[header + 2 * chunk:])


def test_wrong_passphrase_is_told_apart_from_damage() -> None:
    with pytest.raises(WrongPassphrase, match="Sai mật khẩu"):
        opened(sealed(b"abc"), "mot mat khau khac")


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 a zip file", b"SQLite format 3\x00" * 10,
                                  os.urandom(4096)])
def test_other_files_are_not_backups(data: bytes) -> None:
    with pytest.raises(NotABackup, match="không phải bản sao lưu OneStop"):
        opened(data)


def test_a_header_asking_for_absurd_key_derivation_cost_is_refused() -> None:
    file = bytearray(sealed(b"abc"))
    file[len(backup_file.MARKER) + 1] = 40
    with pytest.raises(DamagedBackup):
        opened(bytes(file))


def test_a_short_passphrase_is_refused_before_anything_is_written() -> None:
    out = io.BytesIO()
    with pytest.raises(DomainError, match="ít nhất 10 ký tự"):
        BackupWriter(out, "ngan")
    assert out.getvalue() == b""
