"""What the dossier says of each paper's copy: the signature as the file itself carries it, else
why the copy is not signed, and whether it can be signed from there."""

from dataclasses import replace
from datetime import UTC, datetime

from onestop.digitised import CopyState
from signing.pades import SignatureCheck, Signer
from ui.operations.digitising import paper_line

WAITING = CopyState("000.00.13.H24-261202-0001", "TK01", "ab" * 32, "TK01.pdf", 1, "canbo",
                    datetime(2026, 12, 2, 8, 0, tzinfo=UTC), "waiting", "", "unsigned", "", "", "", "",
                    None, "")
SIGNER = Signer("Nguyễn Văn Ký", "UBND xã", "1a2b")


def test_a_good_signature_names_its_signer_and_local_time_and_offers_nothing_more() -> None:
    signed = replace(WAITING, ocr_state="read", sign_state="signed")
    check = SignatureCheck(True, True, SIGNER, datetime(2026, 12, 2, 8, 30, tzinfo=UTC), "PAdES-B-B", False)
    line = paper_line(signed, check)
    assert line.text == "Đã số hóa, ký số bởi Nguyễn Văn Ký lúc 02/12/2026 15:30"
    assert not line.may_sign


def test_a_broken_or_missing_signature_on_a_signed_copy_says_so() -> None:
    signed = replace(WAITING, ocr_state="read", sign_state="signed")
    broken = SignatureCheck(False, True, SIGNER, None, "PAdES-B-B", False)
    for check in (broken, None):
        line = paper_line(signed, check)
        assert line.text.startswith("Chữ ký số không hợp lệ") and not line.may_sign


def test_an_unsigned_copy_says_why_and_can_be_signed() -> None:
    assert paper_line(WAITING, None).text == "Chưa ký số — đang chờ nhận dạng chữ, sẽ ký ngay khi xong"
    read = replace(WAITING, ocr_state="read")
    assert paper_line(read, None).text == "Chưa ký số"
    failed = replace(read, sign_state="failed", sign_error="Thiết bị ký số đã bị rút ra")
    line = paper_line(failed, None)
    assert line.text == "Ký số không thành công: Thiết bị ký số đã bị rút ra" and line.may_sign
