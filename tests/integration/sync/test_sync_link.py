"""The province link as the settings describe it, and the loop that keeps a counter in sync."""

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from onestop import dossiers, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import DomainError
from onestop.workdays import LOCAL_ZONE
from sync.province_link import PASSWORD_VARIABLE, open_client, save_password
from sync.provincial_server import RunningServer
from sync.report import SyncReport
from sync.run import keep_syncing
from tests.conftest import Office


def configure(office: Office, url: str, username: str = "motcua") -> None:
    with office.store.write() as session:
        settings.put(session, office.technician, "province.url", url)
        settings.put(session, office.technician, "province.username", username)


def test_a_counter_without_a_province_address_is_told_what_to_set(office: Office) -> None:
    with pytest.raises(DomainError) as refused:
        open_client(office.store)
    assert refused.value.field == "province.url"


def test_a_saved_password_is_used(office: Office, start_province: Callable[..., RunningServer],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    kept: dict[tuple[str, str], str] = {}
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setattr("keyring.set_password",
                        lambda service, username, password: kept.update({(service, username):
                                                                          password}))
    monkeypatch.setattr("keyring.get_password",
                        lambda service, username: kept.get((service, username)))
    province = start_province(catalogue=[])
    configure(office, province.url)
    save_password("motcua", "motcua-demo")
    with open_client(office.store) as client:
        assert client.pull_days_off(2027) == []


def test_a_missing_password_is_named(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setattr("keyring.get_password", lambda service, username: None)
    configure(office, "https://tinh.example")
    with pytest.raises(DomainError) as refused:
        open_client(office.store)
    assert "motcua" in str(refused.value)


def test_the_loop_keeps_the_province_in_step_until_stopped(
        office: Office, start_province: Callable[..., RunningServer],
        monkeypatch: pytest.MonkeyPatch) -> None:
    province = start_province(catalogue=[])
    configure(office, province.url)
    monkeypatch.setenv(PASSWORD_VARIABLE, "motcua-demo")
    received_at = datetime.now(LOCAL_ZONE) - timedelta(days=2)
    code = dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Trần Thị Bích"), received_at=received_at)).code
    reports: list[SyncReport] = []
    stop = threading.Event()

    def on_report(report: SyncReport) -> None:
        reports.append(report)
        if len(reports) == 2:
            stop.set()

    loop = threading.Thread(target=keep_syncing, args=(office.store,
                                                       lambda: open_client(office.store), stop),
                            kwargs={"interval": 0.05, "on_report": on_report})
    loop.start()
    loop.join(timeout=30)
    assert not loop.is_alive()
    assert [report.complete for report in reports] == [True, True]
    assert reports[0].dossiers_sent == 1 and reports[1].dossiers_sent == 0
    assert code in province.province.dossier_versions()


def test_the_loop_backs_off_while_the_link_is_wrong(
        office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "motcua-demo")
    reports: list[SyncReport] = []
    stop = threading.Event()

    def on_report(report: SyncReport) -> None:
        reports.append(report)
        stop.set()

    keep_syncing(office.store, lambda: open_client(office.store), stop, interval=0.05,
                 on_report=on_report)
    [report] = reports
    assert not report.complete and "địa chỉ" in report.error
