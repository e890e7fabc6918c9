"""The core's record of digitised copies, on SQLite and PostgreSQL: kept at once, read later and
again after a stop, found by the words on them, signed or said why not."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from onestop import attachments, digitised, dossiers, outbox
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import Conflict, DomainError, NotAllowed
from onestop.store.digitised_models import DigitisedCopy
from onestop.store.models import AuditEntry, Dossier, OutboxItem
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office

FORM = "000.00.00.G15-KQ003204"
BIRTH_PAPER = "000.00.00.G15-KQ004389"
TEXT = "Người đi khai sinh là bà Nguyễn Thị Hoà.\nTrẻ được khai sinh tên là Trần Minh Đức."


@pytest.fixture
def code(office: Office) -> str:
    person = ApplicantInput("Nguyễn Thị Hoà", "001190012345", birth_date=date(1990, 5, 12), sex="Nữ")
    return dossiers.receive(office.store, office.officer, Intake("1.001193", person)).code


def version_and_files(office: Office, code: str) -> tuple[int, int]:
    with office.store.read() as session:
        version = session.scalar(select(Dossier.version).where(Dossier.code == code))
        files = session.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.kind == "file"))
    return version or 0, files or 0


def test_a_copy_is_kept_at_once_and_waits_for_reading_and_signing(office: Office, code: str) -> None:
    before = version_and_files(office, code)
    state = digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-copy-1", 2)
    assert (state.ocr_state, state.sign_state, state.pages) == ("waiting", "unsigned", 2)
    assert state.digitised_by == "canbo"
    assert version_and_files(office, code) == (before[0] + 1, before[1] + 1)
    assert digitised.copy_file(office.store, state).read_bytes() == b"%PDF-copy-1"
    assert digitised.reading_progress(office.store) == digitised.ReadingProgress(1, 0, 0, 0)
    # the paper made again replaces its copy, and waits again
    again = digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-copy-2", 1)
    assert [c.sha256 for c in digitised.dossier_copies(office.store, office.officer, code)] == [again.sha256]
    with pytest.raises(DomainError):
        digitised.keep_copy(office.store, office.officer, code, "KHONG-CO", b"%PDF", 1)
    with pytest.raises(NotAllowed):
        digitised.keep_copy(office.store, office.technician, code, FORM, b"%PDF", 1)
    with office.store.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "dossier.attach", AuditEntry.subject == code)) == 2


def test_reading_resumes_after_a_stop_and_a_failure_is_tried_again(office: Office, code: str) -> None:
    digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-form", 1)
    claim = digitised.claim_for_reading(office.store)
    assert claim is not None and claim.document_code == FORM
    # the reader stopped without a word: nothing else to claim until its lease runs out
    assert digitised.claim_for_reading(office.store) is None
    with office.store.write() as session:
        session.execute(update(DigitisedCopy).values(
            ocr_claimed_at=datetime.now(UTC) - digitised.READING_LEASE - timedelta(seconds=1)))
    resumed = digitised.claim_for_reading(office.store)
    assert resumed is not None and resumed.copy_id == claim.copy_id
    digitised.fail_reading(office.store, resumed, "Tesseract không đọc được trang")
    assert digitised.reading_progress(office.store).failed == 1
    assert digitised.claim_for_reading(office.store, frozenset({resumed.copy_id})) is None
    retried = digitised.claim_for_reading(office.store)
    assert retried is not None
    assert digitised.finish_reading(office.store, retried, TEXT, b"%PDF-form-with-text")
    (state,) = digitised.dossier_copies(office.store, office.officer, code)
    assert state.ocr_state == "read" and state.ocr_error == ""
    assert digitised.copy_file(office.store, state).read_bytes() == b"%PDF-form-with-text"


def test_a_copy_made_again_while_it_was_read_keeps_the_newer_copy(office: Office, code: str) -> None:
    digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-old", 1)
    claim = digitised.claim_for_reading(office.store)
    assert claim is not None
    newer = digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-new", 1)
    assert not digitised.finish_reading(office.store, claim, TEXT, b"%PDF-old-with-text")
    (state,) = digitised.dossier_copies(office.store, office.officer, code)
    assert state.sha256 == newer.sha256 and state.ocr_state == "waiting"


def test_dossiers_are_found_by_words_on_their_papers_without_diacritics(office: Office, code: str) -> None:
    digitised.keep_copy(office.store, office.officer, code, BIRTH_PAPER, b"%PDF-birth", 1)
    claim = digitised.claim_for_reading(office.store)
    assert claim is not None
    digitised.finish_reading(office.store, claim, TEXT, None)
    for typed in ("tran minh duc", "TRẦN MINH ĐỨC", "khai sinh hoa"):
        found = digitised.find_by_paper_text(office.store, office.supervisor, typed)
        assert [(f.dossier_code, f.document_code) for f in found] == [(code, BIRTH_PAPER)], typed
    (match,) = digitised.find_by_paper_text(office.store, office.supervisor, "minh duc")
    assert "Trần Minh Đức" in match.excerpt
    assert digitised.find_by_paper_text(office.store, office.supervisor, "ket hon") == []
    assert digitised.find_by_paper_text(office.store, office.supervisor, "100%") == []
    with pytest.raises(NotAllowed):
        digitised.find_by_paper_text(office.store, office.technician, "duc")


def test_a_failed_signature_keeps_the_copy_waiting_and_a_stale_one_is_refused(office: Office,
                                                                              code: str) -> None:
    digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-form", 1)
    assert digitised.copies_to_sign(office.store, office.officer, code) == []  # OCR first
    claim = digitised.claim_for_reading(office.store)
    assert claim is not None
    digitised.finish_reading(office.store, claim, TEXT, b"%PDF-form-text")
    (paper,) = digitised.copies_to_sign(office.store, office.officer, code)
    digitised.record_signing_failure(office.store, office.officer, paper, "Thiết bị ký số đã bị rút ra")
    (state,) = digitised.dossier_copies(office.store, office.officer, code)
    assert state.sign_state == "failed" and "rút ra" in digitised.caption(state)
    assert state.sha256 == paper.sha256
    (again,) = digitised.copies_to_sign(office.store, office.officer, code)
    signed_at = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)
    done = digitised.record_signature(office.store, office.officer, again, b"%PDF-signed", "Nguyễn Văn Ký",
                                      "UBND xã", "1a2b", signed_at, "PAdES-B-B")
    assert done.sign_state == "signed"
    assert digitised.caption(done) == "Đã số hóa, ký số bởi Nguyễn Văn Ký lúc 02/12/2026 15:30"
    assert digitised.copies_to_sign(office.store, office.officer, code) == []
    with pytest.raises(Conflict):
        digitised.record_signature(office.store, office.officer, again, b"%PDF-signed-2", "X", "Y", "1",
                                   signed_at, "PAdES-B-B")


def read_and_signed(office: Office, code: str) -> None:
    digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-form", 1)
    claim = digitised.claim_for_reading(office.store)
    assert claim is not None
    digitised.finish_reading(office.store, claim, TEXT, None)
    (paper,) = digitised.copies_to_sign(office.store, office.officer, code)
    digitised.record_signature(office.store, office.officer, paper, b"%PDF-signed", "Nguyễn Văn Ký",
                               "UBND xã", "1a2b", datetime(2026, 12, 2, 8, 30, tzinfo=UTC), "PAdES-B-B")


def sent_to_the_province(office: Office, code: str) -> dict[str, object]:
    """The form's TaiLieuNop item in the dossier's newest version for the province."""
    with office.store.read() as session:
        sent = session.scalars(select(OutboxItem).where(
            OutboxItem.kind == outbox.DOSSIER, OutboxItem.item_key == code)
            .order_by(OutboxItem.version.desc())).first()
    assert sent is not None
    (item,) = [i for i in sent.payload["TaiLieuNop"] if i["MaThanhPhanHoSo"] == FORM]
    return item


def test_the_province_is_told_which_files_are_digitised_copies_and_who_signed(office: Office,
                                                                              code: str) -> None:
    read_and_signed(office, code)
    with office.store.read() as session:
        (copy,) = session.scalars(select(DigitisedCopy))
    item = sent_to_the_province(office, code)
    assert {k: v for k, v in item.items() if k not in ("TepDinhKemId", "TenTepDinhKem",
                                                        "DuongDanTaiTepTin")} == {
        "DuocSoHoa": True, "MaThanhPhanHoSo": FORM, "NguoiSoHoa": "canbo",
        "ThoiDiemSoHoa": copy.digitised_at.astimezone(LOCAL_ZONE).strftime("%Y%m%d%H%M%S"),
        "ChuKySo": {"NguoiKy": "Nguyễn Văn Ký", "CoQuan": "UBND xã", "SoSerial": "1a2b",
                    "ThoiDiemKy": "20261202153000", "ChuanKy": "PAdES-B-B"},
    }


def test_only_the_newest_version_of_a_copy_stays_on_disk_and_goes_to_the_province(office: Office,
                                                                                 code: str) -> None:
    made = digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-made", 1)
    claim = digitised.claim_for_reading(office.store)
    assert claim is not None
    digitised.finish_reading(office.store, claim, TEXT, b"%PDF-made-with-text")
    (paper,) = digitised.copies_to_sign(office.store, office.officer, code)
    with pytest.raises(Conflict):
        stale = digitised.CopyToSign(paper.copy_id, code, FORM, made.sha256, paper.path)
        digitised.record_signature(office.store, office.officer, stale, b"%PDF-stale-signature", "X", "Y",
                                   "1", datetime.now(UTC), "PAdES-B-B")
    done = digitised.record_signature(office.store, office.officer, paper, b"%PDF-signed", "X", "Y", "1",
                                      datetime.now(UTC), "PAdES-B-B")
    kept = {path.name for path in office.store.attachments_dir.rglob("*") if path.is_file()}
    assert kept == {done.sha256}
    with office.store.read() as session:
        files = dict(session.execute(select(OutboxItem.item_key, OutboxItem.state)
                                     .where(OutboxItem.kind == "file")).all())
    assert files == {made.sha256: "superseded", paper.sha256: "superseded", done.sha256: "pending"}


def test_a_copy_digitised_again_goes_to_the_province_without_the_old_signer(office: Office,
                                                                            code: str) -> None:
    read_and_signed(office, code)
    digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-form-again", 1)
    item = sent_to_the_province(office, code)
    assert item["DuocSoHoa"] is True and item["NguoiSoHoa"] == "canbo"
    assert "ChuKySo" not in item


def test_a_new_copy_reaches_the_province_in_its_first_version_with_who_digitised_it(
        office: Office, code: str) -> None:
    state = digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-first", 1)
    item = sent_to_the_province(office, code)
    assert item["TepDinhKemId"] == state.sha256
    assert item["DuocSoHoa"] is True and item["NguoiSoHoa"] == "canbo"
    assert item["ThoiDiemSoHoa"] == state.digitised_at.astimezone(LOCAL_ZONE).strftime("%Y%m%d%H%M%S")
    assert "ChuKySo" not in item


def test_the_scan_filed_for_a_paper_becomes_its_copy_and_leaves_no_second_file(
        office: Office, code: str) -> None:
    scanned = attachments.attach(office.store, office.officer, code, b"%PDF-scanned", "to-khai.pdf",
                                 "application/pdf", FORM, 2)
    other = attachments.attach(office.store, office.officer, code, b"%PDF-other", "giay-to-khac.pdf",
                               "application/pdf", None, 1)
    state = digitised.keep_copy(office.store, office.officer, code, FORM, b"%PDF-copy", 2)
    shown = dossiers.show(office.store, office.supervisor, code)
    assert sorted(a.sha256 for a in shown.attachments) == sorted([state.sha256, other.sha256])
    assert not attachments.attachment_path(office.store, scanned.sha256).exists()
    item = sent_to_the_province(office, code)
    assert item["TepDinhKemId"] == state.sha256 and item["NguoiSoHoa"] == "canbo"
