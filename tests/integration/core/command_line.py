"""The program's command line as a separate process, on a demo data dir whose accounts have the demo
password, and what its audit log then says."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from onestop import audit
from onestop.demo import DEMO_PASSWORD
from onestop.roles import SYSTEM
from onestop.store.engine import open_store

ROOT = Path(__file__).resolve().parents[3]
COMMAND = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]


def onestop(*args: str, password: str | None = DEMO_PASSWORD, timeout: float = 120,
            **options: Any) -> subprocess.CompletedProcess[str]:
    """`onestop ARGS` with the account password in ONESTOP_PASSWORD (none when None) and no
    terminal on its standard input."""
    env = {name: value for name, value in os.environ.items() if name != "ONESTOP_PASSWORD"}
    if password is not None:
        env["ONESTOP_PASSWORD"] = password
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, timeout=timeout, **options)


def make_demo(folder: Path, dossiers: int = 6) -> Path:
    made = onestop("demo", "--data-dir", str(folder), "--dossiers", str(dossiers))
    assert made.returncode == 0, made.stderr
    return folder


def copy_of(demo: Path, into: Path) -> Path:
    shutil.copytree(demo, into)
    return into


def audit_rows(data_dir: Path, **wanted: str) -> list[audit.AuditRow]:
    """Newest first."""
    store = open_store(data_dir)
    try:
        return audit.entries(store, SYSTEM, audit.AuditFilter(**wanted))
    finally:
        store.close()


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The reason a command gave for ending, checked to be one plain line of words."""
    assert result.stderr.count("\n") == 1, result.stderr
    for raw in ("Traceback", "sqlalchemy", "sqlite3", "[SQL", "Error:", "psycopg"):
        assert raw not in result.stderr, result.stderr
    return result.stderr.strip()
