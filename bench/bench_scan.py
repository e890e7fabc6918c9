"""How fast the page pipeline stores A4 pages, and how many bytes a page takes.

Prints figures; passes or fails nothing. Goals: at least 5 pages a second on one core (a 30 pages
a minute feeder sends one every 2 s), at most 250 KB for a typed grey page at 200 dpi.

    .venv/bin/python bench/bench_scan.py [--pages N]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from onestop.resources import resource_path
from scanning.dossier_pdf import assemble
from scanning.page_pipeline import PageFormat, PagePipeline, PageSettings
from scanning.scanner import ScannedImage

TEXT = (
    "Căn cứ Nghị định số 118/2025/NĐ-CP của Chính phủ về thực hiện thủ tục hành chính theo cơ "
    "chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia, Ủy ban "
    "nhân dân xã đề nghị ông (bà) bổ sung các giấy tờ sau đây để hoàn thiện hồ sơ theo đúng quy "
    "định của pháp luật hiện hành. "
)
FEEDER_PAGES_PER_SECOND = 30 / 60


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    bundled = resource_path("fonts", "DejaVuSans.ttf")
    if bundled.exists():
        return ImageFont.truetype(str(bundled), size=size)
    return ImageFont.load_default(size=size)


def typed_page(dpi: int, filled: float = 1.0) -> Image.Image:
    """A4 typed in 13 pt with the margins of Decree 30/2020 and `filled` of its lines used,
    drawn at twice the resolution and brought down, then blurred and speckled like a scan."""
    fine = dpi * 2
    width, height = round(210 / 25.4 * fine), round(297 / 25.4 * fine)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = _font(round(fine * 13 / 72))
    left, right, top, bottom = (round(mm / 25.4 * fine) for mm in (30, 20, 25, 25))
    line_height = fine * 13 * 1.3 / 72
    last_line = top + (height - top - bottom) * filled
    words = (TEXT * 60).split()
    y = float(top)
    while y + line_height < last_line and words:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=font) < width - left - right:
            line = f"{line} {words.pop(0)}"
        draw.text((left, y), line, fill=20, font=font)
        y += line_height
    scanned = page.resize((width // 2, height // 2), Image.Resampling.BOX)
    scanned = scanned.filter(ImageFilter.GaussianBlur(0.5)).point(lambda v: round(v * 0.9 + 12))
    return ImageChops.add(scanned, Image.effect_noise(scanned.size, 3.0), offset=-128)


def ink_share(page: Image.Image) -> float:
    histogram = page.histogram()
    return sum(histogram[:128]) / sum(histogram)


def measure(
    page: Image.Image, scanned_dpi: int, settings: PageSettings, count: int
) -> tuple[float, float, int]:
    """Median wall-clock seconds per page, processor seconds per page (what one core spends,
    whatever else the machine is doing), and bytes per page."""
    with tempfile.TemporaryDirectory() as folder:
        pipeline = PagePipeline(Path(folder), settings)
        pipeline.store(ScannedImage(0, page, scanned_dpi))
        walls = []
        sizes = []
        cpu_started = time.process_time()
        for number in range(count):
            started = time.perf_counter()
            stored = pipeline.store(ScannedImage(number + 1, page, scanned_dpi))
            walls.append(time.perf_counter() - started)
            sizes.append(stored.size)
        cpu = (time.process_time() - cpu_started) / count
    return statistics.median(walls), cpu, round(statistics.mean(sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10, help="pages timed per case")
    count = parser.parse_args().pages

    pages = {dpi: typed_page(dpi) for dpi in (200, 300)}
    half_page = typed_page(200, filled=0.5)
    print(
        f"Synthetic typed A4 page: ink {ink_share(pages[200]):.1%} of the page (full), "
        f"{ink_share(half_page):.1%} (half filled)"
    )
    print(f"Feeder to keep up with: 30 pages/min = {FEEDER_PAGES_PER_SECOND:.1f} pages/s\n")
    header = f"{'case':<44}{'wall ms':>9}{'cpu ms':>8}{'pages/s':>9}{'× feeder':>10}{'KB/page':>9}"
    print(header)
    print("-" * len(header))
    cases = [
        ("grey JPEG q75, scanned 200 → stored 200", pages[200], 200, 200, PageFormat.GREY_JPEG),
        ("grey JPEG q75, half-filled page, 200", half_page, 200, 200, PageFormat.GREY_JPEG),
        ("grey JPEG q75, scanned 300 → stored 300", pages[300], 300, 300, PageFormat.GREY_JPEG),
        ("grey JPEG q75, scanned 300 → stored 200", pages[300], 300, 200, PageFormat.GREY_JPEG),
        ("bilevel G4 TIFF, scanned 200 → stored 200", pages[200], 200, 200, PageFormat.BILEVEL),
        ("bilevel G4 TIFF, scanned 300 → stored 300", pages[300], 300, 300, PageFormat.BILEVEL),
    ]
    for name, page, scanned_dpi, stored_dpi, page_format in cases:
        settings = PageSettings(dpi=stored_dpi, format=page_format)
        wall, cpu, size = measure(page, scanned_dpi, settings, count)
        rate = 1 / cpu
        print(
            f"{name:<44}{wall * 1000:>9.1f}{cpu * 1000:>8.1f}{rate:>9.1f}"
            f"{rate / FEEDER_PAGES_PER_SECOND:>10.0f}{size / 1000:>9.0f}"
        )
    print("pages/s and × feeder are from processor time: what one core sustains.")

    with tempfile.TemporaryDirectory() as folder:
        pipeline = PagePipeline(Path(folder))
        stored = [pipeline.store(ScannedImage(n, pages[200], 200)) for n in range(1, 21)]
        started = time.perf_counter()
        pdf = assemble(stored)
        seconds = time.perf_counter() - started
    print(
        f"\nDossier PDF of 20 grey pages: {seconds * 1000:.0f} ms, "
        f"{len(pdf.data) / 1e6:.2f} MB ({len(pdf.data) / 20 / 1000:.0f} KB/page)"
    )


if __name__ == "__main__":
    main()
