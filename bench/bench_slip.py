"""How long a receipt slip takes to draw and encode, how many bytes it is, and the floor the
paper and the link put under printing it; and how long a daily report PDF takes.

Prints figures; passes or fails nothing. Next to today's encoder stands the one it replaced
(python-escpos image processing, every blank row sent as raster), and python-escpos text mode for
the same words (which cannot carry Vietnamese on most printers, hence the raster). Drawing took
110-160 ms a slip before glyphs were kept and codes drawn by zxing-cpp; the first slip after start
still pays for loading the fonts and drawing each glyph once.

    .venv/bin/python bench/bench_slip.py [--runs N]
"""

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from escpos.capabilities import Profile, get_profile
from escpos.printer import Dummy
from PIL import Image

from onestop.report_figures import (
    ChannelCounts,
    DailyReport,
    OfficerDay,
    OverdueDossier,
    ProcedureDay,
)
from printing.counter_time import format_appointment, format_moment
from printing.escpos_encoding import encode_slip
from printing.pdf.daily_report import daily_report_pdf
from printing.slip_content import Applicant, Slip, SlipKind, SubmittedDocument, standard_title
from printing.slip_layout import PaperWidth, render_slip

VIETNAM = timezone(timedelta(hours=7))
DOTS_PER_MM = 8  # 203 dpi
PAPER_MM_PER_SECOND = 150
LINKS = {
    "serial 9600 baud": 9_600 / 10,
    "serial 115200 baud": 115_200 / 10,
    "network 100 Mbit/s": 100e6 / 8,
}


def sample_slip() -> Slip:
    return Slip(
        title=standard_title(SlipKind.RECEIPT),
        agency="UBND xã Hoà Bình — Trung tâm phục vụ hành chính công",
        counter="Quầy số 2",
        dossier_code="000.00.13.H24-261122-0007",
        applicant=Applicant("Nguyễn Thị Hoà", "Thôn Đông, xã Hoà Bình, tỉnh Phú Thọ", "0912345678"),
        procedure="Đăng ký khai sinh",
        received_at=datetime(2026, 11, 22, 8, 5, tzinfo=VIETNAM),
        appointment=datetime(2026, 11, 27, 14, 0, tzinfo=VIETNAM),
        documents=(
            SubmittedDocument("Tờ khai đăng ký khai sinh", 1, 0),
            SubmittedDocument("Giấy chứng sinh", 1, 0),
            SubmittedDocument("Giấy chứng nhận kết hôn của cha mẹ", 0, 1),
        ),
        processing_time="03 ngày làm việc",
        result_delivery="Bộ phận Một cửa xã",
        book_entry="Quyển số 01, số thứ tự 0007",
        officer="Trần Văn Bình",
        lookup_hint="Tra cứu hồ sơ: dichvucong.gov.vn",
    )


def text_mode_bytes(slip: Slip) -> bytes:
    """The same words sent as printer text, the way python-escpos would, with a cut."""
    printer = Dummy()
    lines = [
        slip.agency,
        slip.counter,
        slip.title.upper(),
        slip.dossier_code,
        f"Tiếp nhận hồ sơ của: {slip.applicant.name}",
        f"Địa chỉ: {slip.applicant.address}",
        f"Số điện thoại: {slip.applicant.phone}",
        f"Về việc: {slip.procedure}",
        *(f"{n}) {d.name} — {d.originals}/{d.copies}" for n, d in enumerate(slip.documents, 1)),
        f"Số bộ hồ sơ: {slip.sets}",
        f"Nhận: {format_moment(slip.received_at)}",
        f"Hẹn trả: {format_appointment(slip.appointment)}",
        f"Người tiếp nhận: {slip.officer}",
    ]
    for line in lines:
        printer.textln(line)
    printer.cut(mode="PART")
    return bytes(printer.output)


def escpos_image_bytes(image: Image.Image) -> bytes:
    """The encoder this one replaced: python-escpos image processing, blank rows included."""
    stock = get_profile()
    profile = Profile(features=stock.features)
    profile.profile_data = {
        **stock.profile_data,
        "media": {"dpi": 203, "width": {"mm": "Unknown", "pixels": image.width}},
    }
    printer = Dummy(profile=profile)
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster")
    printer.cut(mode="PART")
    return bytes(printer.output)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report_for(dossiers: int) -> DailyReport:
    procedures = 21
    officers = ["Trần Văn Bình", "Lê Thị Thuỷ", "Hoàng Ngọc Ước", "Phạm Minh Đức"]
    return DailyReport(
        agency="Trung tâm phục vụ hành chính công xã Hoà Bình",
        day=date(2026, 11, 22),
        made_at=datetime(2026, 11, 22, 17, 5, tzinfo=VIETNAM),
        received=ChannelCounts(dossiers * 6 // 10, dossiers * 3 // 10, dossiers // 10),
        results_ready=dossiers // 2,
        returned=dossiers // 3,
        supplement_requests=dossiers // 20,
        refusals=dossiers // 50,
        withdrawals=dossiers // 100,
        fees_collected=dossiers * 12_000,
        by_officer=tuple(OfficerDay(name, dossiers // 4, dossiers // 12) for name in officers),
        by_procedure=tuple(
            ProcedureDay(
                f"1.00{1000 + n}",
                f"Thủ tục hành chính cấp xã số {n}",
                dossiers // procedures,
                dossiers // (2 * procedures),
            )
            for n in range(1, procedures + 1)
        ),
        overdue=tuple(
            OverdueDossier(
                f"000.00.13.H24-261118-{n:04d}",
                "Đỗ Thị Hương",
                "Đăng ký thường trú",
                datetime(2026, 11, 20, 16, 0, tzinfo=VIETNAM),
                officers[n % 4],
            )
            for n in range(1, dossiers // 20 + 1)
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    slip = sample_slip()

    start = time.perf_counter()
    encode_slip(render_slip(slip, PaperWidth.MM80))
    first = time.perf_counter() - start
    print(f"First slip after start (fonts loaded, glyphs drawn): {1000 * first:.0f} ms")
    print()
    print(f"Receipt slip, median of {runs} runs")
    print(f"{'':<34}{'58 mm':>14}{'80 mm':>14}")
    rows: dict[str, list[str]] = {}
    for paper in (PaperWidth.MM58, PaperWidth.MM80):
        image = render_slip(slip, paper)
        data = encode_slip(image)
        before = escpos_image_bytes(image)
        draw = median_seconds(lambda p=paper: render_slip(slip, p), runs)
        encode = median_seconds(lambda i=image: encode_slip(i), runs)
        encode_before = median_seconds(lambda i=image: escpos_image_bytes(i), runs)
        paper_mm = image.height / DOTS_PER_MM
        floor = paper_mm / PAPER_MM_PER_SECOND
        figures = {
            "draw (ms)": f"{1000 * draw:.1f}",
            "encode ESC/POS (ms)": f"{1000 * encode:.1f}",
            "  before: python-escpos (ms)": f"{1000 * encode_before:.1f}",
            "draw + encode (ms)": f"{1000 * (draw + encode):.1f}",
            "  share of the paper floor": f"{100 * (draw + encode) / floor:.1f} %",
            "raster size (dots)": f"{image.width}x{image.height}",
            "job bytes": f"{len(data):,}",
            "  before: blank rows as raster": f"{len(before):,}",
            "paper (mm)": f"{paper_mm:.0f}",
            "paper floor @150 mm/s (s)": f"{floor:.2f}",
            **{f"{name} (s)": f"{len(data) / speed:.3f}" for name, speed in LINKS.items()},
        }
        for label, value in figures.items():
            rows.setdefault(label, []).append(value)
    for label, values in rows.items():
        print(f"{label:<34}{values[0]:>14}{values[1]:>14}")

    text = text_mode_bytes(slip)
    text_time = median_seconds(lambda: text_mode_bytes(slip), runs)
    print()
    print("python-escpos text mode, same words (printer font, code pages)")
    print(f"{'encode (ms)':<34}{1000 * text_time:>14.1f}")
    print(f"{'job bytes':<34}{len(text):>14,}")
    for name, speed in LINKS.items():
        print(f"{name + ' (s)':<34}{len(text) / speed:>14.3f}")

    report = report_for(500)
    pdf = daily_report_pdf(report)
    pdf_time = median_seconds(lambda: daily_report_pdf(report), max(3, runs // 4))
    print()
    print("Daily report PDF for 500 dossiers")
    print(f"{'build (ms)':<34}{1000 * pdf_time:>14.1f}")
    print(f"{'bytes':<34}{len(pdf):>14,}")


if __name__ == "__main__":
    main()
