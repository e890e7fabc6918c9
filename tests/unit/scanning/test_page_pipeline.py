import hashlib
import io
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from scanning.blank import BlankRule, judge
from scanning.page_image import at_dpi, otsu_threshold, to_bilevel, to_grey
from scanning.page_pipeline import PageFormat, PagePipeline, PageSettings
from scanning.scanner import ScannedImage
from tests.unit.scanning.drawn_pages import a4, blank_page, text_page


def scanned(image: Image.Image, dpi: float | None = 200, number: int = 1) -> ScannedImage:
    return ScannedImage(number, image, dpi)


def test_a_typed_page_is_kept_and_a_blank_one_is_suggested_for_dropping() -> None:
    rule = BlankRule()
    typed = judge(text_page(), rule)
    assert not typed.looks_blank
    assert typed.ink_share > rule.max_ink_share
    blank = judge(blank_page(), rule)
    assert blank.looks_blank and blank.dropped


def test_a_single_signature_is_not_blank() -> None:
    page = blank_page()
    signature = Image.new("L", (300, 60), 20)
    page.paste(signature, (1000, 1800))
    assert not judge(page, BlankRule()).looks_blank


def test_the_officer_reverses_the_blank_decision_and_can_reverse_it_back() -> None:
    decision = judge(blank_page(), BlankRule())
    kept = decision.reversed()
    assert kept.looks_blank and kept.reversed_by_officer and not kept.dropped
    assert kept.ink_share == decision.ink_share
    assert kept.reversed() == decision


def test_colour_transparent_and_16_bit_pages_become_8_bit_grey() -> None:
    assert to_grey(Image.new("RGB", (4, 4), (255, 0, 0))).mode == "L"
    clear = to_grey(Image.new("RGBA", (4, 4), (0, 0, 0, 0)))
    assert clear.getpixel((0, 0)) == 255
    deep = to_grey(Image.new("I;16", (4, 4), 65535))
    assert deep.mode == "L" and deep.getpixel((0, 0)) == 255


def test_a_finer_scan_is_brought_down_and_a_coarser_one_kept() -> None:
    fine, dpi = at_dpi(Image.new("L", (2480, 3508)), 300, 200)
    assert (fine.size, dpi) == ((1653, 2339), 200)
    coarse, dpi = at_dpi(Image.new("L", a4(150)), 150, 200)
    assert (coarse.size, dpi) == (a4(150), 150)


def test_a_photo_of_unknown_resolution_is_fitted_to_a4() -> None:
    photo, dpi = at_dpi(Image.new("L", (3000, 4000)), None, 200)
    assert dpi == 200
    assert photo.size == pytest.approx((1754, 2339), abs=1)


def test_a_camera_picture_claiming_72_dpi_is_fitted_to_a4_too() -> None:
    photo, dpi = at_dpi(Image.new("L", (3000, 4000)), 72, 200)
    assert dpi == 200
    assert photo.size == pytest.approx((1754, 2339), abs=1)


def test_black_and_white_keeps_the_text_and_whitens_a_blank_page() -> None:
    typed = text_page()
    assert 60 < otsu_threshold(typed) < 240
    assert to_bilevel(typed).getextrema() == (0, 255)
    paper = Image.new("L", (200, 200), 236)
    paper.putpixel((5, 5), 231)
    assert to_bilevel(paper).getextrema() == (255, 255)


def test_a_page_is_on_disk_with_its_sha256_when_it_is_reported(tmp_path: Path) -> None:
    pipeline = PagePipeline(tmp_path / "pages")
    page = pipeline.store(scanned(text_page(300), 300))
    data = page.path.read_bytes()
    assert page.path.parent == tmp_path / "pages"
    assert hashlib.sha256(data).hexdigest() == page.sha256
    assert page.size == len(data)
    assert page.media_type == "image/jpeg"
    with Image.open(page.path) as stored:
        assert stored.format == "JPEG"
        assert stored.mode == "L"
        assert stored.size == (1653, 2339) == (page.width, page.height)
        assert stored.info["dpi"] == (200, 200)
    assert not list((tmp_path / "pages").glob("*.part"))


def test_grey_paper_comes_out_white_and_the_text_stays_dark(tmp_path: Path) -> None:
    speckled = ImageChops.add(text_page(paper=232), Image.effect_noise(a4(200), 3), offset=-128)
    whitened = PagePipeline(tmp_path / "a").store(scanned(speckled))
    as_scanned = PagePipeline(tmp_path / "b", PageSettings(whiten_paper=False)).store(scanned(speckled))
    with Image.open(whitened.path) as stored:
        assert stored.crop((5, 5, 150, 150)).getextrema()[0] >= 245
        assert stored.getextrema()[0] < 60
    assert whitened.size < as_scanned.size * 0.9


def test_a_page_without_a_paper_tone_is_not_whitened(tmp_path: Path) -> None:
    dark = Image.new("L", (400, 600), 90)
    page = PagePipeline(tmp_path).store(scanned(dark, 100))
    with Image.open(page.path) as stored:
        assert abs(stored.getpixel((200, 300)) - 90) <= 2


def test_the_jpeg_quality_setting_is_used(tmp_path: Path) -> None:
    low = PagePipeline(tmp_path / "a", PageSettings(jpeg_quality=40)).store(scanned(text_page()))
    high = PagePipeline(tmp_path / "b", PageSettings(jpeg_quality=90)).store(scanned(text_page()))
    assert low.size < high.size


def test_bilevel_pages_are_group_4_tiff_and_much_smaller(tmp_path: Path) -> None:
    grey = PagePipeline(tmp_path / "grey").store(scanned(text_page()))
    bilevel = PagePipeline(tmp_path / "bw", PageSettings(format=PageFormat.BILEVEL)).store(
        scanned(text_page())
    )
    assert bilevel.media_type == "image/tiff"
    with Image.open(bilevel.path) as stored:
        assert stored.mode == "1"
        assert stored.info["compression"] == "group4"
        assert stored.info["dpi"] == (200, 200)
    assert bilevel.size * 3 < grey.size


def test_a_blank_page_is_stored_with_its_decision(tmp_path: Path) -> None:
    page = PagePipeline(tmp_path).store(scanned(blank_page()))
    assert page.path.exists()
    assert page.blank.looks_blank and not page.kept
    assert page.with_blank_reversed().kept


def test_the_thumbnail_is_small_and_shows_the_page(tmp_path: Path) -> None:
    page = PagePipeline(tmp_path, PageSettings(thumbnail_size=160)).store(scanned(text_page()))
    with Image.open(io.BytesIO(page.thumbnail)) as thumbnail:
        assert max(thumbnail.size) == 160
        assert thumbnail.height > thumbnail.width


def test_turning_a_page_turns_its_thumbnail_but_leaves_the_file(tmp_path: Path) -> None:
    page = PagePipeline(tmp_path).store(scanned(text_page()))
    before = page.path.read_bytes()
    turned = page.turned(1)
    assert turned.quarter_turns == 1
    with Image.open(io.BytesIO(turned.thumbnail)) as thumbnail:
        assert thumbnail.width > thumbnail.height
    assert turned.turned(-1).quarter_turns == 0
    assert turned.turned(3).quarter_turns == 0
    assert page.path.read_bytes() == before
    assert turned.sha256 == page.sha256


def test_numbering_goes_on_from_the_pages_already_in_the_folder(tmp_path: Path) -> None:
    first = PagePipeline(tmp_path).store(scanned(text_page(100), 100))
    again = PagePipeline(tmp_path).store(scanned(text_page(100), 100))
    assert (first.path.name, again.path.name) == ("page-0001.jpg", "page-0002.jpg")


def test_pages_stored_from_two_threads_never_share_a_file(tmp_path: Path) -> None:
    pipeline = PagePipeline(tmp_path)
    names: list[str] = []

    def store() -> None:
        for _ in range(4):
            names.append(pipeline.store(scanned(Image.new("L", (300, 400), 200), 72)).path.name)

    workers = [threading.Thread(target=store) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(set(names)) == 12
    assert len(list(tmp_path.glob("page-*.jpg"))) == 12


@pytest.mark.parametrize("mode", ["RGB", "1", "P"])
def test_any_scanner_mode_is_stored_as_grey(tmp_path: Path, mode: str) -> None:
    page = PagePipeline(tmp_path).store(scanned(text_page(100).convert(mode), 100))
    with Image.open(page.path) as stored:
        assert stored.mode == "L"
