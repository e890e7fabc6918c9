"""Every service of the provincial protocol, through the real client and the reference server."""

import unicodedata
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.client import Credentials, ProvincialClient
from sync.errors import AuthFailed, PermanentError
from sync.provincial_server import RunningServer
from sync.replies import DayKind, HeldVersion, Outcome
from sync.wire import PROVINCE_ZONE, wire_time

AGENCY = "000.00.13.H24"
DAY = 24 * 3600

MakeDossier = Callable[..., dict[str, Any]]


def key() -> str:
    return str(uuid.uuid4())


def outcomes(results: list[Any]) -> list[Outcome]:
    return [result.outcome for result in results]


def test_wrong_password_is_refused_with_a_message(
        province: RunningServer, connect: Callable[..., ProvincialClient]) -> None:
    client = connect(province.url, password="sai-mat-khau")
    with pytest.raises(AuthFailed) as refused:
        client.pull_days_off(2027)
    assert "mật khẩu" in str(refused.value)


def test_an_expired_session_is_renewed_without_the_caller_noticing(
        client: ProvincialClient, clock: Any, make_dossier: MakeDossier) -> None:
    client.push_dossiers([make_dossier("A-1")], key=key())
    clock.advance(2 * 3600)
    results = client.push_dossiers([make_dossier("A-2")], key=key())
    assert outcomes(results) == [Outcome.ACCEPTED]


def test_pushed_dossiers_are_held_as_sent_in_nfc(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    sent = [make_dossier("A-1", ChuHoSo=decomposed), make_dossier("A-2"),
            make_dossier("A-3", TrangThaiHoSo=4)]
    results = client.push_dossiers(sent, key=key())
    assert [(r.record, r.outcome) for r in results] == [
        ("A-1", Outcome.ACCEPTED), ("A-2", Outcome.ACCEPTED), ("A-3", Outcome.ACCEPTED)]
    held = province.province.dossier("A-1")
    assert held is not None and held["ChuHoSo"] == "Nguyễn Thị Hoà"
    assert province.province.dossier("A-3") == sent[2]
    assert province.province.dossier_versions() == {"A-1": 1, "A-2": 1, "A-3": 1}


def test_a_repeated_batch_changes_nothing(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    batch, batch_key = [make_dossier("A-1"), make_dossier("A-2")], key()
    first = client.push_dossiers(batch, key=batch_key)
    again = client.push_dossiers(batch, key=batch_key)
    under_new_key = client.push_dossiers(batch, key=key(), updating=True)
    assert first == again == under_new_key
    assert outcomes(first) == [Outcome.ACCEPTED, Outcome.ACCEPTED]
    assert province.province.dossier_versions() == {"A-1": 1, "A-2": 1}


def test_a_higher_version_replaces_and_a_lower_one_is_stale(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    client.push_dossiers([make_dossier("A-1", 1)], key=key())
    newer = make_dossier("A-1", 2, TrangThaiHoSo=4, GhiChu="Đã chuyển phòng")
    assert outcomes(client.push_dossiers([newer], key=key(), updating=True)) == [
        Outcome.ACCEPTED]
    late = client.push_dossiers([make_dossier("A-1", 1)], key=key(), updating=True)
    assert outcomes(late) == [Outcome.STALE]
    assert province.province.dossier("A-1") == newer


def test_same_version_with_other_content_is_a_conflict_and_keeps_what_is_held(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    original = make_dossier("A-1", 3)
    client.push_dossiers([original], key=key())
    [result] = client.push_dossiers([make_dossier("A-1", 3, ChuHoSo="Lê Văn Khác")], key=key())
    assert result.outcome is Outcome.CONFLICT and result.error_code == 409
    assert result.message
    assert province.province.dossier("A-1") == original


def test_a_bad_item_fails_alone(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    bad = make_dossier("A-2", NgayTiepNhan="22/03/2027")
    results = client.push_dossiers([make_dossier("A-1"), bad, make_dossier("A-3")], key=key())
    assert outcomes(results) == [Outcome.ACCEPTED, Outcome.REJECTED, Outcome.ACCEPTED]
    assert "NgayTiepNhan" in results[1].message
    assert sorted(province.province.dossier_versions()) == ["A-1", "A-3"]


def test_a_key_reused_for_another_body_is_refused_and_applies_nothing(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    batch_key = key()
    client.push_dossiers([make_dossier("A-1")], key=batch_key)
    with pytest.raises(PermanentError) as refused:
        client.push_dossiers([make_dossier("A-2")], key=batch_key)
    assert refused.value.status == 422
    assert list(province.province.dossier_versions()) == ["A-1"]


def test_the_answer_to_a_key_is_kept_for_a_day(
        client: ProvincialClient, clock: Any, make_dossier: MakeDossier) -> None:
    first_key = key()
    client.push_dossiers([make_dossier("A-1", 1)], key=first_key)
    client.push_dossiers([make_dossier("A-1", 2)], key=key())
    clock.advance(DAY + 3600)
    # Answered afresh, version 1 would now be stale; the kept answer says it was accepted.
    assert outcomes(client.push_dossiers([make_dossier("A-1", 1)], key=first_key)) == [
        Outcome.ACCEPTED]
    with pytest.raises(PermanentError):
        client.push_dossiers([make_dossier("A-9", 1)], key=first_key)


def _raw_service(province: RunningServer, body: dict[str, Any],
                 headers: dict[str, str]) -> requests.Response:
    with requests.Session() as session:
        token = session.post(f"{province.url}/api/auth", json={
            "username": "motcua", "password": "motcua-demo", "madonvi": AGENCY},
            timeout=5).json()["session"]
        return session.post(f"{province.url}/api/service", json=body, timeout=5,
                            headers={"Authorization": f"Bearer {token}", **headers})


def test_a_call_without_idempotency_key_is_malformed(province: RunningServer) -> None:
    reply = _raw_service(province, {"service": "LayNgayNghi", "madonvi": AGENCY, "Nam": 2027}, {})
    assert reply.status_code == 400
    assert reply.json()["error_code"] == 400


def test_more_than_200_items_are_refused(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    many = [make_dossier(f"A-{n}") for n in range(201)]
    with pytest.raises(ValueError):
        client.push_dossiers(many, key=key())
    reply = _raw_service(province, {"service": "DongBoHoSoMC", "madonvi": AGENCY,
                                    "isUpdating": False, "data": many},
                         {"Idempotency-Key": key()})
    assert reply.status_code == 400
    assert province.province.dossier_versions() == {}


def test_another_agencys_madonvi_is_refused(province: RunningServer) -> None:
    reply = _raw_service(province, {"service": "LayNgayNghi", "madonvi": "000.00.99.H24",
                                    "Nam": 2027}, {"Idempotency-Key": key()})
    assert reply.status_code == 400


def test_progress_rows_are_held_once_by_their_own_id(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier,
        make_progress: Callable[..., dict[str, Any]]) -> None:
    client.push_dossiers([make_dossier("A-1")], key=key())
    rows = [make_progress("A-1", 4), make_progress("A-1", 9)]
    results = client.push_progress(rows, key=key())
    assert [(r.record, r.outcome) for r in results] == [
        (rows[0]["MaTienDo"], Outcome.ACCEPTED), (rows[1]["MaTienDo"], Outcome.ACCEPTED)]
    replay = client.push_progress([{**rows[0], "NoiDungXuLy": "sửa lại"}], key=key())
    assert outcomes(replay) == [Outcome.ACCEPTED]
    bad = client.push_progress([make_progress("A-1", 42)], key=key())
    assert outcomes(bad) == [Outcome.REJECTED]
    assert province.province.progress_codes() == sorted(row["MaTienDo"] for row in rows)


def test_the_catalogue_comes_in_pages_and_then_only_what_changed(
        province: RunningServer, client: ProvincialClient) -> None:
    pages = [client.pull_procedures("")]
    while pages[-1].more:
        pages.append(client.pull_procedures(pages[-1].cursor))
    assert [len(page.items) for page in pages] == [2, 2, 1]
    codes = [item["MaTTHC"] for page in pages for item in page.items]
    assert codes == ["1.001193", "1.001194", "1.001195", "1.001196", "1.001197"]
    assert pages[0].items[0]["TenTTHC"] == "Thủ tục đăng ký khai sinh"

    renamed = {**pages[0].items[1], "TenTTHC": "Thủ tục đăng ký kết hôn (sửa đổi)"}
    assert province.province.publish_procedures([renamed]) == 1
    update = client.pull_procedures(pages[-1].cursor)
    assert update.items == [renamed] and not update.more
    assert client.pull_procedures(update.cursor).items == []


def test_changes_made_at_the_province_come_back_after_the_cursor(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    client.push_dossiers([make_dossier("A-1"), make_dossier("A-2")], key=key())
    province.province.process_dossier("A-1", 9, "Đã có kết quả")
    first = client.pull_changes("")
    assert not first.more
    [change] = first.items
    assert (change.dossier_code, change.status, change.note) == ("A-1", 9, "Đã có kết quả")
    assert change.finished_at is not None and change.returned_at is None
    assert change.due_at == datetime(2027, 3, 23, 16, 15, tzinfo=PROVINCE_ZONE)

    assert client.pull_changes(first.cursor).items == []
    province.province.process_dossier("A-2", 3, "Không đủ điều kiện")
    province.province.process_dossier("A-1", 10)
    later = client.pull_changes(first.cursor)
    assert [(c.dossier_code, c.status) for c in later.items] == [("A-2", 3), ("A-1", 10)]
    assert later.items[1].returned_at is not None


def test_changes_page_by_page(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    client.push_dossiers([make_dossier(f"A-{n}") for n in range(5)], key=key())
    for n in range(5):
        province.province.process_dossier(f"A-{n}", 4)
    seen, cursor, more = [], "", True
    while more:
        page = client.pull_changes(cursor)
        seen += [change.dossier_code for change in page.items]
        cursor, more = page.cursor, page.more
    assert seen == [f"A-{n}" for n in range(5)]


def test_an_agency_sees_only_changes_to_its_own_dossiers(
        province: RunningServer, client: ProvincialClient,
        connect: Callable[..., ProvincialClient], make_dossier: MakeDossier) -> None:
    other = connect(province.url, agency="000.00.14.H24")
    other.push_dossiers([make_dossier("B-1")], key=key())
    province.province.process_dossier("B-1", 9)
    assert client.pull_changes("").items == []
    assert [c.dossier_code for c in other.pull_changes("").items] == ["B-1"]
    assert client.look_up_dossier("B-1") is None


def test_the_admin_endpoint_marks_a_dossier_processed(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    client.push_dossiers([make_dossier("A-1")], key=key())
    with requests.Session() as session:
        def sign_in(user: str, password: str) -> dict[str, str]:
            token = session.post(f"{province.url}/api/auth", timeout=5, json={
                "username": user, "password": password, "madonvi": AGENCY}).json()["session"]
            return {"Authorization": f"Bearer {token}"}

        form = {"MaHoSo": "A-1", "TrangThaiHoSo": 5, "GhiChu": "Bổ sung giấy khai sinh"}
        as_counter = session.post(f"{province.url}/api/admin/process", json=form, timeout=5,
                                  headers=sign_in("motcua", "motcua-demo"))
        as_admin = session.post(f"{province.url}/api/admin/process", json=form, timeout=5,
                                headers=sign_in("quantri", "quantri-demo"))
        unknown = session.post(f"{province.url}/api/admin/process", timeout=5,
                               json={**form, "MaHoSo": "Z-9"},
                               headers=sign_in("quantri", "quantri-demo"))
        day_off = session.post(f"{province.url}/api/admin/days-off", timeout=5,
                               json={"Ngay": "20270903", "Loai": "Nghi", "GhiChu": "Quốc khánh"},
                               headers=sign_in("quantri", "quantri-demo"))
    assert (as_counter.status_code, as_admin.status_code, unknown.status_code) == (403, 200, 404)
    assert day_off.status_code == 200
    [change] = client.pull_changes("").items
    assert (change.status, change.note) == (5, "Bổ sung giấy khai sinh")
    assert [d.day for d in client.pull_days_off(2027)] == [date(2027, 9, 3)]


def test_days_off_and_swapped_working_days_of_a_year(
        province: RunningServer, client: ProvincialClient) -> None:
    province.province.declare_day(date(2027, 2, 10), "Nghi", "Tết Nguyên đán")
    province.province.declare_day(date(2027, 2, 20), "LamBu", "Làm bù cho ngày 12/2")
    province.province.declare_day(date(2028, 1, 1), "Nghi", "Tết Dương lịch")
    days = client.pull_days_off(2027)
    assert [(d.day, d.kind, d.note) for d in days] == [
        (date(2027, 2, 10), DayKind.DAY_OFF, "Tết Nguyên đán"),
        (date(2027, 2, 20), DayKind.WORKING_DAY, "Làm bù cho ngày 12/2"),
    ]
    assert client.pull_days_off(2026) == []


def test_looking_a_dossier_up_shows_what_the_province_made_of_it(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier) -> None:
    client.push_dossiers([make_dossier("A-1", 2)], key=key())
    province.province.process_dossier("A-1", 9, "Đã ký")
    held = client.look_up_dossier("A-1")
    assert held is not None
    assert (held["PhienBan"], held["TrangThaiHoSo"], held["GhiChu"]) == (2, 9, "Đã ký")
    assert client.look_up_dossier("A-404") is None


def _received_on(day: int) -> str:
    return wire_time(datetime(2027, 3, day, 8, 0, tzinfo=PROVINCE_ZONE))


def test_reconcile_lists_what_was_received_in_the_days_asked(
        client: ProvincialClient, make_dossier: MakeDossier) -> None:
    client.push_dossiers([make_dossier("A-20", NgayTiepNhan=_received_on(20)),
                          make_dossier("A-21", 3, NgayTiepNhan=_received_on(21)),
                          make_dossier("A-22", NgayTiepNhan=_received_on(22))], key=key())
    assert client.reconcile(date(2027, 3, 21), date(2027, 3, 22)) == [
        HeldVersion("A-21", 3), HeldVersion("A-22", 1)]
    with pytest.raises(PermanentError) as refused:
        client.reconcile(date(2027, 3, 22), date(2027, 3, 21))
    assert refused.value.status == 400


def test_a_province_restored_from_an_old_backup_gets_back_what_the_counter_still_has(
        province: RunningServer, client: ProvincialClient, make_dossier: MakeDossier,
        tmp_path: Path) -> None:
    counter = {"A-1": make_dossier("A-1", 1)}
    client.push_dossiers(list(counter.values()), key=key())
    province.province.backup(tmp_path / "province-backup.sqlite3")
    counter["A-1"] = make_dossier("A-1", 2, TrangThaiHoSo=4)
    counter["A-2"] = make_dossier("A-2", 1)
    client.push_dossiers(list(counter.values()), key=key())

    province.province.restore(tmp_path / "province-backup.sqlite3")
    held = {v.dossier_code: v.version for v in client.reconcile(date(2027, 3, 1),
                                                                date(2027, 3, 31))}
    assert held == {"A-1": 1}
    missing = [d for code, d in counter.items() if held.get(code, 0) < d["PhienBan"]]
    assert outcomes(client.push_dossiers(missing, key=key(), updating=True)) == [
        Outcome.ACCEPTED, Outcome.ACCEPTED]
    assert province.province.dossier_versions() == {"A-1": 2, "A-2": 1}
    assert province.province.dossier("A-1") == counter["A-1"]


def test_credentials_do_not_show_the_password() -> None:
    assert "motcua-demo" not in repr(Credentials("motcua", "motcua-demo", AGENCY))
