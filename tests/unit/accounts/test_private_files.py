"""Owner-only files: what others may do is taken away, what the owner may do is left as it is."""

import os
import stat
from pathlib import Path

import pytest

from onestop.private_files import make_private, write_private

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows uses the ACL")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("before", "after"), [(0o644, 0o600), (0o666, 0o600), (0o444, 0o400),
                                               (0o600, 0o600)])
def test_a_file_loses_what_others_may_do(tmp_path: Path, before: int, after: int) -> None:
    path = tmp_path / "onestop.sqlite3"
    path.write_bytes(b"")
    os.chmod(path, before)
    make_private(path)
    assert mode(path) == after


@pytest.mark.parametrize(("before", "after"), [(0o755, 0o700), (0o555, 0o500), (0o777, 0o700)])
def test_a_folder_loses_what_others_may_do_and_a_read_only_one_stays_read_only(
        tmp_path: Path, before: int, after: int) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, before)
    try:
        make_private(folder)
        assert mode(folder) == after
    finally:
        os.chmod(folder, 0o700)


def test_a_secret_is_written_owner_only_with_nothing_left_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "audit-key.secret"
    write_private(target, b"ab" * 32)
    assert mode(target) == 0o600 and target.read_bytes() == b"ab" * 32
    assert not list(tmp_path.glob("*.tmp"))
