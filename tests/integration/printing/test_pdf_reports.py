"""Supervisor reports read back with poppler."""

from pathlib import Path

from printing.pdf.daily_report import daily_report_pdf
from printing.pdf.period_report import period_report_pdf
from tests.integration.printing.pdf_reader import assert_fonts_embedded, read_back
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
    ):
        assert phrase in text, phrase
    assert_fonts_embedded(pdf, tmp_path)


def test_a_quiet_day_still_makes_a_report(tmp_path: Path) -> None:
    text = read_back(daily_report_pdf(daily_report(dossiers=0)), tmp_path)
    assert "Hồ sơ quá hạn (0)" in text


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
    ):
        assert phrase in text, phrase
    assert_fonts_embedded(pdf, tmp_path)
