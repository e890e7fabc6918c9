"""The digitised copy of a paper: colour at 200 dpi, compact, PDF/A-2b with its XMP, and a
Vietnamese text layer that text tools give back."""

import io
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from onestop.resources import resource_path
from scanning.copy_metadata import NAMESPACE, CopyFacts
from scanning.digitised_copy import PaperPage, copy_pages, lay_text, make_copy
from scanning.mixed_raster import CopyMode
from scanning.ocr import read_page
from tests.integration.scanning.vietnamese_paper import SENTENCES, draw_paper
from tests.machine import need_program

FACTS = CopyFacts("000.00.13.H24-261202-0007", "1.001193", "TK01", "Tờ khai đăng ký khai sinh",
                  "001099012345", "canbo", datetime(2026, 12, 2, 3, 4, 5, tzinfo=UTC))


def text_of(copy: bytes, tmp_path: Path) -> str:
    path = tmp_path / "copy.pdf"
    path.write_bytes(copy)
    return subprocess.run([need_program("pdftotext"), "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def read_into(copy: bytes) -> bytes:
    need_program("tesseract")
    return lay_text(copy, [read_page(page.ink, page.dpi) for page in copy_pages(copy)])


def test_pdftotext_gives_back_the_vietnamese_sentences_of_the_page(tmp_path: Path) -> None:
    paper = draw_paper(stamp=False, repeat=1)
    copy = make_copy([PaperPage(paper.image, paper.dpi)], CopyMode.COLOUR, FACTS)
    assert text_of(copy, tmp_path).strip() == ""
    with_text = read_into(copy)
    found = " ".join(text_of(with_text, tmp_path).split())
    for sentence in SENTENCES:
        assert sentence in found


def test_the_copy_is_pdf_a_2b_with_its_facts_in_the_xmp_and_passes_qpdf(tmp_path: Path) -> None:
    paper = draw_paper(stamp=True)
    copy = read_into(make_copy([PaperPage(paper.image, paper.dpi)], CopyMode.COLOUR, FACTS))
    path = tmp_path / "copy.pdf"
    path.write_bytes(copy)
    checked = subprocess.run([need_program("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta[f"{{{NAMESPACE}}}MaHoSo"] == FACTS.dossier_code
        assert meta[f"{{{NAMESPACE}}}MaTTHC"] == "1.001193"
        assert meta[f"{{{NAMESPACE}}}MaThanhPhanHoSo"] == "TK01"
        assert meta[f"{{{NAMESPACE}}}SoDinhDanh"] == "001099012345"
        assert meta[f"{{{NAMESPACE}}}NguoiSoHoa"] == "canbo"
        assert meta[f"{{{NAMESPACE}}}ThoiDiemSoHoa"] == "2026-12-02T03:04:05Z"
        assert meta["dc:title"] == "Tờ khai đăng ký khai sinh"
        assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFA1"
        # every font the page uses is embedded
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor


def red_pixels(image: Image.Image) -> int:
    r, g, b = image.convert("RGB").split()
    reddish = ImageChops.multiply(ImageChops.multiply(r.point(lambda v: 255 if v > 150 else 0),
                                                      g.point(lambda v: 255 if v < 90 else 0)),
                                  b.point(lambda v: 255 if v < 90 else 0))
    return reddish.histogram()[255]


@pytest.mark.parametrize("mode", list(CopyMode))
def test_a_page_at_200_dpi_stays_small_and_its_stamp_keeps_its_colour(mode: CopyMode) -> None:
    paper = draw_paper(stamp=True, repeat=4)
    copy = make_copy([PaperPage(paper.image, paper.dpi)], mode, FACTS)
    assert len(copy) <= 100 * 1024
    (page,) = copy_pages(copy)
    assert round(page.dpi) == 200 and page.image.size == paper.image.size
    red = red_pixels(page.image)
    if mode is CopyMode.COLOUR:
        assert red > 2000
    else:
        assert red == 0


def test_a_turned_page_is_stored_upright() -> None:
    paper = draw_paper(stamp=False, repeat=1)
    sideways = paper.image.rotate(90, expand=True)
    copy = make_copy([PaperPage(sideways, paper.dpi, quarter_turns=1)], CopyMode.GREY, FACTS)
    (page,) = copy_pages(copy)
    assert page.image.size == paper.image.size


def test_a_tinted_card_on_the_page_keeps_its_tint_and_its_text_stays_dark() -> None:
    paper = draw_paper(stamp=False, repeat=1)
    page = paper.image.copy()
    card = Image.new("RGB", (700, 440), (176, 170, 190))
    ImageDraw.Draw(card).text((40, 40), "CĂN CƯỚC", fill=(30, 30, 40), font_size=60)
    page.paste(card, (200, 1200))
    (copied,) = copy_pages(make_copy([PaperPage(page, paper.dpi)], CopyMode.COLOUR, FACTS))
    tint = copied.image.getpixel((550, 1550))
    assert isinstance(tint, tuple)
    assert all(abs(a - b) < 25 for a, b in zip(tint, (176, 170, 190), strict=True)), tint
    text = copied.image.crop((240, 1240, 600, 1310)).convert("L")
    assert text.getextrema()[0] < 80


def test_faint_type_is_kept_sharp_in_the_ink_and_read() -> None:
    need_program("tesseract")
    page = Image.new("L", (1654, 600), 250)
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans.ttf")), 36)
    ImageDraw.Draw(page).text((100, 200), SENTENCES[2], fill=150, font=font)
    (copied,) = copy_pages(make_copy([PaperPage(page, 200)], CopyMode.GREY, FACTS))
    assert copied.ink.crop((100, 200, 1500, 260)).getextrema()[0] == 0
    assert " ".join(read_page(copied.ink, copied.dpi).text.split()) == SENTENCES[2]
