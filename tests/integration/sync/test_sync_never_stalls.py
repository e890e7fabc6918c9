"""A province link that never stalls: batches too large for the province, changes the counter
cannot apply, a province that drips, pages for ever or speaks an older protocol, and the audit
trail's head anchored at the province."""

import json
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from onestop import audit, dossiers, outbox, province_pulls
from onestop.dossiers import ApplicantInput, Intake
from onestop.store.models import AuditEntry, OutboxItem, SyncCursor
from onestop.workdays import LOCAL_ZONE
from sync.client import Credentials, ProvincialClient
from sync.errors import TransientError
from sync.link_state import told
from sync.provincial_server import Hostility, RunningServer
from sync.replies import ItemResult
from sync.report import SyncReport
from sync.run import keep_syncing, run_once
from sync.running import Limits
from tests.conftest import Office
from tests.integration.sync.conftest import AGENCY

RECEIVED_AT = datetime(2027, 3, 22, 9, 0, tzinfo=LOCAL_ZONE)
MiB = 1024 * 1024
CREDENTIALS = Credentials("motcua", "motcua-demo", AGENCY)


def receive(office: Office, minutes: int = 0) -> str:
    return dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Văn An", "001099012345"),
        received_at=RECEIVED_AT + timedelta(minutes=minutes))).code


def rows(office: Office, kind: str = outbox.DOSSIER) -> list[OutboxItem]:
    with office.store.read() as session:
        return list(session.scalars(select(OutboxItem).where(OutboxItem.kind == kind)
                                    .order_by(OutboxItem.seq)))


def give_long_address(office: Office, code: str, length: int) -> None:
    """The address as a counter without a length limit took it (the payload frozen so)."""
    [row] = [row for row in rows(office) if row.item_key == code]
    with office.store.write() as session:
        session.execute(update(OutboxItem).where(OutboxItem.seq == row.seq).values(
            payload={**row.payload, "DiaChi": "Thôn Đông " * (length // 10)}))


def versions(office: Office, codes: list[str]) -> dict[str, int]:
    return {code: dossiers.show(office.store, office.supervisor, code).version for code in codes}


# --- batches the province finds too large -----------------------------------------------------


def test_a_batch_of_51_the_province_finds_too_large_is_split_until_every_dossier_arrives(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    province = start_province(catalogue=[], max_request_bytes=64 * 1024)
    codes = [receive(office, n) for n in range(51)]
    give_long_address(office, codes[17], 40_000)
    client = connect(province.url)

    report = run_once(office.store, client)
    assert report.complete, report.error
    assert (report.dossiers_sent, report.failed) == (51, 0)
    assert province.province.dossier_versions() == versions(office, codes)
    held = province.province.dossier(codes[17])
    assert held is not None and len(held["DiaChi"]) >= 40_000
    assert {row.state for row in rows(office)} == {outbox.SENT}


def test_a_dossier_too_large_alone_fails_alone_with_its_reason(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    province = start_province(catalogue=[])
    codes = [receive(office, n) for n in range(51)]
    give_long_address(office, codes[17], 9 * MiB)
    client = connect(province.url)

    report = run_once(office.store, client)
    assert (report.dossiers_sent, report.failed) == (50, 1) and report.troubled
    assert set(province.province.dossier_versions()) == set(codes) - {codes[17]}
    [refused] = outbox.queue_view(office.store, office.technician).failed
    assert refused.dossier_code == codes[17] and "vượt giới hạn" in refused.reason
    assert run_once(office.store, client).failed == 0  # it stays failed, nothing else does


def test_a_batch_the_province_finds_too_large_is_never_failed_for_its_size(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    """A batch claimed before the byte cap (say by an older version) still gets through."""
    province = start_province(catalogue=[], max_request_bytes=8 * 1024)
    codes = [receive(office, n) for n in range(6)]
    with office.store.write() as session:
        session.execute(update(OutboxItem).where(OutboxItem.kind == outbox.DOSSIER)
                        .values(batch_id=str(uuid.uuid4())))
    report = run_once(office.store, connect(province.url))
    assert (report.dossiers_sent, report.failed) == (6, 0), report.error
    assert province.province.dossier_versions() == versions(office, codes)


# --- changes the counter cannot apply -----------------------------------------------------------


def cursor(office: Office) -> str:
    with office.store.read() as session:
        held = session.get(SyncCursor, province_pulls.CHANGES)
        return held.cursor if held else ""


def test_a_change_with_an_impossible_date_is_set_aside_and_the_changes_after_it_come(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    province = start_province(catalogue=[], hostility=Hostility(impossible_dates=True))
    first, second = receive(office), receive(office, 1)
    client = connect(province.url)
    assert run_once(office.store, client).complete
    province.province.process_dossier(first, 9, "Đã có kết quả")

    report = run_once(office.store, client)
    assert (report.changes_applied, report.changes_set_aside) == (0, 1)
    assert report.troubled and cursor(office) != ""
    count, [aside] = province_pulls.set_aside_changes(office.store, office.technician)
    assert count == 1 and aside.dossier_code == first
    assert "NgayHenTra" in aside.reason and "00010101000000" in aside.reason
    assert aside.content["NgayHenTra"] == "00010101000000"
    view = outbox.queue_view(office.store, office.technician)  # what the link screen loads
    assert (view.changes_set_aside, view.set_aside) == (1, [aside])
    assert dossiers.show(office.store, office.officer, first).status != "result_ready"

    province.province.hostility.impossible_dates = False
    province.province.process_dossier(second, 9, "Đã có kết quả")
    again = run_once(office.store, client)
    assert (again.changes_applied, again.changes_set_aside) == (1, 0)
    assert dossiers.show(office.store, office.officer, second).status == "result_ready"


def test_a_change_to_an_unknown_status_is_set_aside_with_its_reason(
        office: Office, province: RunningServer, connect: Callable[..., ProvincialClient]) -> None:
    code = receive(office)
    client = connect(province.url)
    run_once(office.store, client)
    change = {"MaHoSo": code, "TrangThaiHoSo": 77, "ThoiDiem": "20270323090000"}
    with province.province._store.transaction() as db:  # a status no mapping knows
        db.execute("INSERT INTO province_changes (ma_ho_so, madonvi, content, recorded_at) "
                   "VALUES (?, ?, ?, ?)", (code, AGENCY, json.dumps(change), time.time()))
    report = run_once(office.store, client)
    assert report.changes_set_aside == 1
    [aside] = province_pulls.set_aside_changes(office.store, office.technician)[1]
    assert "77" in aside.reason


# --- a province that holds on -------------------------------------------------------------------


def test_a_dripping_province_cannot_hold_a_run_past_its_deadline(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    province = start_province(catalogue=[], hostility=Hostility(drip=5.0))
    receive(office)
    client = connect(province.url, read_timeout=10.0)
    started = time.monotonic()
    report = run_once(office.store, client, limits=Limits(seconds=3.0))
    # Without the deadline one answer alone would take over ten minutes.
    assert time.monotonic() - started < 60
    assert report.step == "done" and "không trả lời kịp" in report.error
    assert {row.state for row in rows(office)} == {outbox.PENDING}
    assert all(row.last_error for row in rows(office))


def test_a_province_that_always_promises_more_pages_ends_at_the_page_limit(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    province = start_province(hostility=Hostility(endless=True))
    province.province.declare_day(datetime(2027, 4, 30).date(), "Nghi", "Giải phóng miền Nam")
    report = run_once(office.store, connect(province.url), now=datetime(2027, 3, 1, tzinfo=UTC),
                      limits=Limits(pages=4))
    assert report.step == "done" and not report.error
    assert len([note for note in report.notes if "lượt sau" in note]) == 2  # catalogue, changes
    assert report.procedures_pulled >= 5 and report.days_pulled == 1
    assert cursor(office) == "4"


class PushesFail(ProvincialClient):
    """A client whose dossier pushes never get an answer (the rest of the link works)."""

    def push_dossiers(self, dossiers: Any, *, key: str, updating: bool = False) -> list[ItemResult]:
        raise TransientError("Không kết nối được máy chủ tỉnh", "dossiers: no answer")


def test_a_failed_push_does_not_keep_the_pulls_from_running(
        office: Office, province: RunningServer) -> None:
    first = receive(office)
    with ProvincialClient(province.url, CREDENTIALS, read_timeout=5) as client:
        assert run_once(office.store, client).complete
    province.province.process_dossier(first, 9, "Đã có kết quả")
    province.province.declare_day(datetime(2027, 4, 30).date(), "Nghi", "Giải phóng miền Nam")
    receive(office, 1)
    with PushesFail(province.url, CREDENTIALS, read_timeout=5) as client:
        report = run_once(office.store, client, now=datetime(2027, 3, 1, tzinfo=UTC),
                          limits=Limits(longest_wait=0.1))
    assert report.problems == ["dossiers: Không kết nối được máy chủ tỉnh"]
    assert (report.progress_sent, report.changes_applied, report.days_pulled) == (1, 1, 1)
    assert dossiers.show(office.store, office.officer, first).status == "result_ready"


def test_the_sync_service_outlives_a_run_that_breaks(office: Office,
                                                      province: RunningServer) -> None:
    opened: list[int] = []
    reports: list[SyncReport] = []
    stop = threading.Event()

    def open_client() -> ProvincialClient:
        opened.append(1)
        if len(opened) == 1:
            raise OverflowError("date value out of range")
        return ProvincialClient(province.url, CREDENTIALS, read_timeout=5)

    def on_report(report: SyncReport) -> None:
        reports.append(report)
        if len(reports) == 2:
            stop.set()

    receive(office)
    keep_syncing(office.store, open_client, stop, interval=0.01, on_report=on_report)
    assert "out of range" in reports[0].error
    assert reports[1].complete and reports[1].dossiers_sent == 1


# --- an older province --------------------------------------------------------------------------


def queue_rating(office: Office) -> str:
    rating = str(uuid.uuid4())
    with office.store.write() as session:
        outbox.enqueue(session, outbox.RATING, rating, {
            "MaDanhGia": rating, "MaHoSo": "", "SoThuTu": "A012", "MaCanBo": "canbo",
            "TenCanBo": "Trần Văn Bình", "MucDo": 4, "LyDo": [], "GopY": "Nhanh gọn",
            "KenhDanhGia": 1, "ThoiDiem": "20270322091500"})
    return rating


def test_a_province_of_protocol_1_0_leaves_the_new_records_queued_and_says_so(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    province = start_province(catalogue=[], protocol="1.0")
    code = receive(office)
    rating = queue_rating(office)
    report = run_once(office.store, connect(province.url))
    assert report.complete and not report.troubled, report.error
    assert province.province.dossier_versions() == {code: 1}
    assert sorted(set(report.not_taken)) == ["DongBoDanhGia", "DongBoNhatKy"]
    assert "DongBoDanhGia" in told(report)
    [waiting] = rows(office, outbox.RATING)
    assert (waiting.state, waiting.attempts) == (outbox.PENDING, 0)
    assert "DongBoDanhGia" in waiting.last_error and waiting.item_key == rating
    assert outbox.queue_view(office.store, office.technician).waiting["rating"] == 1


def test_ratings_and_visits_reach_a_province_of_protocol_1_1_once(
        office: Office, province: RunningServer, connect: Callable[..., ProvincialClient]) -> None:
    rating = queue_rating(office)
    visit = str(uuid.uuid4())
    with office.store.write() as session:
        outbox.enqueue(session, outbox.VISIT, visit, {
            "MaLuot": visit, "SoThuTu": "A012", "MaLinhVuc": "G15-TP07", "Quay": "Q1",
            "ThoiDiemLaySo": "20270322090000", "ThoiDiemGoi": "20270322090500",
            "ThoiDiemBatDau": "20270322090600", "ThoiDiemKetThuc": "20270322091400",
            "KetQua": "HuongDan", "MaCanBo": "canbo"})
    report = run_once(office.store, connect(province.url))
    assert report.complete and report.records_sent == 2, report.error
    assert list(province.province.records("DongBoDanhGia")) == [rating]
    assert list(province.province.records("DongBoLuotPhucVu")) == [visit]


# --- the audit trail's head ---------------------------------------------------------------------


def test_a_run_that_pushed_anything_anchors_the_audit_trail_at_the_province(
        office: Office, province: RunningServer, connect: Callable[..., ProvincialClient]) -> None:
    client = connect(province.url)
    assert not run_once(office.store, client).anchored  # nothing pushed, nothing anchored
    receive(office)
    report = run_once(office.store, client)
    assert report.anchored
    head = audit.audit_head(office.store)
    with office.store.read() as session:
        assert head.rows == session.scalar(select(func.count()).select_from(AuditEntry))
        assert head.digest == session.scalar(select(AuditEntry.hash)
                                             .order_by(AuditEntry.id.desc()).limit(1))
    assert audit.verify(office.store) == []  # the acknowledged head is on the chain
    [anchored] = client.anchored_heads("Q1")
    assert (anchored.counter, anchored.rows, anchored.digest) == ("Q1", head.rows, head.digest)
    assert province.province.audit_heads(AGENCY, "Q1")[0]["MaBam"] == head.digest

    receive(office, 1)
    assert run_once(office.store, client).anchored
    assert [h.rows for h in client.anchored_heads("Q1")] == [head.rows, audit.audit_head(office.store).rows]
    assert not run_once(office.store, client).anchored
