from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from onestop import audit, dossiers, print_jobs
from onestop.dossiers import ApplicantInput, HandedIn, Intake
from onestop.errors import Conflict, DomainError, NotAllowed
from onestop.print_jobs import SlipOrder
from onestop.store.models import AuditEntry, Dossier, OutboxItem, StatusChange
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office

AN = ApplicantInput("Nguyễn Văn An", "001099012345", birth_date=date(1999, 1, 1), sex="Nam",
                    address="Số 1 Tràng Tiền", phone="0912345678")
MONDAY_9 = datetime(2026, 12, 7, 9, 0, tzinfo=LOCAL_ZONE)


def counts(office: Office) -> tuple[int, int, int, int]:
    with office.store.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0  # type: ignore[return-value]
                     for t in (Dossier, StatusChange, AuditEntry, OutboxItem))


def test_receiving_stores_code_appointment_history_audit_and_outbox(office: Office) -> None:
    received = dossiers.receive(office.store, office.officer,
                                Intake("1.004873", AN, received_at=MONDAY_9))
    assert received.code == "000.00.13.H24-261207-0001"
    assert received.book_entry == 1
    # Marital status certificate: 3 working days from Monday 09:00 → Thursday 09:00.
    assert received.due_at == datetime(2026, 12, 10, 9, 0, tzinfo=LOCAL_ZONE)
    view = dossiers.show(office.store, office.supervisor, received.code)
    assert view.applicant.full_name == "Nguyễn Văn An"
    assert [h.to_status for h in view.history] == ["received"]
    assert view.documents and all(d.originals + d.copies > 0 for d in view.documents)
    with office.store.read() as s:
        items = s.scalars(select(OutboxItem).order_by(OutboxItem.seq)).all()
        assert [i.kind for i in items] == ["dossier", "progress"]
        assert items[0].payload["MaHoSo"] == received.code
        assert items[0].payload["NgayHenTra"] == "20261210090000"
        assert items[0].payload["TrangThaiHoSo"] == 2
        actions = s.scalars(select(AuditEntry.action)).all()
        assert "dossier.receive" in actions and "dossier.view" in actions


def test_codes_follow_the_day_and_restart_each_day(office: Office) -> None:
    first = dossiers.receive(office.store, office.officer, Intake("1.004873", AN, received_at=MONDAY_9))
    second = dossiers.receive(office.store, office.officer,
                              Intake("1.004873", AN, received_at=MONDAY_9 + timedelta(minutes=1)))
    next_day = dossiers.receive(office.store, office.officer,
                                Intake("1.004873", AN, received_at=MONDAY_9 + timedelta(days=1)))
    assert [first.code[-4:], second.code[-4:]] == ["0001", "0002"]
    assert next_day.code == "000.00.13.H24-261208-0001"
    assert next_day.book_entry == 3


@pytest.mark.parametrize(
    ("intake", "field"),
    [
        (Intake("9.999999", AN), "procedure"),
        (Intake("1.004873", ApplicantInput("")), "full_name"),
        (Intake("1.004873", ApplicantInput("Lê Văn Bốn", "12345")), "id_number"),
        (Intake("1.004873", ApplicantInput("Lê Văn Bốn", phone="12")), "phone"),
        (Intake("1.004873", AN, documents=(HandedIn("khong-co", 1, 0),)), "documents"),
        (Intake("1.004873", AN, sets=0), "sets"),
        (Intake("1.004873", AN, outcome="refused"), "reasons"),
    ],
)
def test_bad_input_writes_nothing_and_says_what_to_fix(office: Office, intake: Intake,
                                                       field: str) -> None:
    before = counts(office)
    with pytest.raises(DomainError) as error:
        dossiers.receive(office.store, office.officer, intake)
    assert error.value.field == field
    assert str(error.value)
    assert counts(office) == before


def test_missing_mandatory_documents_are_flagged(office: Office) -> None:
    received = dossiers.receive(office.store, office.officer, Intake(
        "1.004873", AN, documents=(HandedIn("000.00.00.G15-KQ004946", 1, 0),)))
    assert received.missing_mandatory


def test_a_refusal_at_the_counter_is_stored_with_its_reasons(office: Office) -> None:
    received = dossiers.receive(office.store, office.officer, Intake(
        "1.004873", AN, outcome="refused", reasons="Không thuộc thẩm quyền của xã"))
    view = dossiers.show(office.store, office.officer, received.code)
    assert view.status == "refused" and view.due_at is None
    assert view.history[0].note == "Không thuộc thẩm quyền của xã"


def test_lifecycle_moves_are_checked_and_recorded(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer,
                            Intake("1.004873", AN, received_at=MONDAY_9)).code
    with pytest.raises(Conflict):
        dossiers.transition(office.store, office.officer, code, "returned")
    with pytest.raises(NotAllowed):
        dossiers.transition(office.store, office.officer, code, "stopped", "lý do")
    with pytest.raises(NotAllowed):
        dossiers.transition(office.store, office.technician, code, "in_process")
    with pytest.raises(DomainError):
        dossiers.transition(office.store, office.officer, code, "withdrawn", "")
    dossiers.transition(office.store, office.officer, code, "in_process")
    dossiers.transition(office.store, office.supervisor, code, "result_ready")
    changed = dossiers.transition(office.store, office.officer, code, "returned",
                                  "Ông An nhận trực tiếp")
    assert changed.status == "returned"
    view = dossiers.show(office.store, office.supervisor, code)
    assert [h.to_status for h in view.history] == ["received", "in_process", "result_ready",
                                                   "returned"]
    assert view.timeliness in ("early", "on_time")
    assert view.history[-1].note == "Ông An nhận trực tiếp"


def test_a_supplement_request_pauses_the_clock(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer,
                            Intake("1.004873", AN, received_at=MONDAY_9)).code
    due = datetime(2026, 12, 10, 9, 0, tzinfo=LOCAL_ZONE)
    dossiers.transition(office.store, office.officer, code, "supplement_requested",
                        "Thiếu bản sao sổ hộ khẩu", at=MONDAY_9 + timedelta(hours=1))
    # Supplement comes back on Tuesday 10:00: a full working day paused.
    changed = dossiers.transition(office.store, office.officer, code, "in_process",
                                  at=MONDAY_9 + timedelta(days=1, hours=1))
    assert changed.due_at == due + timedelta(days=1)


def test_overdue_is_derived_from_the_appointment(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake(
        "1.004873", AN, received_at=datetime.now(UTC) - timedelta(days=30))).code
    view = dossiers.show(office.store, office.officer, code)
    assert view.overdue and view.status == "received"


def test_every_change_is_in_the_audit_chain(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    dossiers.transition(office.store, office.officer, code, "in_process")
    with office.store.read() as s:
        assert audit.verify_in(s) == []
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["dossier.receive", "dossier.transition"]


def test_the_slip_view_after_receiving_writes_no_second_audit_row(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    before = counts(office)
    with office.store.read() as s:
        view = dossiers.slip_view_in(s, office.officer, code)
        assert view.code == code and view.applicant.full_name == "Nguyễn Văn An"
        with pytest.raises(NotAllowed):
            dossiers.slip_view_in(s, office.technician, code)
    assert counts(office) == before


def test_the_receipt_print_job_is_stored_with_the_dossier(office: Office) -> None:
    received = dossiers.receive(office.store, office.officer, Intake("1.004873", AN),
                                SlipOrder("virtual://slips", copies=2))
    assert received.slip_job is not None and received.status_name == "Đã tiếp nhận"
    jobs = print_jobs.for_dossier(office.store, office.officer, received.code)
    assert [(j.id, j.kind, j.state, j.copies) for j in jobs] == [
        (received.slip_job.id, print_jobs.RECEIPT, print_jobs.QUEUED, 2)]

    before = counts(office)
    with pytest.raises(DomainError) as refused:
        dossiers.receive(office.store, office.officer, Intake("1.004873", AN),
                         SlipOrder("virtual://slips", copies=9))
    assert refused.value.field == "copies"
    assert counts(office) == before




def test_the_province_acknowledgement_marks_a_batch_and_never_lowers(office: Office) -> None:
    first, second = (dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
                     for _ in range(2))
    dossiers.transition(office.store, office.officer, first, "in_process")
    with office.store.write() as session:
        dossiers.mark_at_province(session, [(first, 2), (second, 1)])
    with office.store.write() as session:
        dossiers.mark_at_province(session, [(first, 1)])
    with office.store.read() as session:
        held = {code: version for code, version in
                session.execute(select(Dossier.code, Dossier.province_version))}
    assert held == {first: 2, second: 1}
    assert dossiers.show(office.store, office.supervisor, first).at_province
