"""The technicians' province-link screen and the window's watch on the link, against the
reference provincial server on loopback."""

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from onestop import dossiers, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.store.engine import Store
from onestop.store.models import OutboxItem
from onestop.workdays import LOCAL_ZONE
from sync.client import Credentials, ProvincialClient
from sync.link_state import LinkState, sync_now
from sync.province_link import LinkCheck
from sync.province_password import password_file, save_password
from sync.provincial_server import RunningServer, serve
from tests.conftest import Office
from tests.ui.conftest import counter_setup, release
from ui.main_window import MainWindow
from ui.sync import link_watch
from ui.sync.link_watch import ProvinceLinkWatch
from ui.sync.province_link_screen import LinkSettings, ProvinceLinkScreen
from ui.sync.province_link_view import REASON
from ui.tasks import TaskManager

pytestmark = pytest.mark.usefixtures("no_keyring")

WAIT_MS = 15_000
RECEIVED_AT = datetime(2027, 3, 22, 9, 0, tzinfo=LOCAL_ZONE)


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningServer]:
    with serve(0, tmp_path / "tinh", catalogue=[]) as running:
        yield running


@pytest.fixture
def linked(ui_office: Office, province: RunningServer) -> Office:
    with ui_office.store.write() as session:
        settings.put_in(session, ui_office.technician, "province.url", province.url)
        settings.put_in(session, ui_office.technician, "province.username", "motcua")
    save_password(ui_office.store, ui_office.technician, "motcua", "motcua-demo")
    return ui_office


@pytest.fixture
def open_screen(qtbot: QtBot, tasks: TaskManager) -> Iterator[Callable[..., ProvinceLinkScreen]]:
    opened: list[ProvinceLinkScreen] = []

    def open_for(office: Office, role: str = "technician") -> ProvinceLinkScreen:
        assert tasks.store is office.store
        screen = ProvinceLinkScreen(tasks, getattr(office, role))
        opened.append(screen)
        with qtbot.waitSignals([screen.settings_loaded, screen.queue_loaded], timeout=WAIT_MS):
            pass
        return screen

    yield open_for
    for screen in opened:
        screen.shut_down()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT_MS)
    for screen in opened:
        release(screen)


def receive(office: Office, minutes: int = 0) -> str:
    return dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Văn An", "001099012345"),
        received_at=RECEIVED_AT.replace(minute=minutes))).code


def test_a_technician_sets_up_the_link_and_checks_it(
        ui_office: Office, province: RunningServer, open_screen: Callable[..., ProvinceLinkScreen],
        qtbot: QtBot) -> None:
    screen = open_screen(ui_office)
    view = screen.view
    assert view.agency.text() == "000.00.13.H24" and view.agency.isReadOnly()
    assert view.password.placeholderText() == "chưa có"
    view.address.setText(province.url)
    view.username.setText("motcua")
    view.password.setText("motcua-demo")
    with qtbot.waitSignal(screen.settings_saved, timeout=WAIT_MS) as saved:
        view.save.click()
    assert saved.args == [LinkSettings(province.url, "000.00.13.H24", "motcua", "file")]
    assert password_file(ui_office.store).is_file()
    assert view.password.text() == "" and "tệp" in view.password.placeholderText()

    with qtbot.waitSignal(screen.connection_checked, timeout=WAIT_MS) as checked:
        view.check.click()
    assert checked.args == [LinkCheck(True, "Kết nối được hệ thống tỉnh; tài khoản hợp lệ")]
    view.password.setText("sai-mat-khau")
    with qtbot.waitSignal(screen.connection_checked, timeout=WAIT_MS) as checked:
        view.check.click()
    [check] = checked.args
    assert not check.reached and "mật khẩu" in check.message
    assert view.link_result.text().startswith("✘")


def test_the_queue_shows_the_provinces_reasons_and_retry_now_sends_what_it_can(
        linked: Office, province: RunningServer, open_screen: Callable[..., ProvinceLinkScreen],
        qtbot: QtBot) -> None:
    refused, disputed = receive(linked, 0), receive(linked, 1)
    with linked.store.read() as session:
        payloads = {row.item_key: row.payload for row in session.scalars(select(OutboxItem))}
    set_payload(linked, refused, {**payloads[refused], "TrangThaiHoSo": 99})
    other_counter = Credentials("motcua", "motcua-demo", "000.00.13.H24")
    with ProvincialClient(province.url, other_counter) as client:
        client.push_dossiers([{**payloads[disputed], "ChuHoSo": "Người Khác"}], key="khac")
    assert sync_now(linked.store).online

    screen = open_screen(linked)
    table = screen.view.queue
    shown = {table.item(row, 0).text(): table.item(row, REASON).text()
             for row in range(table.rowCount())}
    assert "TrangThaiHoSo" in shown["Bị từ chối"] and "nội dung khác" in shown["Xung đột"]
    assert "bị từ chối: 1" in screen.view.summary.text()

    set_payload(linked, refused, payloads[refused])  # the province would take it now
    with qtbot.waitSignal(screen.synced, timeout=WAIT_MS) as synced:
        screen.view.retry.click()
    [state] = synced.args
    assert isinstance(state, LinkState) and state.online and state.waiting == 0
    qtbot.waitUntil(lambda: table.rowCount() == 0, timeout=WAIT_MS)
    assert province.province.dossier_versions() == {refused: 1, disputed: 2}


def set_payload(office: Office, code: str, payload: dict[str, object]) -> None:
    with office.store.write() as session:
        session.execute(update(OutboxItem).where(OutboxItem.item_key == code)
                        .values(payload=payload))


def test_reconcile_sends_again_what_a_restored_province_lost(
        linked: Office, province: RunningServer, open_screen: Callable[..., ProvinceLinkScreen],
        qtbot: QtBot, tmp_path: Path) -> None:
    codes = [receive(linked, n) for n in range(3)]
    province.province.backup(tmp_path / "tinh-cu.sqlite3")
    assert sync_now(linked.store).online
    province.province.restore(tmp_path / "tinh-cu.sqlite3")

    screen = open_screen(linked)
    screen.view.first_day.setDate(QDate(2027, 3, 22))
    screen.view.last_day.setDate(QDate(2027, 3, 22))
    with qtbot.waitSignal(screen.synced, timeout=WAIT_MS) as synced:
        screen.view.reconcile.click()
    [state] = synced.args
    assert state.report.requeued == 3
    assert sorted(province.province.dossier_versions()) == sorted(codes)
    assert "gửi lại 3 hồ sơ" in screen.view.outcome.text()

    screen.view.first_day.setDate(QDate(2027, 3, 23))
    with qtbot.waitSignal(screen.failed, timeout=WAIT_MS) as refused:
        screen.view.reconcile.click()
    assert "ngày đầu" in refused.args[0].lower() and screen.view.reconcile.isEnabled()


def test_an_officer_sees_the_queue_but_cannot_change_the_link(
        linked: Office, open_screen: Callable[..., ProvinceLinkScreen]) -> None:
    receive(linked)
    screen = open_screen(linked, "officer")
    view = screen.view
    assert view.address.isReadOnly() and view.password.isReadOnly()
    assert not (view.save.isEnabled() or view.retry.isEnabled() or view.reconcile.isEnabled())
    assert view.check.isEnabled() and "Chờ gửi: 1 hồ sơ" in view.summary.text()


@pytest.fixture
def watch(linked: Office, tasks: TaskManager) -> Iterator[ProvinceLinkWatch]:
    assert tasks.store is linked.store
    watching = ProvinceLinkWatch(tasks, interval_ms=50)
    yield watching
    watching.stop()
    release(watching)


def test_the_watch_says_online_and_what_waits_then_offline_when_the_province_goes(
        linked: Office, province: RunningServer, watch: ProvinceLinkWatch, qtbot: QtBot) -> None:
    receive(linked)
    with qtbot.waitSignal(watch.link_checked, timeout=WAIT_MS) as checked:
        watch.start()
    [state] = checked.args
    assert (state.configured, state.online, state.waiting, state.message) == (True, True, 0, "")
    assert state.report.dossiers_sent == 1

    province.stop()
    receive(linked, 5)
    with qtbot.waitSignal(watch.link_checked, timeout=WAIT_MS,
                          check_params_cb=lambda state: state.online is False) as checked:
        pass
    [state] = checked.args
    assert state.waiting == 2 and "kết nối" in state.message


def test_the_watch_never_runs_two_syncs_at_once(
        linked: Office, watch: ProvinceLinkWatch, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch shares the window's device workers, yet its runs follow one another."""
    lock = threading.Lock()
    running, most = 0, 0
    plain_sync = link_watch._sync

    def counted_sync(store: Store, now: datetime, reconcile: tuple[date, date] | None) -> LinkState:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            time.sleep(0.05)
            return plain_sync(store, now, reconcile)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(link_watch, "_sync", counted_sync)
    told: list[LinkState] = []
    watch.link_checked.connect(told.append)
    watch.start()

    def asked_again_and_told_often() -> bool:
        watch.sync_now()
        return len(told) >= 5

    qtbot.waitUntil(asked_again_and_told_often, timeout=WAIT_MS)
    assert most == 1 and all(state.online for state in told)


def test_a_watch_on_a_counter_without_a_link_says_so(
        ui_office: Office, tasks: TaskManager, qtbot: QtBot) -> None:
    watching = ProvinceLinkWatch(tasks, interval_ms=50)
    with qtbot.waitSignal(watching.link_checked, timeout=WAIT_MS) as checked:
        watching.start()
    watching.stop()
    release(watching)
    [state] = checked.args
    assert (state.configured, state.online) == (False, None) and "địa chỉ" in state.message


def test_a_procedure_the_province_publishes_reaches_the_counters_lists(
        linked: Office, province: RunningServer, tasks: TaskManager, qtbot: QtBot) -> None:
    window = MainWindow(tasks, linked.officer, counter_setup(linked.store))
    qtbot.addWidget(window)
    assert window.intake is not None and window.dossier_list is not None
    picker, listed = window.intake.view.procedure, window.dossier_list.view.procedure
    qtbot.waitUntil(lambda: window.province_watch.state is not None and listed.count() > 1
                    and picker.model.rowCount() > 0, timeout=WAIT_MS)
    picker.search.setText("thu nghiem cua tinh")

    def offered() -> list[str]:
        return [p.code for p in (picker.model.procedure_at(r) for r in range(picker.model.rowCount()))
                if p is not None]

    assert "9.000001" not in offered()
    province.province.publish_procedures([{
        "MaTTHC": "9.000001", "TenTTHC": "Cấp giấy xác nhận thử nghiệm của tỉnh", "HieuLuc": True,
        "ThoiHanGiaiQuyet": {"SoLuong": None, "DonVi": "TrongNgay"},
        "PhiLePhi": [{"MaPhiLePhi": "phi", "TenPhiLePhi": "Lệ phí", "Gia": 2000}],
        "ThanhPhanHoSo": []}])
    window.province_watch.sync_now()
    qtbot.waitUntil(lambda: "9.000001" in offered() and listed.findData("9.000001") > 0,
                    timeout=WAIT_MS)
    window.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT_MS)


def test_a_status_the_province_sets_shows_in_the_open_list_and_dossier_window(
        linked: Office, province: RunningServer, tasks: TaskManager, qtbot: QtBot) -> None:
    code = receive(linked)
    window = MainWindow(tasks, linked.officer, counter_setup(linked.store))
    qtbot.addWidget(window)
    assert window.dossier_list is not None
    table = window.dossier_list.view.model

    def shown_status() -> str | None:
        for row in range(table.rowCount()):
            if table.code_at(row) == code:
                cells = [table.data(table.index(row, column)) for column in range(table.columnCount())]
                return next((cell for cell in cells if cell in ("Đã tiếp nhận", "Đã có kết quả")), None)
        return None

    window.show_dossier_list()
    qtbot.waitUntil(lambda: window.province_watch.state is not None
                    and window.province_watch.state.waiting == 0
                    and shown_status() == "Đã tiếp nhận", timeout=WAIT_MS)
    dialog = window.open_dossier(code)
    qtbot.waitUntil(lambda: dialog.view.status.text() == "Đã tiếp nhận", timeout=WAIT_MS)
    province.province.process_dossier(code, 9, "Đã có kết quả")
    with qtbot.waitSignal(tasks.store_changed, timeout=WAIT_MS,
                          check_params_cb=lambda changes: code in changes.dossiers):
        window.province_watch.sync_now()
    qtbot.waitUntil(lambda: shown_status() == "Đã có kết quả"
                    and dialog.view.status.text() == "Đã có kết quả", timeout=WAIT_MS)
    dialog.view.reject()
    window.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT_MS)
