"""Pages kept in colour for the digitised copy: a red stamp stays red, at the office's resolution."""

from pathlib import Path

from PIL import Image, ImageDraw

from scanning.page_pipeline import PageFormat, PagePipeline, PageSettings
from scanning.scanner import ScannedImage


def stamped_page() -> Image.Image:
    page = Image.new("RGB", (2480, 3508), (250, 248, 240))  # A4 at 300 dpi
    draw = ImageDraw.Draw(page)
    draw.rectangle((300, 300, 2100, 360), fill=(20, 20, 20))
    draw.ellipse((1500, 2000, 2100, 2600), outline=(210, 30, 40), width=30)
    return page


def test_a_colour_scan_is_kept_in_colour_at_200_dpi(tmp_path: Path) -> None:
    pipeline = PagePipeline(tmp_path, PageSettings(dpi=200, format=PageFormat.COLOUR_JPEG))
    page = pipeline.store(ScannedImage(1, stamped_page(), 300))
    assert page.media_type == "image/jpeg" and round(page.dpi) == 200
    with Image.open(page.path) as stored:
        assert stored.mode == "RGB" and stored.size == (1653, 2339)
        red, green, blue = stored.getpixel((round(1500 * 2 / 3) + 5, round(2300 * 2 / 3)))
        assert red > 150 and green < 90 and blue < 90
    assert not page.blank.looks_blank


def test_the_grey_setting_still_keeps_grey(tmp_path: Path) -> None:
    pipeline = PagePipeline(tmp_path, PageSettings(dpi=200, format=PageFormat.GREY_JPEG))
    page = pipeline.store(ScannedImage(1, stamped_page(), 300))
    with Image.open(page.path) as stored:
        assert stored.mode == "L"


def test_a_grey_original_stays_grey_when_colour_is_asked(tmp_path: Path) -> None:
    pipeline = PagePipeline(tmp_path, PageSettings(dpi=200, format=PageFormat.COLOUR_JPEG))
    page = pipeline.store(ScannedImage(1, stamped_page().convert("L"), 300))
    with Image.open(page.path) as stored:
        assert stored.mode == "L"
