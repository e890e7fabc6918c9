"""The province link as the settings describe it, and the loop that keeps a counter in sync."""

import os
import stat
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlalchemy import select

from onestop import dossiers, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import DomainError, NotAllowed
from onestop.store.models import AuditEntry
from onestop.workdays import LOCAL_ZONE
from sync.province_link import open_client
from sync.province_password import PASSWORD_VARIABLE, find_password, password_file, save_password
from sync.provincial_server import RunningServer
from sync.report import SyncReport
from sync.run import keep_syncing
from tests.conftest import Office


def configure(office: Office, url: str, username: str = "motcua") -> None:
    with office.store.write() as session:
        settings.put_in(session, office.technician, "province.url", url)
        settings.put_in(session, office.technician, "province.username", username)


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
    assert save_password(office.store, office.technician, "motcua", "motcua-demo") == "keyring"
    with open_client(office.store) as client:
        assert client.pull_days_off(2027) == []


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def keyring_in_use(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[KeyringBackend], None]]:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    before = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(before)


def test_without_a_keyring_the_password_goes_to_a_file_only_its_owner_reads(
        office: Office, start_province: Callable[..., RunningServer],
        keyring_in_use: Callable[[KeyringBackend], None]) -> None:
    keyring_in_use(fail.Keyring())
    province = start_province(catalogue=[])
    configure(office, province.url)
    assert save_password(office.store, office.technician, "motcua", "motcua-demo") == "file"
    if os.name != "nt":
        assert stat.S_IMODE(password_file(office.store).stat().st_mode) == 0o600
    with open_client(office.store) as client:
        assert client.pull_days_off(2027) == []
    with office.store.read() as session:
        [entry] = session.scalars(select(AuditEntry).where(
            AuditEntry.subject == "province.password")).all()
    assert entry.actor == "kythuat" and "motcua-demo" not in str(entry.details)


def test_a_keyring_that_works_again_takes_the_password_from_the_file(
        office: Office, keyring_in_use: Callable[[KeyringBackend], None]) -> None:
    keyring_in_use(fail.Keyring())
    save_password(office.store, office.admin, "motcua", "cu")
    memory = MemoryKeyring()
    keyring_in_use(memory)
    assert save_password(office.store, office.admin, "motcua", "moi") == "keyring"
    assert not password_file(office.store).exists()
    kept = find_password(office.store, "motcua")
    assert kept is not None and (kept.password, kept.kept_in) == ("moi", "keyring")
    assert find_password(office.store, "tai-khoan-khac") is None


def test_an_officer_cannot_change_the_province_password(
        office: Office, keyring_in_use: Callable[[KeyringBackend], None]) -> None:
    keyring_in_use(fail.Keyring())
    with pytest.raises(NotAllowed):
        save_password(office.store, office.officer, "motcua", "motcua-demo")
    assert not password_file(office.store).exists()


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
