import io
import struct
import threading
import zlib
from pathlib import Path

import img2pdf
import pikepdf
import pytest
from PIL import Image

from onestop.errors import DomainError
from scanning.file_import import FileImport, ImportLimits, read_pages
from scanning.intake import receive_files
from scanning.page import Page
from scanning.page_pipeline import PagePipeline
from scanning.scanner import FileRejected, ScannedImage, ScanResult, ScanSettings, StopReason


def jpeg(path: Path, size: tuple[int, int] = (800, 1100), dpi: int = 200, shade: int = 200) -> Path:
    Image.new("L", size, shade).save(path, "JPEG", dpi=(dpi, dpi))
    return path


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims a huge picture; the pixels are never there."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    return path


def shades(pages: list[ScannedImage]) -> list[int]:
    return [page.image.convert("L").getpixel((10, 10)) for page in pages]


def test_a_jpeg_is_one_page_with_its_resolution(tmp_path: Path) -> None:
    (page,) = read_pages(jpeg(tmp_path / "cccd.jpg", dpi=300))
    assert (page.page_number, page.image.size, page.dpi) == (1, (800, 1100), 300)


def test_a_phone_photo_is_turned_upright_from_its_exif(tmp_path: Path) -> None:
    photo = Image.new("RGB", (400, 300), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: show rotated 90° clockwise
    photo.save(tmp_path / "photo.jpg", "JPEG", exif=exif)
    (page,) = read_pages(tmp_path / "photo.jpg")
    assert page.image.size == (300, 400)


def test_a_png_is_one_page(tmp_path: Path) -> None:
    Image.new("RGBA", (300, 400), (0, 0, 0, 0)).save(tmp_path / "a.png", dpi=(150, 150))
    (page,) = read_pages(tmp_path / "a.png")
    assert page.image.size == (300, 400)
    assert page.dpi == 150


def test_every_page_of_a_tiff_comes_in_order(tmp_path: Path) -> None:
    frames = [Image.new("L", (300, 400), shade) for shade in (30, 90, 150)]
    frames[0].save(tmp_path / "fax.tif", save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = list(read_pages(tmp_path / "fax.tif"))
    assert [page.page_number for page in pages] == [1, 2, 3]
    assert shades(pages) == [30, 90, 150]
    assert {page.dpi for page in pages} == {200}


def test_a_scanned_pdf_gives_the_image_of_each_page(tmp_path: Path) -> None:
    images = [jpeg(tmp_path / f"{n}.jpg", dpi=200, shade=50 * n).read_bytes() for n in (1, 2)]
    (tmp_path / "ho-so.pdf").write_bytes(img2pdf.convert(images))
    pages = list(read_pages(tmp_path / "ho-so.pdf"))
    assert shades(pages) == pytest.approx([50, 100], abs=2)
    assert [page.dpi for page in pages] == pytest.approx([200, 200], abs=1)


def test_a_turned_pdf_page_comes_upright(tmp_path: Path) -> None:
    wide = Image.new("L", (400, 200), 255)
    wide.paste(0, (0, 0, 50, 200))
    buffer = io.BytesIO()
    wide.save(buffer, "JPEG", dpi=(100, 100))
    with pikepdf.open(io.BytesIO(img2pdf.convert(buffer.getvalue()))) as pdf:
        pdf.pages[0].obj.Rotate = 90
        pdf.save(tmp_path / "turned.pdf")
    (page,) = read_pages(tmp_path / "turned.pdf")
    assert page.image.size == (200, 400)
    assert page.image.convert("L").getpixel((100, 10)) < 40
    assert page.dpi == pytest.approx(100, abs=1)


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        (b"", "rỗng"),
        (b"this is a letter, not a scan\n" * 20, "không phải PDF, JPEG, PNG hay TIFF"),
        (b"%PDF-1.7\n1 0 obj broken", "bị hỏng"),
    ],
)
def test_a_file_that_is_not_a_scan_is_refused(tmp_path: Path, content: bytes, shown: str) -> None:
    (tmp_path / "tep.pdf").write_bytes(content)
    with pytest.raises(DomainError, match=shown):
        list(read_pages(tmp_path / "tep.pdf"))


def test_a_truncated_jpeg_is_refused_by_name(tmp_path: Path) -> None:
    whole = jpeg(tmp_path / "whole.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DomainError, match="Tệp “cut.jpg” bị hỏng"):
        list(read_pages(tmp_path / "cut.jpg"))


def test_a_gif_is_refused(tmp_path: Path) -> None:
    Image.new("L", (50, 50)).save(tmp_path / "a.gif")
    with pytest.raises(DomainError, match="không phải PDF, JPEG, PNG hay TIFF"):
        list(read_pages(tmp_path / "a.gif"))


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = jpeg(tmp_path / "big.jpg")
    with pytest.raises(DomainError, match="quá lớn"):
        list(read_pages(path, ImportLimits(max_bytes=1000)))


def test_a_picture_claiming_huge_dimensions_is_refused_without_decoding(tmp_path: Path) -> None:
    path = png_claiming(tmp_path / "bomb.png", 40_000, 40_000)
    with pytest.raises(DomainError, match="quá lớn"):
        list(read_pages(path))
    path = png_claiming(tmp_path / "wide.png", 9_000, 8_000)
    with pytest.raises(DomainError, match=r"Trang 1 .* quá lớn \(9000×8000 điểm ảnh\)"):
        list(read_pages(path))


def test_a_pdf_with_a_huge_page_image_is_refused_before_any_page(tmp_path: Path) -> None:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        image = pikepdf.Stream(pdf, b"\x00" * 10)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height = 20_000, 20_000
        image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 8
        pdf.pages[0].add_resource(image, pikepdf.Name.XObject)
        pdf.save(tmp_path / "huge.pdf")
    with pytest.raises(DomainError, match="quá lớn"):
        list(read_pages(tmp_path / "huge.pdf"))


def test_too_many_pages_are_refused(tmp_path: Path) -> None:
    frames = [Image.new("L", (20, 20)) for _ in range(4)]
    frames[0].save(tmp_path / "many.tif", save_all=True, append_images=frames[1:])
    with pytest.raises(DomainError, match="có 4 trang; mỗi lần nhập tối đa 3 trang"):
        list(read_pages(tmp_path / "many.tif", ImportLimits(max_pages=3)))


def test_a_pdf_made_from_a_word_processor_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(tmp_path / "typed.pdf")
    with pytest.raises(DomainError, match="không có ảnh quét"):
        list(read_pages(tmp_path / "typed.pdf"))


def test_a_pdf_with_a_password_is_refused(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(img2pdf.convert(jpeg(tmp_path / "a.jpg").read_bytes()))) as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(DomainError, match="mật khẩu"):
        list(read_pages(tmp_path / "locked.pdf"))


def test_importing_through_the_scanner_interface(tmp_path: Path) -> None:
    frames = [Image.new("L", (30, 40), shade) for shade in (10, 20)]
    frames[0].save(tmp_path / "two.tif", save_all=True, append_images=frames[1:])
    events = list(FileImport().scan(ScanSettings(str(tmp_path / "two.tif")), threading.Event()))
    assert len([e for e in events if isinstance(e, ScannedImage)]) == 2
    assert events[-1] == ScanResult(2, StopReason.FINISHED)


def test_a_refused_import_ends_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "x.jpg").write_bytes(b"nope" * 100)
    events = list(FileImport().scan(ScanSettings(str(tmp_path / "x.jpg")), threading.Event()))
    (only,) = events
    assert isinstance(only, ScanResult)
    assert only.stopped_by is StopReason.REJECTED
    assert "không phải PDF, JPEG, PNG hay TIFF" in only.message


def test_several_files_come_in_as_one_scan_and_a_bad_one_is_skipped(tmp_path: Path) -> None:
    frames = [Image.new("L", (300, 400), shade) for shade in (10, 20)]
    frames[0].save(tmp_path / "two.tif", save_all=True, append_images=frames[1:], dpi=(100, 100))
    (tmp_path / "x.jpg").write_bytes(b"nope" * 100)
    paths = [tmp_path / "two.tif", tmp_path / "x.jpg", jpeg(tmp_path / "one.jpg", dpi=100)]
    events = list(receive_files(paths, threading.Event(), PagePipeline(tmp_path / "pages")))
    assert [page.path.name for page in events if isinstance(page, Page)] == [
        "page-0001.jpg", "page-0002.jpg", "page-0003.jpg"]
    (rejected,) = [event for event in events if isinstance(event, FileRejected)]
    assert rejected.path == tmp_path / "x.jpg" and "x.jpg" in rejected.message
    assert events[-1] == ScanResult(3, StopReason.FINISHED)


def test_cancelling_an_import_stops_before_the_next_page(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    events = list(receive_files([jpeg(tmp_path / "a.jpg")], cancel, PagePipeline(tmp_path / "pages")))
    assert events == [ScanResult(0, StopReason.CANCELLED)]
