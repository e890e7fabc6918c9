"""A4 forms read back with poppler: the Vietnamese text comes out as written, fonts travel along."""

from pathlib import Path

import pytest

from printing.form_set import FORM_SET_2018
from printing.pdf.control_slip import control_slip_pdf
from printing.pdf.letters import apology_letter_pdf, stop_notice_pdf
from printing.pdf.slip_forms import slip_form_pdf
from printing.pdf.tracking_book import tracking_book_pdf
from tests.integration.printing.pdf_reader import assert_fonts_embedded, read_back
from tests.unit.printing import paper_samples
from tests.unit.printing.paper_samples import HEAD
from tests.unit.printing.samples import (
    CODE,
    receipt,
    refusal,
    result_handover,
    supplement_request,
)


def test_the_receipt_form(tmp_path: Path) -> None:
    pdf = slip_form_pdf(receipt(), HEAD)
    text = read_back(pdf, tmp_path)
    for phrase in (
        "Mẫu số 01",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN XÃ HOÀ BÌNH",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        "Ông/Bà: Nguyễn Thị Hoà",
        "Địa chỉ: Thôn Đông, xã Hoà Bình, tỉnh Phú Thọ",
        "Tờ khai đăng ký khai sinh",
        "4. Thời gian nhận hồ sơ: 08 giờ 05 phút, ngày 22/11/2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, ngày 27/11/2026",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Bình",
    ):
        assert phrase in text, phrase
    assert_fonts_embedded(pdf, tmp_path)


def test_a_receipt_without_appointment(tmp_path: Path) -> None:
    text = read_back(slip_form_pdf(receipt(appointment=None), HEAD), tmp_path)
    assert "Thời gian trả kết quả giải quyết hồ sơ: Không có ngày hẹn trả cụ thể" in text


def test_the_supplement_request_form(tmp_path: Path) -> None:
    pdf = slip_form_pdf(supplement_request(), HEAD)
    text = read_back(pdf, tmp_path)
    assert "Mẫu số 02" in text
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "1. Bản sao giấy chứng nhận kết hôn của cha mẹ" in text
    assert "Lý do: Tờ khai thiếu chữ ký người đi khai" in text
    assert_fonts_embedded(pdf, tmp_path)


def test_the_refusal_form(tmp_path: Path) -> None:
    text = read_back(slip_form_pdf(refusal(), HEAD), tmp_path)
    assert "Mẫu số 03" in text
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "2. Hồ sơ đã nộp tại nơi khác" in text


def test_a_result_handover_has_no_a4_form() -> None:
    with pytest.raises(ValueError):
        slip_form_pdf(result_handover(), HEAD)


def test_markup_characters_in_names_stay_text(tmp_path: Path) -> None:
    slip = receipt(procedure="Chứng thực <bản sao> & bản dịch")
    assert "Chứng thực <bản sao> & bản dịch" in read_back(slip_form_pdf(slip, HEAD), tmp_path)


def test_the_apology_letter(tmp_path: Path) -> None:
    pdf = apology_letter_pdf(paper_samples.apology())
    text = read_back(pdf, tmp_path)
    for phrase in (
        "Mẫu số 04",
        "Số: 15/TB-TTPVHCC",
        "Hoà Bình, ngày 27 tháng 11 năm 2026",
        "Kính gửi: Bà Nguyễn Thị Hoà",
        "phường Ỷ La",
        "10 giờ 00 phút, ngày 02/12/2026",
        "Phạm Thị Ngọc Ánh",
    ):
        assert phrase in text, phrase
    assert_fonts_embedded(pdf, tmp_path)


def test_the_stop_notice(tmp_path: Path) -> None:
    text = read_back(stop_notice_pdf(paper_samples.stop_notice()), tmp_path)
    assert "Mẫu số 05" in text
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Kính gửi: Ông Đặng Quốc Việt" in text
    assert "2. Hồ sơ có dấu hiệu giả mạo giấy tờ" in text


def test_the_stop_notice_is_not_in_the_2018_set() -> None:
    with pytest.raises(ValueError):
        stop_notice_pdf(paper_samples.stop_notice(), FORM_SET_2018)


def test_the_control_slip(tmp_path: Path) -> None:
    pdf = control_slip_pdf(paper_samples.control_slip())
    text = read_back(pdf, tmp_path)
    for phrase in (
        "Mẫu số 06",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Công chức Tư pháp - Hộ tịch",
        "Người nhận: Lê Thị Thuỷ",
        "Trước hạn",
    ):
        assert phrase in text, phrase
    assert_fonts_embedded(pdf, tmp_path)


def test_the_2018_set_numbers_the_control_slip_05(tmp_path: Path) -> None:
    text = read_back(control_slip_pdf(paper_samples.control_slip(), FORM_SET_2018), tmp_path)
    assert "Mẫu số 05" in text


def test_the_tracking_book_runs_over_pages(tmp_path: Path) -> None:
    pdf = tracking_book_pdf(paper_samples.tracking_book(entries=60))
    text = read_back(pdf, tmp_path)
    assert "Mẫu số 07" in text
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Quyển số 01, từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "Trang 2" in text
    assert text.count("Tên thủ tục hành chính") >= 2  # the header repeats
    assert "261122-0060" in text
    assert_fonts_embedded(pdf, tmp_path)
