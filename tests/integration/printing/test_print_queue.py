"""The print queue with a real store (SQLite and PostgreSQL) and a real printer on the loopback."""

import re
import threading
from datetime import date, datetime

import pytest
import zxingcpp
from sqlalchemy import select

from onestop import dossiers, print_jobs, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import Conflict, DomainError, NotAllowed
from onestop.roles import SYSTEM
from onestop.store.models import AuditEntry
from onestop.workdays import LOCAL_ZONE
from printing.print_queue_worker import send_print_job, stored_dossier_slip
from printing.printer_errors import PrinterProblem
from printing.slip_content import Refusal, ResultHandover, SupplementRequest
from printing.slip_layout import PaperWidth
from tests.conftest import Office
from tests.integration.printing.loopback_printer import PAPER_OUT, LoopbackPrinter
from tests.unit.printing.escpos_reader import read_job

AN = ApplicantInput("Nguyễn Văn An", "001099012345", birth_date=date(1999, 1, 1), sex="Nam",
                    address="Số 1 Tràng Tiền", phone="0912345678")
MONDAY_9 = datetime(2026, 12, 7, 9, 0, tzinfo=LOCAL_ZONE)


def _receive(office: Office, **changes: object) -> str:
    intake = Intake("1.004873", AN, received_at=MONDAY_9, **changes)  # type: ignore[arg-type]
    return dossiers.receive(office.store, office.officer, intake).code


def test_a_queued_receipt_reaches_the_printer_once(office: Office) -> None:
    code = _receive(office)
    with LoopbackPrinter() as printer:
        job = print_jobs.queue_intake_slip(office.store, office.officer, code, printer.uri)
        assert (job.kind, job.state, job.attempts) == ("receipt", "queued", 0)
        done = send_print_job(office.store, office.officer, job.id, timeout=5)
        with pytest.raises(Conflict, match="đã in xong"):
            send_print_job(office.store, office.officer, job.id, timeout=5)

    assert done.sent, done.message
    assert (done.job.state, done.job.attempts) == ("sent", 1)
    assert done.job.sent_at is not None
    [data] = printer.jobs
    [slip] = read_job(data).slips
    assert slip.width == PaperWidth.MM80
    found = {r.format: r.text for r in zxingcpp.read_barcodes(slip)}
    # Circular 01/2023 Art. 26: dossier, procedure, applicant, the paper's name, appointment
    assert found[zxingcpp.BarcodeFormat.QRCode] == (
        f"{code}|1.004873|001099012345|Giấy tiếp nhận hồ sơ và hẹn trả kết quả|10/12/2026")
    assert found[zxingcpp.BarcodeFormat.Code128] == code
    assert print_jobs.waiting(office.store, office.officer) == []
    with office.store.read() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "dossier.view" not in actions, "printing a slip is not a look at the citizen's data"


@pytest.mark.parametrize(
    ("model", "width", "cuts", "tears"),
    [
        ("NT-5890K", 384, [], 2),  # a 58 mm printer without a cutter
        ("TM-T88V", 512, ["partial"] * 2, 0),  # 180 dpi: 512 dots across 80 mm paper
        ("default", 576, ["partial"] * 2, 0),
    ],
)
def test_the_printer_model_set_up_decides_the_slip_s_width_and_cut(
    office: Office, model: str, width: int, cuts: list[str], tears: int
) -> None:
    code = _receive(office)
    with office.store.write() as session:
        settings.put_in(session, SYSTEM, "printer.paper_width", 80)
        settings.put_in(session, SYSTEM, "printer.profile", model)
    with LoopbackPrinter() as printer:
        job = print_jobs.queue_intake_slip(office.store, office.officer, code, printer.uri, 2)
        done = send_print_job(office.store, office.officer, job.id, timeout=5)

    assert done.sent, done.message
    [data] = printer.jobs
    printed = read_job(data)
    assert (printed.cuts, printed.tears) == (cuts, tears)
    assert {raster.width for raster in printed.rasters} == {width}
    first, _second = printed.slips
    assert zxingcpp.read_barcodes(first)[0].text == code
    _slip, previewed = stored_dossier_slip(office.store, office.officer, code)
    assert previewed == width


def test_an_office_may_print_its_province_look_up_address_in_the_qr(office: Office) -> None:
    settings.put(office.store, SYSTEM, {
        "slip.qr_template": "https://dichvucong.hungyen.gov.vn/tra-cuu?ma={ma_ho_so}&giay={ten_giay}"})
    code = _receive(office)
    with LoopbackPrinter() as printer:
        job = print_jobs.queue_intake_slip(office.store, office.officer, code, printer.uri)
        assert send_print_job(office.store, office.officer, job.id, timeout=5).sent
    [slip] = read_job(printer.jobs[0]).slips
    found = {r.format: r.text for r in zxingcpp.read_barcodes(slip)}
    assert found[zxingcpp.BarcodeFormat.QRCode] == (
        f"https://dichvucong.hungyen.gov.vn/tra-cuu?ma={code}&giay=Gi%E1%BA%A5y%20ti%E1%BA%BFp"
        "%20nh%E1%BA%ADn%20h%E1%BB%93%20s%C6%A1%20v%C3%A0%20h%E1%BA%B9n%20tr%E1%BA%A3%20k%E1%BA"
        "%BFt%20qu%E1%BA%A3")


@pytest.mark.parametrize(("template", "reason"), [
    ("{ma_ho_so}|{so_dien_thoai}", "{so_dien_thoai}"),
    ("{ma_thu_tuc}|{hen_tra}", "{ma_ho_so}"),
    ("{ma_ho_so|{hen_tra}", "không khớp"),
    ("{ma_ho_so.__class__}", "{ma_ho_so.__class__}"),
])
def test_a_qr_template_that_would_lose_the_dossier_is_refused(office: Office, template: str,
                                                             reason: str) -> None:
    with pytest.raises(DomainError, match=re.escape(reason)):
        settings.put(office.store, SYSTEM, {"slip.qr_template": template})
    assert settings.get(office.store, "slip.qr_template") == settings.SCHEMA["slip.qr_template"].default


def test_a_refused_connection_leaves_the_job_failed_until_a_retry(office: Office,
                                                                 refusing_port: int) -> None:
    code = _receive(office)
    job = print_jobs.queue_intake_slip(office.store, office.officer, code,
                                       f"tcp://127.0.0.1:{refusing_port}")
    failed = send_print_job(office.store, office.officer, job.id, timeout=2)

    assert not failed.sent
    assert failed.problem is PrinterProblem.UNREACHABLE
    assert (failed.job.state, failed.job.attempts) == ("failed", 1)
    assert "Không kết nối được máy in" in failed.job.last_error
    assert [w.id for w in print_jobs.waiting(office.store, office.officer)] == [job.id]
    assert dossiers.show(office.store, office.officer, code).status == "received"

    again = send_print_job(office.store, office.officer, job.id, timeout=2)
    assert (again.job.state, again.job.attempts) == ("failed", 2)


@pytest.mark.parametrize(
    ("printer_options", "problem", "says"),
    [
        ({"paper_answer": PAPER_OUT}, PrinterProblem.PAPER_OUT, "hết giấy"),
        ({"drop_after": 4000}, PrinterProblem.DROPPED, "Mất kết nối với máy in"),
    ],
    ids=["paper-out", "dropped"],
)
def test_printer_trouble_fails_the_job_with_its_message(
    office: Office, printer_options: dict[str, object], problem: PrinterProblem, says: str
) -> None:
    code = _receive(office)
    with LoopbackPrinter(**printer_options) as printer:  # type: ignore[arg-type]
        job = print_jobs.queue_intake_slip(office.store, office.officer, code, printer.uri, 2)
        outcome = send_print_job(office.store, office.officer, job.id, timeout=5)

    assert outcome.problem is problem
    assert outcome.job.state == "failed"
    assert says in outcome.job.last_error


def test_a_reprint_is_a_new_audited_job_and_ends_the_wait(office: Office, refusing_port: int) -> None:
    code = _receive(office)
    failed = print_jobs.queue_intake_slip(office.store, office.officer, code,
                                          f"tcp://127.0.0.1:{refusing_port}")
    send_print_job(office.store, office.officer, failed.id, timeout=2)
    with LoopbackPrinter() as printer:
        again = print_jobs.reprint(office.store, office.officer, code, printer.uri, copies=2)
        done = send_print_job(office.store, office.officer, again.id, timeout=5)

    assert done.sent and done.job.kind == "reprint"
    assert read_job(printer.jobs[0]).cuts == ["partial"] * 2
    assert print_jobs.waiting(office.store, office.officer) == []
    jobs = print_jobs.for_dossier(office.store, office.officer, code)
    assert [(j.kind, j.state) for j in jobs] == [("receipt", "failed"), ("reprint", "sent")]
    with office.store.read() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.subject == code)).all()
    assert "dossier.reprint" in actions


def test_two_workers_never_send_the_same_job_together(office: Office) -> None:
    code = _receive(office)
    job = print_jobs.queue_intake_slip(office.store, office.officer, code, "virtual://unused")
    claims: list[str] = []

    def claim() -> None:
        try:
            print_jobs.claim(office.store, office.officer, job.id)
            claims.append("taken")
        except Conflict:
            claims.append("refused")

    workers = [threading.Thread(target=claim) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(claims) == ["refused"] * 3 + ["taken"]
    stuck = print_jobs.get(office.store, office.officer, job.id)
    assert (stuck.state, stuck.attempts) == ("sending", 1)
    assert [w.state for w in print_jobs.waiting(office.store, office.officer)] == ["sending"]


def test_the_slip_follows_the_dossier(office: Office) -> None:
    supplement = _receive(office, outcome="supplement_requested",
                          reasons="Thiếu bản sao giấy khai sinh; Tờ khai chưa ký")
    refused = _receive(office, outcome="refused", reasons="Không thuộc thẩm quyền của xã")
    returned = _receive(office)
    dossiers.transition(office.store, office.officer, returned, "result_ready")
    dossiers.transition(office.store, office.officer, returned, "returned")

    for code, kind in ((supplement, "supplement"), (refused, "refusal")):
        job = print_jobs.queue_intake_slip(office.store, office.officer, code, "virtual://x")
        assert job.kind == kind
    slip, paper = stored_dossier_slip(office.store, office.officer, supplement, "supplement")
    assert slip.detail == SupplementRequest(("Thiếu bản sao giấy khai sinh", "Tờ khai chưa ký"), "")
    assert slip.officer == "Người canbo"
    assert paper is PaperWidth.MM80
    slip, _paper = stored_dossier_slip(office.store, office.officer, refused, "reprint")
    assert slip.detail == Refusal(("Không thuộc thẩm quyền của xã",)) and slip.reprint
    slip, _paper = stored_dossier_slip(office.store, office.officer, returned, "reprint")
    assert isinstance(slip.detail, ResultHandover)
    assert slip.detail.collected_by == "Nguyễn Văn An"
    slip, _paper = stored_dossier_slip(office.store, office.officer, returned, "receipt")
    assert slip.detail is None and slip.processing_time == "03 ngày làm việc"
    with pytest.raises(DomainError, match="chưa có bước"):
        stored_dossier_slip(office.store, office.officer, supplement, "handover")


def test_who_may_print_and_what_a_job_takes(office: Office) -> None:
    code = _receive(office)
    with pytest.raises(NotAllowed):
        print_jobs.reprint(office.store, office.technician, code, "virtual://x")
    with pytest.raises(DomainError, match="máy in"):
        print_jobs.queue(office.store, office.officer, code, "receipt", "  ")
    with pytest.raises(DomainError, match="liên"):
        print_jobs.queue(office.store, office.officer, code, "receipt", "virtual://x", copies=9)
    with pytest.raises(DomainError, match="Loại phiếu"):
        print_jobs.queue(office.store, office.officer, code, "poster", "virtual://x")
    with pytest.raises(DomainError, match="Không tìm thấy"):
        print_jobs.queue(office.store, office.officer, "000-NONE", "receipt", "virtual://x")
