"""Supervisor reports read back with poppler."""

from pathlib import Path

from printing.pdf.daily_report import daily_report_pdf
from printing.pdf.period_report import period_report_pdf
from tests.integration.printing.pdf_reader import assert_fonts_embedded, pages_of, read_back
from tests.unit.printing.paper_samples import daily_report, period_report


def test_the_daily_report(tmp_path: Path) -> None:
    pdf = daily_report_pdf(daily_report(dossiers=40))
    text = read_back(pdf, tmp_path)
    for phrase in (
        "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY",
        "Ngày 22/11/2026",
        "Hồ sơ tiếp nhận 40",
        "Phí, lệ phí đã thu 320.000 đ",
        "Hoàng Ngọc Ước",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "Hồ sơ quá hạn (2)",
        "Đỗ Thị Hương",
        "Hồ sơ theo thủ tục",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG CƠ QUAN",
        "Trần Văn Đức",
        "Báo cáo nội bộ BC-01 (không phải mẫu của Thông tư)",
        "Hồ sơ tiếp nhận trong ngày (40)",
        "261122-0007 08:19 Nguyễn Thị Hoà Đăng ký thường trú 14:00 27/11/2026 Lê Thị Thuỷ",
        "261122-0006 08:17 Đặng Quốc Việt Chứng thực bản sao từ bản chính giấy tờ, văn bản Không hẹn",
    ):
        assert phrase in text, phrase
    assert "Mẫu 06" not in text and "Biểu số 06" not in text
    assert_fonts_embedded(pdf, tmp_path)


def test_the_day_s_dossiers_run_on_over_pages_each_once_under_its_header(tmp_path: Path) -> None:
    pages = pages_of(daily_report_pdf(daily_report(dossiers=300)), tmp_path)
    listed = [page for page in pages if "261122-" in page]
    assert len(listed) >= 5
    header = "STT Mã hồ sơ Giờ nhận Người nộp Thủ tục Hẹn trả Cán bộ tiếp nhận"
    assert all(header in page for page in listed)
    everything = " ".join(pages)
    assert all(everything.count(f"261122-{n:04d} ") == 1 for n in range(1, 301))
    assert "NGƯỜI LẬP BIỂU" in pages[-1] and "261122-0300" in pages[-1]


def test_a_quiet_day_still_makes_a_report(tmp_path: Path) -> None:
    text = read_back(daily_report_pdf(daily_report(dossiers=0)), tmp_path)
    assert "Hồ sơ quá hạn (0)" in text and "Hồ sơ tiếp nhận trong ngày (0)" in text


def test_the_period_report(tmp_path: Path) -> None:
    pdf = period_report_pdf(period_report())
    text = read_back(pdf, tmp_path)
    for phrase in (
        "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Kỳ báo cáo: từ ngày 01/10/2026 đến ngày 31/12/2026",
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đang giải quyết",
        "1.001193 Đăng ký khai sinh",
        "Hộ tịch",
        "Tổng cộng",
        "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: 96,9 %",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG CƠ QUAN",
        "Trần Văn Đức",
        "Biểu số 06 (Thông tư 01/2020/TT-VPCP)",
    ):
        assert phrase in text, phrase
    assert_fonts_embedded(pdf, tmp_path)
