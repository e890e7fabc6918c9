"""PostgreSQL's own client programs (pg_dump, pg_restore) run for an office's server. The
connection goes to them through the environment and an owner-only password file, never through
their arguments, which any account on the computer may read."""

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from sqlalchemy.engine import URL

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.private_files import write_private

PASSWORD_FILE = "pgpass"
_LOCK_WAIT_MS = 60_000
# libpq's own names for what a URL's query may carry.
_QUERY_VARIABLES = {
    "host": "PGHOST", "port": "PGPORT", "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME", "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class ToolFailed(DomainError):
    """pg_dump or pg_restore ran and reported a failure."""


def _installed_folders() -> list[Path]:
    """Where the PostgreSQL installer for Windows puts its programs, newest version first."""
    if os.name != "nt":
        return []
    roots = {os.environ.get(name, "") for name in ("ProgramFiles", "ProgramW6432")}
    found = [folder for root in roots if root
             for folder in Path(root, "PostgreSQL").glob("*/bin") if folder.is_dir()]
    return sorted(found, key=lambda folder: _version(folder.parent.name), reverse=True)


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def program(name: str) -> str:
    """The full path of pg_dump or pg_restore on this computer."""
    found = shutil.which(name)
    for folder in _installed_folders():
        if found:
            break
        found = shutil.which(name, path=str(folder))
    if not found:
        raise DomainError(_("Máy này chưa có chương trình {0} của PostgreSQL nên không sao lưu, "
                            "phục hồi được dữ liệu trên máy chủ. Hãy cài bộ công cụ máy khách "
                            "PostgreSQL (cùng phiên bản với máy chủ hoặc mới hơn) và thêm thư mục "
                            "bin của nó vào PATH.").format(name))
    return found


def connection_environment(url: URL, folder: Path) -> dict[str, str]:
    """The environment that points a PostgreSQL program at `url`: the computer's own PG*
    variables dropped, the password written to an owner-only file in `folder`."""
    environment = {name: value for name, value in os.environ.items()
                   if not name.upper().startswith("PG")}
    for name, variable in _QUERY_VARIABLES.items():
        value = url.query.get(name)
        if isinstance(value, str):
            environment[variable] = value
    for variable, part in (("PGHOST", url.host), ("PGPORT", url.port),
                           ("PGUSER", url.username), ("PGDATABASE", url.database)):
        if part is not None:
            environment[variable] = str(part)
    password_file = folder / PASSWORD_FILE
    # An empty file still stops libpq from reading the account's own ~/.pgpass.
    escaped = (url.password or "").replace("\\", "\\\\").replace(":", "\\:")
    write_private(password_file, f"*:*:*:*:{escaped}\n".encode() if url.password else b"")
    environment["PGPASSFILE"] = str(password_file)
    return environment


def _run(arguments: list[str], environment: dict[str, str], failure: str) -> None:
    try:
        done = subprocess.run(arguments, env=environment, stdin=subprocess.DEVNULL,
                              capture_output=True, check=False)
    except OSError as error:
        raise ToolFailed(failure.format(error.strerror or error)) from None
    if done.returncode != 0:
        raise ToolFailed(failure.format(_last_line(done.stderr)))


def _last_line(output: bytes) -> str:
    lines = [line.strip() for line in output.decode(errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else _("không rõ lý do")


def dump(environment: dict[str, str], target: Path, snapshot: str | None = None) -> None:
    """The whole database in pg_dump's custom format, as of `snapshot` when one is given."""
    arguments = [program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                 f"--file={target}"]
    if snapshot is not None:
        arguments.append(f"--snapshot={snapshot}")
    _run(arguments, environment, _("pg_dump không sao lưu được máy chủ: {0}"))


def restore(environment: dict[str, str], source: Path, *, clean: bool) -> None:
    """`source` put into the database the environment names, as one transaction: on a failure
    the database stays as it was. `clean` first drops what the dump holds."""
    arguments = [program("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                 "--single-transaction"]
    if clean:
        arguments += ["--clean", "--if-exists"]
    arguments += ["--dbname", environment["PGDATABASE"], str(source)]
    # A counter in the middle of a long transaction makes the restore give up, not hang.
    environment = {**environment, "PGOPTIONS": f"-c lock_timeout={_LOCK_WAIT_MS}"}
    _run(arguments, environment, _("pg_restore không phục hồi được vào máy chủ: {0}"))


def check_dump(blocks: Iterable[bytes], sink: IO[bytes] | None = None) -> None:
    """`pg_restore --list` reads the dump's table of contents from `blocks`, which are all
    passed on to `sink` as well; raises when it is not a dump pg_restore can read."""
    try:
        listing = subprocess.Popen([program("pg_restore"), "--list"], stdin=subprocess.PIPE,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env={name: value for name, value in os.environ.items()
                                        if not name.upper().startswith("PG")})
    except OSError as error:
        raise ToolFailed(_("pg_restore không chạy được: {0}").format(error.strerror)) from None
    with listing:
        assert listing.stdin is not None and listing.stderr is not None
        reading = True
        for block in blocks:
            if sink is not None:
                sink.write(block)
            if reading:
                try:
                    listing.stdin.write(block)
                except BrokenPipeError:  # it has read the table of contents and needs no more
                    reading = False
        with contextlib.suppress(BrokenPipeError):
            listing.stdin.close()
        errors = listing.stderr.read()
        failed = listing.wait() != 0
    if failed:
        raise ToolFailed(_("pg_restore không đọc được bản sao lưu máy chủ: {0}").format(
            _last_line(errors)))
