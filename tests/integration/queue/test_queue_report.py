"""The supervisor's front-of-house report as a PDF, read back as a PDF viewer would."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from onestop import dossiers, queue
from onestop.dossiers import ApplicantInput, Intake
from onestop.queue_figures import queue_figures
from onestop.queue_ratings import rate
from onestop.service_index import periods, service_index
from onestop.workdays import LOCAL_ZONE
from printing.pdf.queue_report import queue_report_pdf
from tests.conftest import Office
from tests.integration.printing.pdf_reader import assert_fonts_embedded, read_back
from tests.integration.queue.front_of_house import open_front_of_house

MONDAY_8 = datetime(2026, 12, 7, 8, 0, tzinfo=LOCAL_ZONE)


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_the_report_shows_times_ratings_and_the_index(office: Office, tmp_path: Path) -> None:
    open_front_of_house(office.store)
    ticket = queue.take(office.store, "HT", at=MONDAY_8)
    queue.call_next(office.store, office.officer, "Q1", at=MONDAY_8 + timedelta(minutes=12))
    dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Văn An", phone="0912345678"),
        received_at=MONDAY_8 + timedelta(minutes=15)))
    queue.finish(office.store, office.officer, "Q1", at=MONDAY_8 + timedelta(minutes=21))
    rate(office.store, office.officer, 3, ticket_uid=ticket.uid, at=MONDAY_8 + timedelta(minutes=22))
    day = MONDAY_8.date()
    figures = queue_figures(office.store, office.supervisor, day, day)
    index = {name: service_index(office.store, office.supervisor, *span,
                                 now=MONDAY_8 + timedelta(hours=1))
             for name, span in periods(day).items()}
    pdf = queue_report_pdf("UBND xã Thử Nghiệm", figures, index, datetime(2026, 12, 7, 10, tzinfo=UTC))
    read = read_back(pdf, tmp_path)
    assert "BÁO CÁO PHỤC VỤ CÔNG DÂN TẠI BỘ PHẬN MỘT CỬA" in read
    assert "Kỳ báo cáo: từ ngày 07/12/2026 đến ngày 07/12/2026" in read
    # pdftotext reads table cells in its own order: each figure is looked for on its own.
    assert "Số phiếu đã lấy: 1. Lượt chỉ hướng dẫn, không có hồ sơ: 0." in read
    for shown in ("Hộ tịch", "Quầy 1", "12,0", "9,0", "Người canbo", "3,0",
                  "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "100,0 % 100,0 % 100,0 %",
                  "Tỷ lệ số hoá hồ sơ", "Tỷ lệ hồ sơ nộp trực tuyến 0,0 % 0,0 % 0,0 %"):
        assert shown in read, shown
    # the paper received has no signed digitised copy yet
    assert {name: i.digitisation_share for name, i in index.items()} == {
        "today": 0.0, "month": 0.0, "year": 0.0}
    assert_fonts_embedded(pdf, tmp_path)
