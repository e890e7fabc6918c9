"""What a careless or hostile hand gives the command line ends as one line and exit 2, never as a
hang, a flood of memory, a traceback, the driver's words or escape sequences sent to the terminal;
looks at citizens' data through `search` are audited, and printers stay the ones set up."""

import json
import os
import resource
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from onestop.store.engine import DATABASE_FILE
from tests.integration.core.command_line import (
    COMMAND,
    ROOT,
    audit_rows,
    copy_of,
    make_demo,
    one_line,
    onestop,
)
from tests.machine import need

QR = "001099012345|123456789|Nguyễn Văn An|01011999|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021"
ESCAPES = "\x1b]0;bi-chiem\x07\x1b[2J\x9b31m\u202e"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "data")


@pytest.fixture
def office(demo: Path, tmp_path: Path) -> Path:
    return copy_of(demo, tmp_path / "data")


def dossier_count(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        count: int = connection.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    return count


# --- search -----------------------------------------------------------------------------------


def test_a_search_is_audited_with_what_was_typed_and_what_was_shown(demo: Path) -> None:
    found = onestop("search", "Nguyễn", "--user", "canbo", "--data-dir", str(demo), "--json")
    assert found.returncode == 0, found.stderr
    shown = [row["code"] for row in json.loads(found.stdout)]
    assert shown
    looked = audit_rows(demo, action="dossier.view", actor="canbo")[0]
    assert looked.details == {"search": "Nguyễn", "shown": shown}


@pytest.mark.parametrize("limit", ["-1", "0", "201", "99999999999999999999"])
def test_the_search_limit_is_capped(demo: Path, limit: str) -> None:
    result = onestop("search", "0", "--limit", limit, "--user", "canbo", "--data-dir", str(demo))
    assert result.returncode == 2
    assert "--limit" in one_line(result) and result.stdout == ""


# --- printers ---------------------------------------------------------------------------------


def test_an_officer_prints_only_to_the_printer_set_up(office: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "lay-trom.bin"
    result = onestop("dossier", "receive", "--procedure", "1.001193", "--qr", QR,
                     "--print", elsewhere.as_uri(), "--user", "canbo", "--data-dir", str(office))
    assert result.returncode == 2 and "máy in đã cài" in one_line(result)
    assert not elsewhere.exists()
    assert dossier_count(office) == 6, "refused before anything was received"


def test_an_officer_tries_only_the_printer_set_up(office: Path, tmp_path: Path) -> None:
    tried = onestop("printer", "test", "--user", "canbo", "--data-dir", str(office), "--json")
    assert tried.returncode == 0, tried.stderr
    assert json.loads(tried.stdout)["sent"] is True
    elsewhere = tmp_path / "lay-trom"
    refused = onestop("printer", "test", "--printer", f"virtual://{elsewhere.as_posix()}",
                      "--user", "canbo", "--data-dir", str(office))
    assert refused.returncode == 2 and "máy in đã cài" in one_line(refused)
    assert not elsewhere.exists()


def test_a_printer_path_cannot_climb_out_or_make_folders(office: Path, tmp_path: Path) -> None:
    climbing = f"virtual://{(tmp_path / 'slips').as_posix()}/../../ngoai"
    result = onestop("printer", "test", "--printer", climbing, "--user", "kythuat",
                     "--data-dir", str(office))
    assert result.returncode == 2 and "“..”" in one_line(result)
    deep = tmp_path / "khong" / "co" / "thu-muc"
    result = onestop("printer", "test", "--printer", f"virtual://{deep.as_posix()}",
                     "--user", "kythuat", "--data-dir", str(office))
    assert result.returncode == 1
    assert not (tmp_path / "khong").exists()


# --- what is printed --------------------------------------------------------------------------


def test_escape_sequences_reach_the_terminal_spelled_out(office: Path) -> None:
    refused = onestop("dossier", "receive", "--procedure", "1.001193", "--name", "Lê Văn Bốn",
                      "--received-at", f"hôm qua{ESCAPES}", "--user", "canbo",
                      "--data-dir", str(office))
    assert refused.returncode == 2
    assert "\\u001b]0;bi-chiem\\u0007\\u001b[2J\\u009b31m\\u202e" in one_line(refused)

    card = QR.replace("Nguyễn Văn An", f"Nguyễn{ESCAPES} Văn An")
    received = onestop("dossier", "receive", "--procedure", "1.001193", "--qr", card,
                       "--user", "canbo", "--data-dir", str(office), "--json")
    outputs = [received.stdout, received.stderr]
    if received.returncode == 0:
        code = json.loads(received.stdout)["code"]
        for as_json in ([], ["--json"]):
            shown = onestop("dossier", "show", code, *as_json, "--user", "canbo",
                            "--data-dir", str(office))
            assert shown.returncode == 0, shown.stderr
            outputs += [shown.stdout, shown.stderr]
            assert "\\u001b" in shown.stdout
        assert json.loads(shown.stdout)["applicant"]["full_name"] == f"Nguyễn{ESCAPES} Văn An"
    for text in outputs:
        assert not {"\x1b", "\x07", "\x9b", "\u202e"} & set(text)


def test_a_closed_pipe_ends_the_command_quietly(demo: Path) -> None:
    env = {**os.environ, "ONESTOP_PASSWORD": "motcua2026"}
    with subprocess.Popen([*COMMAND, "catalogue", "list", "--all", "--json", "--user", "canbo",
                           "--data-dir", str(demo)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as command:
        assert command.stdout is not None
        command.stdout.close()  # as `| head -1` does once it has its line
        _out, err = command.communicate(timeout=120)
    assert err == ""
    assert command.returncode == 1


# --- what is read -----------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A named pipe no one writes to: a command that opens it to read waits for ever."""
    path = tmp_path / "ong-dan"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "big", "folder"])
def test_a_passphrase_file_that_is_no_small_file_is_refused_at_once(
        office: Path, tmp_path: Path, fifo: Path, source: str) -> None:
    need(Path("/dev/zero").exists(), "no /dev/zero on this system")
    path = {"/dev/zero": Path("/dev/zero"), "fifo": fifo, "big": tmp_path / "big.txt",
            "folder": tmp_path}[source]
    if source == "big":
        path.write_text("x" * 5000, encoding="utf-8")
    result = onestop("backup", str(tmp_path / "sao-luu.onestop-backup"), "--passphrase-file",
                     str(path), "--user", "kythuat", "--data-dir", str(office), timeout=60)
    assert result.returncode == 2
    assert str(path) in one_line(result)
    assert not (tmp_path / "sao-luu.onestop-backup").exists()


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
@pytest.mark.parametrize("command", ["attach", "catalogue", "restore"])
def test_a_fifo_or_a_device_named_to_be_read_is_refused_at_once(office: Path, fifo: Path,
                                                                source: str, command: str) -> None:
    need(Path("/dev/zero").exists(), "no /dev/zero on this system")
    path = str(Path("/dev/zero") if source == "/dev/zero" else fifo)
    code = audit_rows(office, action="dossier.receive")[0].subject
    args = {"attach": ["dossier", "attach", code, path, "--user", "canbo"],
            "catalogue": ["catalogue", "import", path, "--user", "lanhdao"],
            "restore": ["restore", path, "--check", "--user", "kythuat"]}[command]
    result = onestop(*args, "--data-dir", str(office), timeout=60)
    assert result.returncode == 2
    assert path in one_line(result)


# --- errors a person can cause ----------------------------------------------------------------


@pytest.mark.parametrize(("args", "says"), [
    (["dossier", "receive", "--procedure", "1.001193", "--name", "Lê Văn Bốn",
      "--received-at", "0001-01-01T00:00"], "năm"),
    (["dossier", "receive", "--procedure", "1.001193", "--name", "Lê Văn Bốn",
      "--received-at", "9999-12-31T23:59"], "năm"),
    (["dossier", "receive", "--procedure", "1.001193", "--name", "Lê Văn Bốn",
      "--sets", "99999999999999999999"], "--sets"),
    (["printer", "retry", "99999999999999999999"], "job"),
    (["calendar", "show", "0"], "year"),
    (["calendar", "due", "--received-at", "9999-12-31T23:00", "--working-days", "5"], "năm"),
    (["audit", "list", "--from", "0001-01-01"], "năm"),
])
def test_bad_numbers_and_dates_end_in_one_line(office: Path, args: list[str], says: str) -> None:
    result = onestop(*args, "--user", "canbo", "--data-dir", str(office))
    assert result.returncode == 2
    assert says in one_line(result)
    assert dossier_count(office) == 6


def test_a_junk_database_address_ends_in_one_line(tmp_path: Path) -> None:
    for url in ("junk", "khong-phai://dia-chi", "postgresql://a:b@[::1"):
        result = onestop("search", "an", "--user", "canbo", "--database-url", url,
                         "--data-dir", str(tmp_path))
        assert result.returncode == 2
        assert "--database-url" in one_line(result)


def test_a_database_server_out_of_reach_ends_in_one_line_and_exit_1(tmp_path: Path) -> None:
    result = onestop("search", "an", "--user", "canbo", "--database-url",
                     "postgresql://motcua@127.0.0.1:1/onestop", "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "máy chủ CSDL" in one_line(result)


def _read_only(path: Path, on: bool) -> None:
    if os.geteuid() == 0:
        # the machine's administrator writes past any mode; the immutable flag stops even them
        for item in (path, path / DATABASE_FILE):
            done = subprocess.run(["chattr", "+i" if on else "-i", str(item)], check=False,
                                  capture_output=True)
            need(done.returncode == 0, "chattr cannot make the data dir read-only here")
        return
    path.chmod(0o555 if on else 0o755)
    (path / DATABASE_FILE).chmod(0o444 if on else 0o644)


def test_a_read_only_data_dir_ends_in_one_line(office: Path) -> None:
    need(os.geteuid() != 0 or shutil.which("chattr") is not None,
         "chattr (e2fsprogs) is not installed")
    _read_only(office, True)
    try:
        result = onestop("search", "an", "--user", "canbo", "--data-dir", str(office))
    finally:
        _read_only(office, False)
    assert result.returncode == 2
    assert "chỉ cho đọc" in one_line(result)


def _a_small_disk() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_a_full_disk_ends_in_one_line_and_stores_nothing(office: Path) -> None:
    result = onestop("dossier", "receive", "--procedure", "1.001193", "--name", "Lê Văn Bốn",
                     "--user", "canbo", "--data-dir", str(office), preexec_fn=_a_small_disk)
    assert result.returncode == 2
    assert "đầy" in one_line(result)
    assert dossier_count(office) == 6


def test_a_wal_deleted_under_a_running_counter_ends_in_one_line(office: Path) -> None:
    counter = sqlite3.connect(office / DATABASE_FILE, isolation_level=None)
    try:
        counter.execute("PRAGMA wal_autocheckpoint=0")
        counter.execute("CREATE TABLE written_meanwhile (x)")
        counter.execute("INSERT INTO written_meanwhile VALUES (1)")
        wal = office / f"{DATABASE_FILE}-wal"
        assert wal.stat().st_size > 0
        wal.unlink()
        result = onestop("search", "an", "--user", "canbo", "--data-dir", str(office))
    finally:
        counter.close()
    assert result.returncode == 2
    assert "-wal" in one_line(result)
