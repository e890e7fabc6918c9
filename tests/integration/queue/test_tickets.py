"""Tickets at the kiosk and calls at the counters, on SQLite and on PostgreSQL."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from onestop import dossiers, queue, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import Conflict, DomainError, NotAllowed, NotFound
from onestop.queue_board import board
from onestop.roles import SYSTEM
from onestop.store.models import AuditEntry, OutboxItem
from onestop.store.queue_models import QueueTicket
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house

MONDAY_8 = datetime(2026, 12, 7, 8, 0, tzinfo=LOCAL_ZONE)


@pytest.fixture
def front(office: Office) -> Office:
    open_front_of_house(office.store)
    return office


def minutes(n: int) -> datetime:
    return MONDAY_8 + timedelta(minutes=n)


def test_numbers_run_per_field_and_restart_each_day(front: Office) -> None:
    taken = [queue.take(front.store, field, at=minutes(i))
             for i, field in enumerate(["HT", "HT", "CT", "ht"])]
    assert [t.label for t in taken] == ["A001", "A002", "B001", "A003"]
    assert [t.waiting_before for t in taken] == [0, 1, 0, 2]
    assert taken[0].field_name == "Hộ tịch"
    assert queue.take(front.store, "HT", at=minutes(24 * 60)).label == "A001"


def test_one_sequence_for_the_office_when_chosen(front: Office) -> None:
    with front.store.write() as session:
        settings.put_in(session, SYSTEM, "queue.numbering", "single")
    labels = [queue.take(front.store, f, at=minutes(i)).label
              for i, f in enumerate(["HT", "CT", "CTR"])]
    assert labels == ["001", "002", "003"]


def test_an_unknown_field_gets_no_ticket(front: Office) -> None:
    with pytest.raises(NotFound):
        queue.take(front.store, "XYZ", at=MONDAY_8)


def test_a_counter_calls_its_own_fields_in_the_order_taken(front: Office) -> None:
    for i, field in enumerate(["CTR", "HT", "CT", "HT"]):
        queue.take(front.store, field, at=minutes(i))
    # Q1 serves Hộ tịch and Chứng thực: A001, B001, A002, never the Cư trú ticket.
    called = [queue.call_next(front.store, front.officer, "Q1", at=minutes(10 + i)).label
              for i in range(3)]
    assert called == ["A001", "B001", "A002"]
    with pytest.raises(DomainError, match="Q1"):
        queue.call_next(front.store, front.officer, "Q1", at=minutes(20))
    assert queue.call_next(front.store, front.officer, "Q2", at=minutes(21)).label == "C001"


def test_calling_needs_an_officer_and_a_known_counter(front: Office) -> None:
    queue.take(front.store, "HT", at=MONDAY_8)
    with pytest.raises(NotAllowed):
        queue.call_next(front.store, front.technician, "Q1", at=minutes(1))
    with pytest.raises(NotFound):
        queue.call_next(front.store, front.officer, "Q9", at=minutes(1))


def test_a_citizen_sent_to_another_counter_is_called_there_first(front: Office) -> None:
    queue.take(front.store, "HT", at=minutes(0))
    queue.take(front.store, "HT", at=minutes(1))
    queue.call_next(front.store, front.officer, "Q1", at=minutes(5))
    sent = queue.send(front.store, front.officer, "Q1", "Q3", at=minutes(6))
    assert sent.state == queue.WAITING and sent.counter_code is None
    # Q3 does not serve Hộ tịch, yet the citizen sent there is called there, before anyone else.
    again = queue.call_next(front.store, front.supervisor, "Q3", at=minutes(7))
    assert (again.label, again.counter_number) == ("A001", 3)
    assert queue.call_next(front.store, front.officer, "Q1", at=minutes(8)).label == "A002"


def test_the_board_shows_serving_last_calls_and_waiting(front: Office) -> None:
    for i, field in enumerate(["HT", "HT", "CTR"]):
        queue.take(front.store, field, at=minutes(i))
    queue.call_next(front.store, front.officer, "Q1", at=minutes(5))
    queue.call_again(front.store, front.officer, "Q1", at=minutes(6))
    shown = board(front.store, at=minutes(7))
    assert {c.code: c.serving for c in shown.counters} == {"Q1": "A001", "Q2": None, "Q3": None}
    assert [(c.label, c.counter_number, c.again) for c in shown.last_calls] == [
        ("A001", 1, True), ("A001", 1, False)]
    assert {w.code: w.waiting for w in shown.waiting} == {"HT": 1, "CT": 0, "CTR": 1, "KHAC": 0}
    assert shown.last_call_id == shown.last_calls[0].call_id and shown.announce


def test_calling_again_and_skipping_need_a_called_ticket(front: Office) -> None:
    with pytest.raises(Conflict):
        queue.call_again(front.store, front.officer, "Q2", at=MONDAY_8)
    with pytest.raises(Conflict):
        queue.skip(front.store, front.officer, "Q2", at=MONDAY_8)


def _visits(office: Office) -> list[dict[str, object]]:
    with office.store.read() as session:
        return [row.payload for row in session.scalars(
            select(OutboxItem).where(OutboxItem.kind == "visit").order_by(OutboxItem.seq))]


def test_each_visit_ends_once_with_what_happened(front: Office) -> None:
    for i in range(3):
        queue.take(front.store, "HT", at=minutes(i))
    first = queue.call_next(front.store, front.officer, "Q1", at=minutes(10))
    received = dossiers.receive(front.store, front.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Văn An", phone="0912345678"), received_at=minutes(15)))
    # Calling the next citizen finishes the visit, tied to the dossier received since the call.
    queue.call_next(front.store, front.officer, "Q1", at=minutes(20))
    queue.skip(front.store, front.officer, "Q1", at=minutes(22))
    queue.call_next(front.store, front.officer, "Q1", at=minutes(23))
    done = queue.finish(front.store, front.officer, "Q1", at=minutes(30))
    assert done.outcome == "HuongDan" and done.dossier_code is None
    visits = _visits(front)
    assert [(v["SoThuTu"], v["KetQua"], v["MaHoSo"]) for v in visits] == [
        ("A001", "TiepNhan", received.code), ("A002", "VangMat", ""), ("A003", "HuongDan", "")]
    assert visits[0] == visits[0] | {
        "MaLuot": first.uid, "MaLinhVuc": "HT", "Quay": "Q1", "MaCanBo": "canbo",
        "ThoiDiemLaySo": "20261207080000", "ThoiDiemGoi": "20261207081000",
        "ThoiDiemBatDau": "20261207081000", "ThoiDiemKetThuc": "20261207082000"}
    assert visits[1]["ThoiDiemBatDau"] == "" and visits[1]["ThoiDiemGoi"] == "20261207082000"
    with front.store.read() as session:
        actions = session.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("queue.%")).order_by(AuditEntry.id)).all()
    assert actions.count("queue.take") == 3 and actions.count("queue.call") == 3
    assert actions.count("queue.finish") == 3


def test_a_visit_names_the_dossier_the_officer_gives(front: Office) -> None:
    received = dossiers.receive(front.store, front.officer, Intake(
        "1.004873", ApplicantInput("Trần Thị Bích", phone="0912345678"), received_at=MONDAY_8))
    queue.take(front.store, "CT", at=minutes(1))
    queue.call_next(front.store, front.officer, "Q3", at=minutes(2))
    with pytest.raises(NotFound):
        queue.finish(front.store, front.officer, "Q3", dossier_code="KHONG-CO", at=minutes(3))
    done = queue.finish(front.store, front.officer, "Q3", dossier_code=received.code.lower(),
                        at=minutes(4))
    assert (done.outcome, done.dossier_code) == ("TiepNhan", received.code)


# SQLite lets one writer in at a time: there is no row to pass over there.
@pytest.mark.parametrize("office", ["postgres"], indirect=True)
def test_a_ticket_another_counter_is_taking_is_passed_over_not_waited_for(office: Office,
                                                                          front: Office) -> None:
    queue.take(front.store, "HT", at=minutes(0))
    queue.take(front.store, "HT", at=minutes(1))
    with front.store.engine.connect() as other_counter:
        # Another counter's call holds the first ticket, not yet committed.
        other_counter.execute(select(QueueTicket.id).where(QueueTicket.label == "A001")
                              .with_for_update())
        called = queue.call_next(front.store, front.officer, "Q1", at=minutes(2))
        other_counter.rollback()
    assert called.label == "A002"
