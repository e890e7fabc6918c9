"""Correcting a received dossier: one transaction with history, audit, a new version for the
province and, if asked, the corrected receipt's print job."""

import threading
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from onestop import audit, catalogue, dossiers, print_jobs, settings
from onestop.correction import Correction, correct_dossier
from onestop.dossiers import ApplicantInput, HandedIn, Intake
from onestop.errors import Conflict, DomainError, NotAllowed
from onestop.print_jobs import SlipOrder
from onestop.roles import Actor
from onestop.search import search
from onestop.store.models import AuditEntry, OutboxItem, StatusChange
from onestop.workdays import LOCAL_ZONE
from printing.dossier_slip import dossier_slip, slip_office
from printing.slip_layout import PaperWidth, render_slip
from tests.conftest import Office

AN = ApplicantInput("Nguyễn Văn Ân", "001099012345", birth_date=date(1999, 1, 1), sex="Nam",
                    address="Số 1 Tràng Tiền", phone="0912345678")
MONDAY_9 = datetime(2026, 12, 7, 9, 0, tzinfo=LOCAL_ZONE)


def counts(office: Office) -> tuple[int, ...]:
    with office.store.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0
                     for t in (StatusChange, AuditEntry, OutboxItem))


def test_a_mis_keyed_name_and_phone_are_corrected_with_history_audit_and_a_new_version(
        office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    corrected = correct_dossier(office.store, office.officer, code,
                                Correction(name="Nguyễn Văn An", phone="0912345679"),
                                "Gõ nhầm dấu và số điện thoại", SlipOrder("virtual://slips"))
    assert corrected.version == 2 and corrected.changed == ("full_name", "phone")
    view = dossiers.show(office.store, office.officer, code)
    assert (view.applicant.full_name, view.applicant.phone, view.version, view.corrected) == (
        "Nguyễn Văn An", "0912345679", 2, True)
    assert view.applicant.address == "Số 1 Tràng Tiền"
    last = view.history[-1]
    assert (last.from_status, last.to_status, last.actor) == ("received", "received", "canbo")
    assert "Họ tên: Nguyễn Văn Ân → Nguyễn Văn An" in last.note
    assert "Số điện thoại: 0912345678 → 0912345679" in last.note
    assert "Gõ nhầm dấu và số điện thoại" in last.note
    assert [s.code for s in search(office.store, office.officer, "0912345679")] == [code]
    with office.store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.correct")).one()
        assert entry.subject == code and entry.actor == "canbo"
        assert entry.details["changes"]["full_name"] == ["Nguyễn Văn Ân", "Nguyễn Văn An"]
        assert audit.verify_in(s) == []
        versions = s.execute(select(OutboxItem.version, OutboxItem.payload).where(
            OutboxItem.kind == "dossier", OutboxItem.item_key == code)
            .order_by(OutboxItem.seq)).all()
    assert [(v, p["PhienBan"], p["ChuHoSo"], p["SoDienThoai"]) for v, p in versions] == [
        (1, 1, "Nguyễn Văn Ân", "0912345678"), (2, 2, "Nguyễn Văn An", "0912345679")]
    jobs = print_jobs.for_dossier(office.store, office.officer, code)
    assert [(j.id, j.kind, j.state) for j in jobs] == [
        (corrected.print_job_id, print_jobs.RECEIPT, print_jobs.QUEUED)]
    with office.store.read() as s:
        assert dossiers.slip_view_in(s, office.officer, code).corrected


def test_the_procedure_changes_until_the_dossier_moves_on_and_the_appointment_follows(
        office: Office) -> None:
    code = dossiers.receive(office.store, office.officer,
                            Intake("1.004873", AN, received_at=MONDAY_9)).code
    with pytest.raises(DomainError) as unknown_papers:
        correct_dossier(office.store, office.officer, code,
                        Correction(procedure_code="1.004884"), "Chọn nhầm thủ tục")
    assert unknown_papers.value.field == "documents"
    checklist = catalogue.get_procedure(office.store, "1.004884").documents
    new_papers = tuple(HandedIn(d.code, d.originals, d.copies) for d in checklist if d.mandatory)
    corrected = correct_dossier(office.store, office.officer, code,
                                Correction(procedure_code="1.004884", handed_in=new_papers),
                                "Chọn nhầm thủ tục")
    assert corrected.changed == ("procedure_code", "handed_in")
    view = dossiers.show(office.store, office.officer, code)
    # Re-registering a birth: 5 working days from Monday 09:00 → next Monday 09:00.
    assert (view.procedure_code, view.due_at) == (
        "1.004884", datetime(2026, 12, 14, 9, 0, tzinfo=LOCAL_ZONE))
    assert [d.code for d in view.documents] == [p.code for p in new_papers]
    assert view.fees_total == 0
    assert "Thủ tục: 1.004873 → 1.004884" in view.history[-1].note

    dossiers.transition(office.store, office.officer, code, "in_process")
    before = counts(office)
    with pytest.raises(Conflict):
        correct_dossier(office.store, office.officer, code,
                        Correction(procedure_code="1.004873", name="Nguyễn Văn An"), "Đổi lại")
    assert counts(office) == before
    assert dossiers.show(office.store, office.officer, code).applicant.full_name == "Nguyễn Văn Ân"
    correct_dossier(office.store, office.officer, code, Correction(name="Nguyễn Văn An"), "Sai dấu")
    assert dossiers.show(office.store, office.officer, code).applicant.full_name == "Nguyễn Văn An"


def test_papers_handed_in_are_corrected(office: Office) -> None:
    received = dossiers.receive(office.store, office.officer, Intake("1.004873", AN))
    view = dossiers.show(office.store, office.officer, received.code)
    papers = tuple(HandedIn(d.code, d.originals, d.copies) for d in view.documents)
    fewer = papers[:1] + (HandedIn(papers[1].code, 0, 2),)
    corrected = correct_dossier(office.store, office.supervisor, received.code,
                                Correction(handed_in=fewer), "Công dân nộp bản sao")
    assert corrected.changed == ("handed_in",) and corrected.print_job_id is None
    shown = dossiers.show(office.store, office.officer, received.code).documents
    assert [(d.code, d.originals, d.copies) for d in shown] == [
        (p.code, p.originals, p.copies) for p in fewer]


@pytest.mark.parametrize(
    ("correction", "reason", "field"),
    [
        (Correction(name="Lê"), "", "reason"),
        (Correction(name="Lê"), "   ", "reason"),
        (Correction(name=""), "Sai tên", "full_name"),
        (Correction(phone="12"), "Sai số", "phone"),
        (Correction(id_number="001099"), "Sai số", "id_number"),
        (Correction(birth_date=date(1998, 1, 1)), "Sai ngày sinh", "id_number"),
        (Correction(procedure_code="9.999999"), "Sai thủ tục", "procedure"),
        (Correction(handed_in=(HandedIn("khong-co", 1, 0),)), "Sai giấy tờ", "documents"),
    ],
)
def test_a_bad_correction_writes_nothing_and_says_what_to_fix(
        office: Office, correction: Correction, reason: str, field: str) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    before = counts(office)
    with pytest.raises(DomainError) as error:
        correct_dossier(office.store, office.officer, code, correction, reason)
    assert error.value.field == field and str(error.value)
    assert counts(office) == before
    assert dossiers.show(office.store, office.officer, code).version == 1


def test_only_the_counter_corrects_and_only_a_real_change(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    for actor in (office.technician, office.admin):
        with pytest.raises(NotAllowed):
            correct_dossier(office.store, actor, code, Correction(name="Nguyễn Văn An"), "Sai dấu")
    before = counts(office)
    with pytest.raises(DomainError):
        correct_dossier(office.store, office.officer, code,
                        Correction(name=" Nguyễn  Văn Ân ", phone="0912 345 678"), "Không đổi")
    assert counts(office) == before


def test_the_corrected_receipt_says_so_on_the_paper(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    with office.store.read() as s:
        values = settings.all_values_in(s)
        before = dossiers.slip_view_in(s, office.officer, code)
    correct_dossier(office.store, office.officer, code, Correction(address="Số 11 Tràng Tiền"),
                    "Sai số nhà")
    with office.store.read() as s:
        after = dossiers.slip_view_in(s, office.officer, code)
    slips = [dossier_slip(view, slip_office(values), print_jobs.RECEIPT, officer_names={})
             for view in (before, after)]
    assert [(s.corrected, s.applicant.address) for s in slips] == [
        (False, "Số 1 Tràng Tiền"), (True, "Số 11 Tràng Tiền")]
    first, corrected = (render_slip(s, PaperWidth.MM80) for s in slips)
    assert corrected.height > first.height


def test_two_counters_correcting_one_dossier_at_once_make_two_versions(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", AN)).code
    rounds, start = 4, threading.Barrier(2)
    results: list[int] = []

    def correct(actor: Actor, corrections: list[Correction]) -> None:
        for correction in corrections:
            start.wait(timeout=30)
            results.append(correct_dossier(office.store, actor, code, correction, "Sai").version)

    phones = [Correction(phone=f"091234{n:04d}") for n in range(rounds)]
    addresses = [Correction(address=f"Số {n} Tràng Tiền") for n in range(10, 10 + rounds)]
    workers = [threading.Thread(target=correct, args=(office.officer, phones)),
               threading.Thread(target=correct, args=(office.supervisor, addresses))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert sorted(results) == list(range(2, 2 + 2 * rounds))
    with office.store.read() as s:
        sent = s.scalars(select(OutboxItem.version).where(
            OutboxItem.kind == "dossier", OutboxItem.item_key == code)).all()
    assert sorted(sent) == list(range(1, 2 + 2 * rounds))
    view = dossiers.show(office.store, office.officer, code)
    assert (view.applicant.phone, view.applicant.address) == (
        phones[-1].phone, addresses[-1].address)


def test_a_dossier_keeps_its_genuine_chip_mark_until_a_correction_changes_the_card_s_data(
        office: Office) -> None:
    from_chip = replace(AN, from_genuine_chip=True)
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", from_chip)).code
    assert dossiers.show(office.store, office.officer, code).applicant.from_genuine_chip
    correct_dossier(office.store, office.officer, code, Correction(phone="0912345679"),
                    "Số điện thoại mới")
    assert dossiers.show(office.store, office.officer, code).applicant.from_genuine_chip
    correct_dossier(office.store, office.officer, code, Correction(name="Nguyễn Văn An"),
                    "Gõ nhầm dấu")
    assert not dossiers.show(office.store, office.officer, code).applicant.from_genuine_chip
