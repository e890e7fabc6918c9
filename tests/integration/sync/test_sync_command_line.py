"""The province link as a technician or a script drives it: `onestop sync`, its queue, retry,
reconcile, the province password and the simulated province, against a real store and server."""

import io
import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from cli import main
from cli.context import ACCOUNT_PASSWORD_VARIABLE
from onestop import dossiers, outbox
from onestop.dossiers import ApplicantInput, Intake
from onestop.store.engine import Store
from onestop.store.models import OutboxItem
from onestop.workdays import LOCAL_ZONE
from sync.client import Credentials, ProvincialClient
from sync.province_password import PASSWORD_VARIABLE, password_file
from sync.provincial_server import RunningServer
from tests.conftest import PASSWORD, Office

REPO = Path(__file__).resolve().parents[3]
RECEIVED_AT = datetime(2027, 3, 22, 9, 0, tzinfo=LOCAL_ZONE)


@pytest.fixture
def store_options(office: Office) -> list[str]:
    options = ["--data-dir", str(office.store.attachments_dir.parent)]
    if not office.store.is_sqlite:
        options += ["--database-url", office.store.engine.url.render_as_string(hide_password=False)]
    return options


@pytest.fixture
def onestop(store_options: list[str],
            capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `onestop ARGS` on the office's store, as the technician unless another account is
    named; returns the exit code, stdout and stderr."""

    def run(*args: str) -> tuple[int, str, str]:
        account = [] if "--user" in args else ["--user", "kythuat"]
        try:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv(ACCOUNT_PASSWORD_VARIABLE, PASSWORD)
                code = main([*args, *store_options, *account])
        except SystemExit as exit_:  # what argparse does with bad input
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def linked(office: Office, onestop: Callable[..., tuple[int, str, str]],
           start_province: Callable[..., RunningServer], no_keyring: None) -> RunningServer:
    """A province, and the counter set up for it the way a technician does."""
    province = start_province(catalogue=[])
    for key, value in (("province.url", province.url), ("province.username", "motcua"),
                       ("province.password", "motcua-demo")):
        code, _out, err = onestop("config", "set", key, value)
        assert code == 0, err
    return province


def receive(office: Office, minutes: int = 0) -> str:
    return dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Văn An", "001099012345"),
        received_at=RECEIVED_AT + timedelta(minutes=minutes))).code


def versions(office: Office, codes: list[str]) -> dict[str, int]:
    return {code: dossiers.show(office.store, office.supervisor, code).version for code in codes}


def rows(store: Store, kind: str = outbox.DOSSIER) -> list[OutboxItem]:
    with store.read() as session:
        return list(session.scalars(select(OutboxItem).where(OutboxItem.kind == kind)
                                    .order_by(OutboxItem.seq)))


def test_the_password_goes_to_a_file_only_its_owner_reads_when_no_keyring_works(
        office: Office, onestop: Callable[..., tuple[int, str, str]], linked: RunningServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = password_file(office.store)
    assert json.loads(path.read_text(encoding="utf-8"))["password"] == "motcua-demo"
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    code, out, _err = onestop("config", "get", "province.password", "--json")
    assert code == 0 and "motcua-demo" not in out
    assert json.loads(out) == {"province.password": {"kept_in": "file", "file": str(path)}}
    code, out, _err = onestop("config", "get", "--json")
    assert "motcua-demo" not in out

    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-moi\n"))
    assert onestop("config", "set", "province.password", "-")[0] == 0
    assert json.loads(path.read_text(encoding="utf-8"))["password"] == "mat-khau-moi"


def test_sync_once_pushes_pulls_and_reports(
        office: Office, onestop: Callable[..., tuple[int, str, str]], linked: RunningServer) -> None:
    codes = [receive(office, n) for n in range(2)]
    linked.province.declare_day(datetime(2027, 4, 30).date(), "Nghi", "Giải phóng miền Nam")
    code, out, err = onestop("sync", "--once", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["step"], report["error"], report["dossiers_sent"]) == ("done", "", 2)
    assert linked.province.dossier_versions() == versions(office, codes)

    code, out, err = onestop("sync", "status", "--json")
    assert code == 0, err
    status = json.loads(out)
    assert status["province"] == {"url": linked.url, "username": "motcua", "password": "file"}
    assert status["waiting"] == {"dossier": 0, "progress": 0, "file": 0}
    assert status["failed"] == status["conflicts"] == []


@pytest.mark.skipif(os.name == "nt", reason="Ctrl+C reaches a Windows console process otherwise")
def test_the_sync_service_tells_each_run_and_stops_on_ctrl_c(
        office: Office, store_options: list[str], linked: RunningServer) -> None:
    code = receive(office)
    env = {name: value for name, value in os.environ.items() if name != PASSWORD_VARIABLE}
    command = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
               "sync", "--interval", "0.2", "--json", *store_options]
    with subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8") as service:
        assert service.stdout is not None
        runs = [json.loads(service.stdout.readline()) for _run in range(2)]
        service.send_signal(signal.SIGINT)
        _rest, errors = service.communicate(timeout=30)
    assert service.returncode == 0, errors
    assert [run["error"] for run in runs] == ["", ""]
    assert [run["dossiers_sent"] for run in runs] == [1, 0]
    assert linked.province.dossier_versions() == {code: 1}


def test_a_province_out_of_reach_exits_1_with_one_line_and_keeps_the_queue(
        office: Office, onestop: Callable[..., tuple[int, str, str]], no_keyring: None) -> None:
    receive(office)
    for key, value in (("province.url", "http://127.0.0.1:9"), ("province.username", "motcua"),
                       ("province.password", "motcua-demo")):
        assert onestop("config", "set", key, value)[0] == 0
    code, out, err = onestop("sync", "--once", "--json")
    assert code == 1
    assert err.count("\n") == 1 and "Không kết nối được máy chủ tỉnh" in err
    assert json.loads(out)["error"] and json.loads(out)["postponed"]

    code, out, _err = onestop("sync", "status", "--json")
    [waiting] = json.loads(out)["postponed"][:1]
    assert waiting["reason"] == "Không kết nối được máy chủ tỉnh" and waiting["attempts"] == 1
    assert {row.state for row in rows(office.store)} == {outbox.PENDING}


def test_sync_without_a_province_set_up_is_bad_input(
        onestop: Callable[..., tuple[int, str, str]]) -> None:
    code, _out, err = onestop("sync", "--once")
    assert code == 2 and err.count("\n") == 1 and "địa chỉ" in err


def test_the_queue_shows_the_provinces_reasons_and_retry_settles_what_it_can(
        office: Office, onestop: Callable[..., tuple[int, str, str]], linked: RunningServer,
        connect: Callable[..., ProvincialClient]) -> None:
    refused, disputed, _fine = codes = [receive(office, n) for n in range(3)]
    payloads = {row.item_key: row.payload for row in rows(office.store)}
    broken = {**payloads[refused], "TrangThaiHoSo": 99}
    set_payload(office.store, refused, broken)
    connect(linked.url).push_dossiers([{**payloads[disputed], "ChuHoSo": "Người Khác"}],
                                      key="another-counter")

    code, out, err = onestop("sync", "--once", "--json")
    assert code == 1 and err.count("\n") == 1 and "sync status" in err
    report = json.loads(out)
    assert (report["dossiers_sent"], report["failed"], report["conflicts"]) == (1, 1, 1)
    code, out, _err = onestop("sync", "status", "--json")
    status = json.loads(out)
    [failed], [conflict] = status["failed"], status["conflicts"]
    assert (failed["dossier_code"], failed["kind"]) == (refused, "dossier")
    assert "TrangThaiHoSo" in failed["reason"]
    assert conflict["dossier_code"] == disputed and "nội dung khác" in conflict["reason"]

    set_payload(office.store, refused, payloads[refused])  # the province would take it now
    code, out, _err = onestop("sync", "retry", "--json")
    assert json.loads(out) == {"due_now": 0, "requeued": 1, "resent": 1, "superseded": 0,
                               "left": 0}
    assert onestop("sync", "--once")[0] == 0
    assert linked.province.dossier_versions() == versions(office, codes)
    held = linked.province.dossier(disputed)
    assert held is not None and (held["PhienBan"], held["ChuHoSo"]) == (2, "Nguyễn Văn An")
    assert all(dossiers.show(office.store, office.officer, code).at_province for code in codes)
    code, out, _err = onestop("sync", "status", "--json")
    assert json.loads(out)["failed"] == json.loads(out)["conflicts"] == []


def set_payload(store: Store, dossier_code: str, payload: dict[str, Any]) -> None:
    with store.write() as session:
        session.execute(update(OutboxItem).where(OutboxItem.item_key == dossier_code)
                        .values(payload=payload))


def test_reconcile_sends_again_what_a_restored_province_lost(
        office: Office, onestop: Callable[..., tuple[int, str, str]], linked: RunningServer,
        tmp_path: Path) -> None:
    codes = [receive(office, n) for n in range(3)]
    assert onestop("sync", "--once")[0] == 0
    linked.province.backup(tmp_path / "tinh-hom-qua.sqlite3")
    dossiers.transition(office.store, office.officer, codes[0], "in_process")
    codes.append(receive(office, 10))
    assert onestop("sync", "--once")[0] == 0
    linked.province.restore(tmp_path / "tinh-hom-qua.sqlite3")

    code, out, err = onestop("sync", "reconcile", "--from", "2027-03-22", "--to", "2027-03-22",
                             "--json")
    assert code == 0, err
    assert json.loads(out)["requeued"] == 2
    assert linked.province.dossier_versions() == versions(office, codes)


@pytest.mark.parametrize("days", [("2027-03-22", "2027-03-21"), ("2026-01-01", "2027-03-22"),
                                  ("2027-03-22", "hôm nay")], ids=["backwards", "too long", "not a day"])
def test_a_reconcile_range_that_makes_no_sense_is_bad_input(
        onestop: Callable[..., tuple[int, str, str]], days: tuple[str, str]) -> None:
    code, _out, err = onestop("sync", "reconcile", "--from", days[0], "--to", days[1])
    assert code == 2 and err.strip()


def test_the_simulated_province_starts_from_the_program(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
               "provincial-sim", "--port", "0", "--json", "--data-dir", str(tmp_path / "tinh"),
               "--fault-rate", "0.1", "--seed", "7"]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, encoding="utf-8") as process:
        try:
            assert process.stdout is not None
            url = json.loads(process.stdout.readline())["url"]
            credentials = Credentials("motcua", "motcua-demo", "000.00.13.H24")
            with ProvincialClient(url, credentials, read_timeout=5) as client:
                client.authenticate()
        finally:
            process.terminate()
            process.communicate(timeout=10)
    assert (tmp_path / "tinh" / "province.sqlite3").is_file()


def test_the_simulators_bad_input_exits_2(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as bad:
        main(["provincial-sim", "--port", "0", "--data-dir", str(tmp_path), "--fault-rate", "2"])
    assert bad.value.code == 2 and capsys.readouterr().err.strip()


@pytest.mark.parametrize("interval", ["nan", "inf", "-inf", "-5", "0", "1e9", "sáu mươi"])
def test_the_sync_service_takes_only_a_sane_interval(
        onestop: Callable[..., tuple[int, str, str]], linked: RunningServer, interval: str) -> None:
    code, _out, err = onestop("sync", f"--interval={interval}")
    assert code == 2 and err.count("\n") == 1 and "--interval" in err


def test_sync_once_exits_1_when_a_change_from_the_province_was_set_aside(
        office: Office, onestop: Callable[..., tuple[int, str, str]], linked: RunningServer) -> None:
    code = receive(office)
    assert onestop("sync", "--once")[0] == 0
    linked.province.hostility.impossible_dates = True
    linked.province.process_dossier(code, 9, "Đã có kết quả")

    exit_code, out, err = onestop("sync", "--once", "--json")
    assert exit_code == 1 and err.count("\n") == 1 and "sync status" in err
    assert json.loads(out)["changes_set_aside"] == 1
    exit_code, out, _err = onestop("sync", "status", "--json")
    status = json.loads(out)
    assert status["changes_set_aside"] == 1
    [aside] = status["set_aside"]
    assert aside["dossier_code"] == code and "00010101000000" in aside["reason"]
    assert onestop("sync", "--once")[0] == 0  # the cursor moved on: nothing new to set aside
