"""Ratings tied to the dossier, the ticket and the officer; the supervisor's figures and the
service index components the counter counts."""

import threading
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from onestop import digitised, dossiers, queue
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import Conflict, DomainError, NotAllowed
from onestop.queue_board import BoardWatcher
from onestop.queue_figures import queue_figures
from onestop.queue_ratings import rate
from onestop.service_index import periods, service_index
from onestop.store.models import DossierDocument, OutboxItem
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house

MONDAY_8 = datetime(2026, 12, 7, 8, 0, tzinfo=LOCAL_ZONE)
AN = ApplicantInput("Nguyễn Văn An", phone="0912345678")


@pytest.fixture
def front(office: Office) -> Office:
    open_front_of_house(office.store)
    return office


def minutes(n: int) -> datetime:
    return MONDAY_8 + timedelta(minutes=n)


def served_with_dossier(office: Office) -> tuple[queue.TicketRecord, str]:
    ticket = queue.take(office.store, "HT", at=minutes(0))
    queue.call_next(office.store, office.officer, "Q1", at=minutes(4))
    received = dossiers.receive(office.store, office.officer,
                                Intake("1.004873", AN, received_at=minutes(6)))
    queue.finish(office.store, office.officer, "Q1", at=minutes(10))
    return ticket, received.code


def test_a_rating_is_tied_to_the_ticket_its_dossier_and_the_officer(front: Office) -> None:
    ticket, code = served_with_dossier(front)
    rating = rate(front.store, front.officer, 2, ["cho_lau", "cho_lau", "noi_cho"],
                  "  Chờ hơi lâu  ", ticket_uid=ticket.uid, at=minutes(11))
    assert (rating.dossier_code, rating.ticket, rating.level_name) == (code, "A001", "Bình thường")
    with front.store.read() as session:
        sent = session.scalars(select(OutboxItem.payload).where(OutboxItem.kind == "rating")).all()
    assert sent == [{
        "MaDanhGia": rating.uid, "MaHoSo": code, "SoThuTu": "A001", "MaCanBo": "canbo",
        "TenCanBo": "Người canbo", "MucDo": 2, "LyDo": ["cho_lau", "noi_cho"],
        "GopY": "Chờ hơi lâu", "KenhDanhGia": 1, "ThoiDiem": "20261207081100"}]
    with pytest.raises(Conflict):
        rate(front.store, front.officer, 4, ticket_uid=ticket.uid)


@pytest.mark.parametrize(("level", "reasons", "comment"), [
    (5, [], ""), (0, [], ""), (3, ["khong_co"], ""), (1, [], "x" * 501)])
def test_a_rating_out_of_bounds_is_refused_and_nothing_is_queued(
        front: Office, level: int, reasons: list[str], comment: str) -> None:
    with pytest.raises(DomainError):
        rate(front.store, front.officer, level, reasons, comment)
    with front.store.read() as session:
        assert session.scalar(select(OutboxItem.id).where(OutboxItem.kind == "rating")) is None


def test_a_rating_without_a_ticket_or_dossier_still_counts(front: Office) -> None:
    rating = rate(front.store, front.officer, 4, comment="x" * 500)
    assert rating.ticket is None and rating.dossier_code is None


def test_the_supervisor_sees_waiting_serving_and_ratings(front: Office) -> None:
    ticket, code = served_with_dossier(front)
    rate(front.store, front.officer, 4, ticket_uid=ticket.uid, at=minutes(11))
    queue.take(front.store, "CTR", at=minutes(20))
    queue.call_next(front.store, front.supervisor, "Q2", at=minutes(40))
    queue.finish(front.store, front.supervisor, "Q2", at=minutes(45))
    rate(front.store, front.supervisor, 1, ["thai_do"], at=minutes(46))
    with pytest.raises(NotAllowed):
        queue_figures(front.store, front.officer, MONDAY_8.date(), MONDAY_8.date())
    figures = queue_figures(front.store, front.supervisor, MONDAY_8.date(), MONDAY_8.date())
    assert (figures.tickets, figures.advice_only) == (2, 1)
    fields = {row.code: row for row in figures.by_field}
    assert (fields["HT"].average_wait_minutes, fields["HT"].average_service_minutes) == (4.0, 6.0)
    assert (fields["CTR"].average_wait_minutes, fields["CTR"].average_service_minutes) == (20.0, 5.0)
    assert [(row.code, row.served) for row in figures.by_counter] == [("Q1", 1), ("Q2", 1)]
    assert [(row.code, row.average) for row in figures.by_officer] == [("canbo", 4.0),
                                                                      ("lanhdao", 1.0)]
    assert [(row.code, row.ratings, row.very_satisfied) for row in figures.by_procedure] == [
        ("1.004873", 1, 1)]
    assert code


def one_paper_signed(office: Office, code: str) -> None:
    """The dossier's first paper digitised, read and signed (the token's part left out)."""
    paper = dossiers.show(office.store, office.officer, code).documents[0].code
    digitised.keep_copy(office.store, office.officer, code, paper, b"%PDF-copy", 1)
    claim = digitised.claim_for_reading(office.store)
    assert claim is not None
    digitised.finish_reading(office.store, claim, "Tờ khai", None)
    (to_sign,) = digitised.copies_to_sign(office.store, office.officer, code)
    digitised.record_signature(office.store, office.officer, to_sign, b"%PDF-signed", "Ký",
                               "UBND xã", "01", MONDAY_8, "PAdES-B-B")


def test_the_service_index_counts_what_the_counter_knows(front: Office) -> None:
    monday = MONDAY_8.date()
    late = dossiers.receive(front.store, front.officer, Intake("1.004873", AN,
                                                               received_at=minutes(60)))
    on_time = dossiers.receive(front.store, front.officer, Intake("1.004873", AN, channel=2,
                                                                  received_at=minutes(61)))
    dossiers.receive(front.store, front.officer, Intake("1.004873", AN, received_at=minutes(62)))
    for code, days in ((late.code, 9), (on_time.code, 1)):
        dossiers.transition(front.store, front.supervisor, code, "in_process",
                            at=minutes(90))
        dossiers.transition(front.store, front.supervisor, code, "result_ready",
                            at=minutes(days * 24 * 60))
    rate(front.store, front.officer, 4, at=minutes(70))
    rate(front.store, front.officer, 3, at=minutes(71))
    rate(front.store, front.officer, 1, at=minutes(72))
    one_paper_signed(front, late.code)
    month = periods(monday + timedelta(days=12))["month"]
    index = service_index(front.store, front.supervisor, *month, stalled_days=5,
                          now=MONDAY_8 + timedelta(days=12))
    assert (index.resolved, index.resolved_on_time, index.resolved_late) == (2, 1, 1)
    assert (index.received, index.received_online) == (3, 1)
    assert (index.ratings, index.satisfied) == (3, 2)
    # The third dossier has not moved since Monday 7 December: more than 5 working days by the 19th.
    assert index.stalled == 1
    with front.store.read() as session:
        papers = session.scalar(select(func.count()).select_from(DossierDocument))
    assert papers and index.digitisation_share == round(1 / papers, 4)
    assert index.on_time_share == 0.5
    assert periods(date(2026, 12, 19)) == {
        "today": (date(2026, 12, 19), date(2026, 12, 19)),
        "month": (date(2026, 12, 1), date(2026, 12, 19)),
        "year": (date(2026, 1, 1), date(2026, 12, 19))}


def test_a_call_wakes_the_display_on_postgresql_and_sqlite_polls(front: Office) -> None:
    queue.take(front.store, "HT")
    watcher = BoardWatcher(front.store)
    woke: list[bool] = []

    def wait() -> None:
        woke.append(watcher.wait(60.0))

    try:
        watcher.wait(0.01)
        assert watcher.listening == (not front.store.is_sqlite)
        waiter = threading.Thread(target=wait)
        waiter.start()
        queue.call_next(front.store, front.officer, "Q1")
        waiter.join(timeout=120)
    finally:
        watcher.close()
    # PostgreSQL announces the call (the wait ends long before its minute); SQLite cannot, so
    # the wait is one short poll after which the display reads the board anyway.
    assert woke == [not front.store.is_sqlite]


def test_a_rating_given_before_the_visit_ends_names_the_dossier_received(front: Office) -> None:
    ticket = queue.take(front.store, "HT", at=minutes(0))
    queue.call_next(front.store, front.officer, "Q1", at=minutes(1))
    received = dossiers.receive(front.store, front.officer, Intake("1.004873", AN,
                                                                   received_at=minutes(2)))
    rating = rate(front.store, front.officer, 4, ticket_uid=ticket.uid, at=minutes(3))
    assert (rating.ticket, rating.dossier_code) == ("A001", received.code)
