"""Each dossier keeps its applicant as received: a later intake with the same ID number leaves the
earlier dossier's view, slip, search and province record as they were."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import func, select, text

from onestop import dossiers
from onestop.applicant_changes import differences_from_file
from onestop.dossiers import ApplicantInput, Intake
from onestop.search import search
from onestop.store.engine import open_store
from onestop.store.migrations import alembic_config
from onestop.store.models import Applicant, OutboxItem
from tests.conftest import Office, set_up_office

FIRST = ApplicantInput("Nguyễn Văn An", "001099012345", birth_date=date(1999, 1, 1), sex="Nam",
                       address="Số 1 Tràng Tiền", phone="0912345678", email="an@example.vn")
LATER = replace(FIRST, full_name="Nguyễn Văn Bình", address="Số 9 Hàng Bài", phone="0987654321",
                email="")


def test_a_later_intake_with_the_same_id_number_leaves_the_earlier_dossier_as_received(
        office: Office) -> None:
    first = dossiers.receive(office.store, office.officer, Intake("1.004873", FIRST)).code
    before = dossiers.show(office.store, office.officer, first)
    later = dossiers.receive(office.store, office.officer, Intake("1.004873", LATER)).code

    assert dossiers.show(office.store, office.officer, first).applicant == before.applicant
    with office.store.read() as session:
        slip = dossiers.slip_view_in(session, office.officer, first)
    assert (slip.applicant.full_name, slip.applicant.address, slip.applicant.phone) == (
        "Nguyễn Văn An", "Số 1 Tràng Tiền", "0912345678")
    assert dossiers.show(office.store, office.officer, later).applicant.full_name == "Nguyễn Văn Bình"

    by_name = {s.code: s.applicant_name for s in search(office.store, office.officer, "nguyen van")}
    assert by_name == {first: "Nguyễn Văn An", later: "Nguyễn Văn Bình"}
    by_number = {s.code: s.phone for s in search(office.store, office.officer, "001099012345")}
    assert by_number == {first: "0912345678", later: "0987654321"}
    assert [s.code for s in search(office.store, office.officer, "0912345678")] == [first]
    dossiers.transition(office.store, office.officer, first, "in_process")
    with office.store.read() as session:
        sent = session.scalars(select(OutboxItem.payload).where(
            OutboxItem.kind == "dossier", OutboxItem.item_key == first)
            .order_by(OutboxItem.seq)).all()
    assert [(p["PhienBan"], p["ChuHoSo"], p["DiaChi"], p["SoDienThoai"]) for p in sent] == [
        (1, "Nguyễn Văn An", "Số 1 Tràng Tiền", "0912345678"),
        (2, "Nguyễn Văn An", "Số 1 Tràng Tiền", "0912345678")]


def test_a_returning_citizen_is_offered_their_latest_details_and_told_what_differs(
        office: Office) -> None:
    assert dossiers.returning_applicant(office.store, office.officer, FIRST.id_number) is None
    assert differences_from_file(office.store, office.officer, FIRST) == ()
    dossiers.receive(office.store, office.officer, Intake("1.004873", FIRST))
    dossiers.receive(office.store, office.officer, Intake("1.004873", LATER))

    offered = dossiers.returning_applicant(office.store, office.officer, "001 099 012345")
    assert offered is not None and offered.full_name == "Nguyễn Văn Bình"
    typed = replace(LATER, address="  Số 9   Hàng Bài ", phone="0912 345 678")
    found = differences_from_file(office.store, office.officer, typed)
    assert [(d.field, d.typed, d.on_file) for d in found] == [("phone", "0912345678", "0987654321")]
    assert found[0].label == "Số điện thoại"


def test_an_older_store_gives_each_dossier_its_own_applicant_and_an_upper_case_agency_code(
        tmp_path: Path, store_url: str | None) -> None:
    office = set_up_office(open_store(tmp_path, store_url))
    codes = [dossiers.receive(office.store, office.officer, Intake("1.004873", FIRST)).code
             for _ in range(3)]
    command.downgrade(alembic_config(office.store.engine), "0002")
    with office.store.engine.begin() as connection:
        connection.execute(text("UPDATE dossiers SET applicant_id = (SELECT MIN(id) FROM applicants)"))
        connection.execute(text("DELETE FROM applicants WHERE id > (SELECT MIN(id) FROM applicants)"))
        connection.execute(text("UPDATE settings SET value = '\"000.00.13.h24\"' "
                                "WHERE key = 'agency.code'"))
    office.store.close()
    reopened = replace(office, store=open_store(tmp_path, store_url))
    try:
        with reopened.store.read() as session:
            assert session.scalar(select(func.count()).select_from(Applicant)) == 3
        for code in codes:
            assert dossiers.show(reopened.store, reopened.officer, code).applicant.full_name == (
                "Nguyễn Văn An")
        later = dossiers.receive(reopened.store, reopened.officer, Intake("1.004873", LATER)).code
        assert later.startswith("000.00.13.H24-")
        assert dossiers.show(reopened.store, reopened.officer, later).applicant == LATER
        assert {dossiers.show(reopened.store, reopened.officer, c).applicant.address
                for c in codes} == {"Số 1 Tràng Tiền"}
    finally:
        reopened.store.close()
