"""The counter's outbox and pulls against the reference province, on SQLite and PostgreSQL."""

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from onestop import attachments, dossiers, outbox
from onestop.catalogue import get_procedure_in
from onestop.dossiers import ApplicantInput, Intake
from onestop.resources import resource_path
from onestop.store.models import CalendarDay, OutboxItem, StatusChange
from onestop.workdays import LOCAL_ZONE
from sync.client import ProvincialClient
from sync.provincial_server import Fault, RunningServer
from sync.report import SyncReport
from sync.run import run_once
from tests.conftest import Office

PROCEDURE = "1.004873"
AN = ApplicantInput("Nguyễn Văn An", "001099012345", address="Số 1 Tràng Tiền",
                    phone="0912345678")
RECEIVED_AT = datetime(2027, 3, 22, 9, 0, tzinfo=LOCAL_ZONE)
SAMPLE = json.loads(resource_path("sample-catalogue.json").read_text(encoding="utf-8"))


def receive(office: Office, minutes: int = 0) -> str:
    return dossiers.receive(office.store, office.officer, Intake(
        PROCEDURE, AN, received_at=RECEIVED_AT + timedelta(minutes=minutes))).code


def outbox_rows(office: Office) -> list[OutboxItem]:
    with office.store.read() as session:
        return list(session.scalars(select(OutboxItem).order_by(OutboxItem.seq)))


def counter_uids(office: Office) -> list[str]:
    with office.store.read() as session:
        return sorted(session.scalars(select(StatusChange.uid).where(
            StatusChange.source == "counter")))


def versions(office: Office, codes: list[str]) -> dict[str, int]:
    return {code: dossiers.show(office.store, office.supervisor, code).version
            for code in codes}


@pytest.fixture
def linked(start_province: Callable[..., RunningServer],
           connect: Callable[..., ProvincialClient]) -> Callable[..., tuple[RunningServer,
                                                                            ProvincialClient]]:
    def link(**options: Any) -> tuple[RunningServer, ProvincialClient]:
        province = start_province(**{"catalogue": [], **options})
        return province, connect(province.url, read_timeout=options.get("fault_delay", 5) / 2)

    return link


def test_dossiers_progress_and_files_reach_the_province_once(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    province, client = linked()
    codes = [receive(office, n) for n in range(3)]
    dossiers.transition(office.store, office.officer, codes[0], "in_process")
    scan = attachments.attach(office.store, office.officer, codes[1], b"\x89PNG trang 1",
                              "trang-1.png", "image/png")

    report = run_once(office.store, client)
    assert report.complete, report.error
    assert (report.dossiers_sent, report.progress_sent, report.files_sent) == (3, 4, 1)
    assert province.province.dossier_versions() == versions(office, codes)
    assert province.province.progress_codes() == counter_uids(office)
    assert province.province.held_files() == [scan.sha256]
    held = province.province.dossier(codes[1])
    assert held is not None and held["TaiLieuNop"][0]["DuongDanTaiTepTin"] == (
        f"files/{scan.sha256}")
    assert {row.state for row in outbox_rows(office)} == {outbox.SENT, outbox.SUPERSEDED}
    assert all(dossiers.show(office.store, office.officer, code).at_province for code in codes)

    again = run_once(office.store, client)
    assert (again.dossiers_sent, again.progress_sent, again.files_sent) == (0, 0, 0)


def test_a_change_after_sending_goes_as_a_new_version(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    province, client = linked()
    code = receive(office)
    run_once(office.store, client)
    dossiers.transition(office.store, office.officer, code, "in_process")
    assert not dossiers.show(office.store, office.officer, code).at_province
    assert run_once(office.store, client).complete
    held = province.province.dossier(code)
    assert held is not None and (held["PhienBan"], held["TrangThaiHoSo"]) == (2, 4)


def test_a_version_the_province_holds_otherwise_is_a_visible_conflict(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    province, client = linked()
    code = receive(office)
    [row] = [r for r in outbox_rows(office) if r.kind == outbox.DOSSIER]
    client.push_dossiers([{**row.payload, "ChuHoSo": "Người Khác"}], key="before-the-counter")

    report = run_once(office.store, client)
    assert report.conflicts == 1 and report.dossiers_sent == 0
    [row] = [r for r in outbox_rows(office) if r.kind == outbox.DOSSIER]
    assert row.state == outbox.CONFLICT and row.last_error
    assert not dossiers.show(office.store, office.officer, code).at_province


def test_a_batch_keeps_its_key_until_the_province_answers(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    province, client = linked(fault_rate=1.0, fault_kinds=[Fault.DROPPED])
    code = receive(office)
    now = datetime.now(UTC)
    report = run_once(office.store, client, now=now)
    assert report.error and report.postponed == 2  # the dossier and its progress row
    [first] = [r for r in outbox_rows(office) if r.kind == outbox.DOSSIER]
    assert (first.state, first.attempts) == (outbox.PENDING, 1)
    assert first.next_attempt_at is not None and first.next_attempt_at > now
    assert first.batch_id and first.last_error
    assert code in province.province.dossier_versions()  # applied, the answer lost

    province.faults.rate = 0.0
    assert run_once(office.store, client, now=now).dossiers_sent == 0  # not due yet
    report = run_once(office.store, client, now=first.next_attempt_at)
    assert report.complete and report.dossiers_sent == 1
    [settled] = [r for r in outbox_rows(office) if r.kind == outbox.DOSSIER]
    assert (settled.state, settled.batch_id) == (outbox.SENT, first.batch_id)


def test_retry_after_is_honoured_by_the_next_attempt_time(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    _, client = linked(fault_rate=1.0, fault_kinds=[Fault.UNAVAILABLE], retry_after=120)
    receive(office)
    now = datetime.now(UTC)
    run_once(office.store, client, now=now)
    waiting = [r for r in outbox_rows(office) if r.state == outbox.PENDING and r.attempts]
    assert waiting and all(r.next_attempt_at is not None
                           and r.next_attempt_at >= now + timedelta(seconds=120)
                           for r in waiting)


def test_a_counter_that_keeps_syncing_through_faults_ends_with_everything_once(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    province, client = linked(fault_rate=0.3, seed=7, fault_delay=0.6)
    codes = [receive(office, n) for n in range(12)]
    for code in codes[:4]:
        dossiers.transition(office.store, office.officer, code, "in_process")
    shas = {attachments.attach(office.store, office.officer, code, f"trang {code}".encode(),
                               "trang.pdf", "application/pdf").sha256 for code in codes[:3]}
    now, runs = datetime.now(UTC), 0
    while any(r.state == outbox.PENDING for r in outbox_rows(office)):
        run_once(office.store, client, now=now)
        runs += 1
        assert runs < 60, "the outbox should empty"
        now += timedelta(hours=1)
    assert province.faults.drawn, "the province was meant to fail now and then"
    assert province.province.dossier_versions() == versions(office, codes)
    assert province.province.progress_codes() == counter_uids(office)
    assert set(province.province.held_files()) == shas
    assert not [r for r in outbox_rows(office) if r.state in (outbox.CONFLICT, outbox.FAILED)]


def test_changes_made_at_the_province_come_back_once(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    province, client = linked()
    code = receive(office)
    run_once(office.store, client)
    province.province.process_dossier(code, 9, "Đã có kết quả")
    client.push_dossiers([{**outbox_rows(office)[0].payload, "MaHoSo": "KHONG-CO-O-QUAY"}],
                         key="another-counter")
    province.province.process_dossier("KHONG-CO-O-QUAY", 4)

    report = run_once(office.store, client)
    assert (report.changes_applied, report.changes_set_aside) == (1, 1)
    view = dossiers.show(office.store, office.officer, code)
    assert view.status == "result_ready" and view.finished_at is not None
    assert [(h.to_status, h.source) for h in view.history][-1] == ("result_ready", "province")
    assert run_once(office.store, client).changes_applied == 0
    assert not [r for r in outbox_rows(office) if r.state == outbox.PENDING]


def test_the_catalogue_and_days_off_come_from_the_province(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]]) -> None:
    renamed = {**next(p for p in SAMPLE["procedures"] if p["MaTTHC"] == PROCEDURE),
               "TenTTHC": "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân (tỉnh sửa)"}
    new = {"MaTTHC": "2.000815", "TenTTHC": "Chứng thực bản sao từ bản chính",
           "HieuLuc": True, "ThoiHanGiaiQuyet": {"SoLuong": None, "DonVi": "TrongNgay"},
           "PhiLePhi": [{"MaPhiLePhi": "phi", "TenPhiLePhi": "Phí chứng thực", "Gia": 2000}],
           "ThanhPhanHoSo": []}
    province, client = linked(catalogue=[renamed, new])
    province.province.declare_day(date(2027, 4, 30), "Nghi", "Ngày Giải phóng miền Nam")
    province.province.declare_day(date(2027, 5, 8), "LamBu", "Làm bù")

    report = run_once(office.store, client, now=datetime(2027, 3, 1, tzinfo=UTC))
    assert (report.procedures_pulled, report.days_pulled) == (2, 2)
    with office.store.read() as session:
        assert get_procedure_in(session, PROCEDURE).name.endswith("(tỉnh sửa)")
        assert get_procedure_in(session, "2.000815").fees_total == 2000
        days = {d.day: (d.kind, d.source) for d in session.scalars(select(CalendarDay))}
    assert days == {date(2027, 4, 30): ("Nghi", "province"),
                    date(2027, 5, 8): ("LamBu", "province")}
    again = run_once(office.store, client, now=datetime(2027, 3, 1, tzinfo=UTC))
    assert (again.procedures_pulled, again.days_pulled) == (0, 0)


def test_a_province_restored_from_an_old_backup_gets_back_what_the_counter_has(
        office: Office, linked: Callable[..., tuple[RunningServer, ProvincialClient]],
        tmp_path: Path) -> None:
    province, client = linked()
    codes = [receive(office, n) for n in range(2)]
    attachments.attach(office.store, office.officer, codes[0], b"trang", "trang.pdf",
                       "application/pdf")
    run_once(office.store, client)
    province.province.backup(tmp_path / "tinh.sqlite3")
    dossiers.transition(office.store, office.officer, codes[1], "in_process")
    codes.append(receive(office, 5))
    run_once(office.store, client)
    province.province.restore(tmp_path / "tinh.sqlite3")
    assert province.province.dossier_versions() != versions(office, codes)

    day = RECEIVED_AT.date()
    report = run_once(office.store, client, reconcile=(day, day))
    assert report.complete, report.error
    assert report.requeued == 2
    assert province.province.dossier_versions() == versions(office, codes)
    assert province.province.progress_codes() == counter_uids(office)
    assert run_once(office.store, client, reconcile=(day, day)).requeued == 0


def test_a_run_that_cannot_reach_the_province_says_so_and_keeps_everything(
        office: Office, connect: Callable[..., ProvincialClient]) -> None:
    receive(office)
    client = connect("http://127.0.0.1:9", connect_timeout=0.5)
    report: SyncReport = run_once(office.store, client)
    assert report.step == "done" and "kết nối" in report.error
    assert {r.state for r in outbox_rows(office)} == {outbox.PENDING}
