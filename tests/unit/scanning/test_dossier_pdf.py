import hashlib
import io
import time
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from onestop.errors import DomainError
from scanning.dossier_pdf import assemble
from scanning.page import Page
from scanning.page_pipeline import PageFormat, PagePipeline, PageSettings
from scanning.scanner import ScannedImage
from tests.unit.scanning.drawn_pages import text_page


def stored_pages(folder: Path, count: int, page_format: PageFormat) -> list[Page]:
    pipeline = PagePipeline(folder, PageSettings(format=page_format))
    return [pipeline.store(ScannedImage(n, text_page(100, lines=5 + n), 100)) for n in range(count)]


def test_jpeg_pages_are_inside_the_pdf_byte_for_byte(tmp_path: Path) -> None:
    pages = stored_pages(tmp_path, 3, PageFormat.GREY_JPEG)
    pdf = assemble(pages)
    for page in pages:
        assert page.path.read_bytes() in pdf.data
    assert pdf.pages == 3
    assert pdf.sha256 == hashlib.sha256(pdf.data).hexdigest()
    reader = PdfReader(io.BytesIO(pdf.data))
    assert len(reader.pages) == 3
    # 100 dpi pages make A4 PDF pages (595 × 842 pt)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595, abs=2)


def test_black_and_white_pages_keep_their_group_4_data(tmp_path: Path) -> None:
    pages = stored_pages(tmp_path, 2, PageFormat.BILEVEL)
    pdf = assemble(pages)
    with pikepdf.open(io.BytesIO(pdf.data)) as document:
        for pdf_page, page in zip(document.pages, pages, strict=True):
            (image,) = (obj for _, obj in pdf_page.resources.XObject.items())
            assert list(image.Filter) == [pikepdf.Name.CCITTFaxDecode]
            assert image.read_raw_bytes() in page.path.read_bytes()


def test_a_turned_page_is_turned_in_the_pdf_without_touching_its_jpeg(tmp_path: Path) -> None:
    first, second = stored_pages(tmp_path, 2, PageFormat.GREY_JPEG)
    pdf = assemble([first, second.turned(1)])
    reader = PdfReader(io.BytesIO(pdf.data))
    assert [page.rotation for page in reader.pages] == [0, 90]
    assert second.path.read_bytes() in pdf.data


def test_the_same_pages_make_the_same_pdf_at_any_time(tmp_path: Path) -> None:
    pages = stored_pages(tmp_path, 2, PageFormat.GREY_JPEG)
    first = assemble(pages)
    # the PDF library mixes the clock's seconds into an /ID it makes up
    time.sleep(1.05)
    assert assemble(pages) == first
    assert assemble(pages[:1]).sha256 != first.sha256


def test_a_page_changed_on_disk_after_scanning_is_refused(tmp_path: Path) -> None:
    pages = stored_pages(tmp_path, 2, PageFormat.GREY_JPEG)
    pages[1].path.write_bytes(pages[0].path.read_bytes())
    with pytest.raises(DomainError, match="Trang 2 .* đã bị thay đổi"):
        assemble(pages)


def test_a_missing_page_file_is_named(tmp_path: Path) -> None:
    (page,) = stored_pages(tmp_path, 1, PageFormat.GREY_JPEG)
    with pytest.raises(DomainError, match="page-0001.jpg"):
        assemble([replace(page, path=tmp_path / "page-0001.jpg.gone")])


def test_no_pages_is_refused_with_a_message() -> None:
    with pytest.raises(DomainError, match="Không có trang nào"):
        assemble([])
