"""Returning a result: one transaction moves the dossier to returned with its history, audit and
province rows and keeps who collected it and the fees taken; the dossiers whose result is ready
are listed for the counter."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from onestop import audit, dossiers, print_jobs, reports
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import Conflict, DomainError
from onestop.print_jobs import SlipOrder
from onestop.returning import Collector, Handover, results_ready, return_result
from onestop.store.models import AuditEntry, OutboxItem, StatusChange
from onestop.store.returning_models import ResultReturn
from onestop.workdays import LOCAL_ZONE
from printing.print_queue_worker import stored_dossier_slip
from printing.slip_content import ResultHandover
from printing.slip_layout import render_slip
from tests.conftest import Office

HOA = ApplicantInput("Trần Thị Hoà", "001185012345", phone="0912345678")
CERTIFICATION = "2.000815"  # a copy certified: the catalogue's fees are 2.000 + 1.000 đồng
TUESDAY_10 = datetime(2026, 12, 8, 10, 0, tzinfo=LOCAL_ZONE)


def ready(office: Office, procedure: str = CERTIFICATION, applicant: ApplicantInput = HOA) -> str:
    code = dossiers.receive(office.store, office.officer, Intake(procedure, applicant)).code
    dossiers.transition(office.store, office.officer, code, "result_ready")
    return code


def counts(office: Office) -> tuple[int, ...]:
    with office.store.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0
                     for t in (StatusChange, AuditEntry, OutboxItem, ResultReturn))


def test_the_applicant_collects_and_pays_the_catalogue_fees_in_one_transaction(office: Office) -> None:
    code = ready(office)
    returned = return_result(office.store, office.officer, code, Handover(),
                             SlipOrder("virtual://slips"), at=TUESDAY_10)
    got = returned.collection
    assert (got.by_applicant, got.collector_name, got.fees_collected, got.returned_by) == (
        True, "Trần Thị Hoà", 3000, "canbo")
    view = dossiers.show(office.store, office.officer, code)
    assert (view.status, view.national_status, view.returned_at) == ("returned", 10, TUESDAY_10)
    last = view.history[-1]
    assert (last.from_status, last.to_status, last.actor) == ("result_ready", "returned", "canbo")
    assert "Trần Thị Hoà" in last.note and "3000" in last.note
    with office.store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.subject == code)
                          .order_by(AuditEntry.id.desc()).limit(2)).all()
        assert [e.action for e in entry] == ["dossier.view", "dossier.transition"]
        assert entry[1].details["to"] == "returned" and entry[1].details["fees_collected"] == 3000
        assert audit.verify_in(s) == []
        record = s.scalars(select(OutboxItem.payload).where(
            OutboxItem.kind == "dossier", OutboxItem.item_key == code)
            .order_by(OutboxItem.seq.desc()).limit(1)).one()
    assert (record["TrangThaiHoSo"], record["NgayTra"]) == (10, "20261208100000")
    jobs = print_jobs.for_dossier(office.store, office.officer, code)
    assert [(j.id, j.kind) for j in jobs] == [(returned.print_job_id, print_jobs.HANDOVER)]


def test_an_authorised_person_collects_with_their_id_number_and_the_fees_typed(
        office: Office) -> None:
    code = ready(office)
    returned = return_result(office.store, office.officer, code, Handover(
        Collector("Lê Văn  Bình", " 001090012345 ", "con trai"), fees_collected=5000))
    got = returned.collection
    assert (got.by_applicant, got.collector_name, got.collector_id_number, got.relation,
            got.fees_collected) == (False, "Lê Văn Bình", "001090012345", "con trai", 5000)
    note = dossiers.show(office.store, office.officer, code).history[-1].note
    assert "Lê Văn Bình" in note and "001090012345" in note and "con trai" in note


@pytest.mark.parametrize(("collector", "fees", "field"), [
    (Collector("Lê Văn Bình", "12345"), None, "id_number"),
    (Collector("Lê Văn Bình", "999090012345"), None, "id_number"),
    (Collector("Lê Văn Bình"), None, "id_number"),
    (Collector("", "001090012345"), None, "full_name"),
    (Collector(), -1, "fees"),
])
def test_a_wrong_id_number_name_or_fee_leaves_nothing_written(
        office: Office, collector: Collector, fees: int | None, field: str) -> None:
    code = ready(office)
    before = counts(office)
    with pytest.raises(DomainError) as refused:
        return_result(office.store, office.officer, code, Handover(collector, fees))
    assert refused.value.field == field
    assert counts(office) == before
    assert dossiers.show(office.store, office.officer, code).status == "result_ready"


def test_a_result_not_ready_or_already_returned_is_not_handed_over(office: Office) -> None:
    waiting = dossiers.receive(office.store, office.officer, Intake(CERTIFICATION, HOA)).code
    with pytest.raises(Conflict):
        return_result(office.store, office.officer, waiting, Handover())
    code = ready(office)
    return_result(office.store, office.officer, code, Handover())
    before = counts(office)
    with pytest.raises(Conflict):
        return_result(office.store, office.supervisor, code, Handover())
    assert counts(office) == before


def test_a_technician_may_not_hand_a_result_over(office: Office) -> None:
    code = ready(office)
    with pytest.raises(DomainError) as refused:
        return_result(office.store, office.technician, code, Handover())
    assert refused.value.kind == "not_allowed"


def test_the_results_ready_are_listed_longest_waiting_first_and_found_without_diacritics(
        office: Office) -> None:
    first = ready(office)
    second = ready(office, "1.004873", ApplicantInput("Nguyễn Văn Đức", phone="0987654321"))
    dossiers.receive(office.store, office.officer, Intake(CERTIFICATION, HOA))  # not ready
    later = datetime.now(LOCAL_ZONE) + timedelta(days=3)
    listed = results_ready(office.store, office.officer, now=later)
    assert [(r.code, r.days_waiting) for r in listed] == [(first, 3), (second, 3)]
    assert listed[0].fees_total == 3000 and listed[0].procedure_name.startswith("Chứng thực")
    assert [r.code for r in results_ready(office.store, office.officer, "nguyen van duc")] == [second]
    assert [r.code for r in results_ready(office.store, office.officer, "0912345678")] == [first]
    return_result(office.store, office.officer, first, Handover())
    assert [r.code for r in results_ready(office.store, office.officer)] == [second]


def test_the_daily_report_counts_the_fees_taken_at_the_returns_of_the_day(office: Office) -> None:
    code = ready(office)
    return_result(office.store, office.officer, code, Handover(fees_collected=7000))
    today = datetime.now(LOCAL_ZONE).date()
    report = reports.daily(office.store, office.supervisor, today)
    assert (report.returned, report.fees_collected) == (1, 7000)
    assert reports.daily(office.store, office.supervisor, today - timedelta(days=1)).fees_collected == 0


def test_the_return_confirmation_names_the_authorised_person_and_the_fees(office: Office) -> None:
    code = ready(office)
    return_result(office.store, office.officer, code, Handover(
        Collector("Lê Văn Bình", "001090012345", "con trai"), fees_collected=3000), at=TUESDAY_10)
    slip, paper = stored_dossier_slip(office.store, office.officer, code, print_jobs.HANDOVER)
    assert slip.detail == ResultHandover("Lê Văn Bình", TUESDAY_10, "001090012345", "con trai", 3000)
    assert slip.title == "Phiếu trả kết quả giải quyết hồ sơ"
    plain = ready(office)
    return_result(office.store, office.officer, plain, Handover(), at=TUESDAY_10)
    applicant_slip, _paper = stored_dossier_slip(office.store, office.officer, plain, print_jobs.HANDOVER)
    assert applicant_slip.detail == ResultHandover("Trần Thị Hoà", TUESDAY_10, "", "", 3000)
    assert render_slip(slip, paper).height > render_slip(applicant_slip, paper).height
