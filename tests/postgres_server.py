"""A throwaway PostgreSQL server for the multi-counter path, started by the tests themselves
(or the one .ci/run started, named by ONESTOP_TEST_POSTGRES)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from tests.machine import need


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class PostgresServer:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.admin_url = os.environ.get("ONESTOP_TEST_POSTGRES", "")
        self._as_user: list[str] = []

    def start(self) -> None:
        if self.admin_url:
            return
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        need(initdb is not None and pg_ctl is not None, "PostgreSQL server programs (initdb)")
        assert initdb and pg_ctl
        self.folder = Path(tempfile.mkdtemp(prefix="onestop-pg-"))
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: run it as the postgres system user.
            shutil.chown(self.folder, "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]
        data = self.folder / "data"
        subprocess.run([*self._as_user, initdb, "-D", str(data), "-U", "postgres", "-A", "trust",
                        "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        port = self._listen(pg_ctl, data)
        self.admin_url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.admin_url).close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def _listen(self, pg_ctl: str, data: Path) -> int:
        """Starts the server on a free port. A port found free can be taken before the server
        binds it (another test process starts its own server too): then it tries another."""
        assert self.folder is not None
        for _attempt in range(5):
            port = _free_port()
            started = subprocess.run(
                [*self._as_user, pg_ctl, "-D", str(data), "-l", str(self.folder / "log"), "-w",
                 "-t", "300", "-o",
                 f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                 "-c max_connections=200", "start"], capture_output=True)
            if started.returncode == 0:
                return port
            if "could not bind" not in (self.folder / "log").read_text(errors="replace"):
                break
        raise RuntimeError(f"PostgreSQL did not start: {started.stdout.decode(errors='replace')}"
                           f"{(self.folder / 'log').read_text(errors='replace')[-2000:]}")

    def new_database(self, template: str | None = None) -> str:
        name = f"onestop_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.admin_url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        if self.folder is None:
            return
        pg_ctl = _pg_bin("pg_ctl")
        assert pg_ctl
        subprocess.run([*self._as_user, pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)
