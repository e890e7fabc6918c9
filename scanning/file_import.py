"""Pages from files: PDF (the scanned image on each page), JPEG, PNG, TIFF (every page).

A file is checked whole before its first page is handed on (size, kind, page count, the pixel
size of every page), so a file too big or of the wrong kind is refused with nothing taken from it.
"""

import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image, ImageOps, UnidentifiedImageError

from onestop.errors import DomainError
from onestop.i18n import _
from scanning import page_image
from scanning.scanner import (
    Capabilities,
    ColourMode,
    ScanEvents,
    ScannedImage,
    ScannerDevice,
    ScanProgress,
    ScanResult,
    ScanSettings,
    Source,
    StopReason,
)

_IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "TIFF"}
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)
_POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int = 100 * 2**20
    max_pixels: int = 60_000_000
    max_pages: int = 300


def _rejected(message: str, path: Path, **values: object) -> DomainError:
    return DomainError(message.format(name=path.name, **values))


def _check_pixels(path: Path, page: int, width: int, height: int, limits: ImportLimits) -> None:
    if width <= 0 or height <= 0:
        raise _rejected(_("Trang {page} của tệp “{name}” bị hỏng."), path, page=page)
    if width * height > limits.max_pixels:
        raise _rejected(
            _("Trang {page} của tệp “{name}” quá lớn ({width}×{height} điểm ảnh)."),
            path,
            page=page,
            width=width,
            height=height,
        )


def _open_image(path: Path) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(path)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise _rejected(_("Ảnh trong tệp “{name}” quá lớn."), path) from error
        except UnidentifiedImageError as error:
            raise _rejected(_("Tệp “{name}” không phải PDF, JPEG, PNG hay TIFF."), path) from error
        except _DECODE_ERRORS as error:
            raise _rejected(_("Tệp “{name}” bị hỏng, không đọc được."), path) from error


def _image_pages(path: Path, limits: ImportLimits) -> Iterator[ScannedImage]:
    with _open_image(path) as opened:
        if opened.format not in _IMAGE_FORMATS:
            raise _rejected(_("Tệp “{name}” không phải PDF, JPEG, PNG hay TIFF."), path)
        count = getattr(opened, "n_frames", 1)
        if count > limits.max_pages:
            raise _rejected(
                _("Tệp “{name}” có {count} trang; mỗi lần nhập tối đa {limit} trang."),
                path,
                count=count,
                limit=limits.max_pages,
            )
        try:
            for index in range(count):
                opened.seek(index)
                _check_pixels(path, index + 1, opened.width, opened.height, limits)
            for index in range(count):
                opened.seek(index)
                page = opened.copy()
                if opened.format in ("JPEG", "MPO"):
                    page = ImageOps.exif_transpose(page)
                yield ScannedImage(index + 1, page, page_image.stated_dpi(opened))
        except _DECODE_ERRORS as error:
            raise _rejected(_("Tệp “{name}” bị hỏng, không đọc được."), path) from error


def _largest_image(page: pikepdf.Page) -> pikepdf.Stream | None:
    best: tuple[int, pikepdf.Stream] | None = None
    xobjects = page.resources.get("/XObject")
    if xobjects is None:
        return None
    for _name, candidate in xobjects.items():
        if not isinstance(candidate, pikepdf.Stream):
            continue
        if candidate.get("/Subtype") != pikepdf.Name.Image or candidate.get("/ImageMask"):
            continue
        pixels = int(candidate.get("/Width", 0)) * int(candidate.get("/Height", 0))
        if best is None or pixels > best[0]:
            best = (pixels, candidate)
    return best[1] if best else None


def _pdf_pages(path: Path, limits: ImportLimits) -> Iterator[ScannedImage]:
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as error:
        raise _rejected(_("Tệp PDF “{name}” có mật khẩu, không mở được."), path) from error
    except pikepdf.PikepdfError as error:
        raise _rejected(_("Tệp “{name}” bị hỏng, không đọc được."), path) from error
    with pdf:
        try:
            count = len(pdf.pages)
            if count > limits.max_pages:
                raise _rejected(
                    _("Tệp “{name}” có {count} trang; mỗi lần nhập tối đa {limit} trang."),
                    path,
                    count=count,
                    limit=limits.max_pages,
                )
            found = []
            for number, page in enumerate(pdf.pages, start=1):
                image = _largest_image(page)
                if image is None:
                    raise _rejected(
                        _(
                            "Trang {page} của tệp PDF “{name}” không có ảnh quét; chỉ nhập "
                            "được PDF do máy quét tạo ra."
                        ),
                        path,
                        page=number,
                    )
                width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
                _check_pixels(path, number, width, height, limits)
                found.append((number, page, image))
            for number, page, image in found:
                yield _pdf_page(path, number, page, image)
        except pikepdf.PikepdfError as error:
            raise _rejected(_("Tệp “{name}” bị hỏng, không đọc được."), path) from error


def _pdf_page(path: Path, number: int, page: pikepdf.Page, image: pikepdf.Stream) -> ScannedImage:
    try:
        picture = pikepdf.PdfImage(image).as_pil_image()
        picture.load()
    except (pikepdf.PikepdfError, NotImplementedError, *_DECODE_ERRORS) as error:
        raise _rejected(
            _("Trang {page} của tệp “{name}” bị hỏng, không đọc được."), path, page=number
        ) from error
    turn = int(page.obj.get("/Rotate", 0)) % 360
    if turn:
        picture = picture.rotate(-turn, expand=True)
    box = page.mediabox
    page_width = float(box[2]) - float(box[0])
    if turn in (90, 270):
        page_width = float(box[3]) - float(box[1])
    dpi = picture.width / (page_width / _POINTS_PER_INCH) if page_width > 0 else None
    return ScannedImage(number, picture, dpi)


def read_pages(path: Path, limits: ImportLimits | None = None) -> Iterator[ScannedImage]:
    """The pages of one file; raises DomainError saying why a file cannot be used."""
    limits = limits or ImportLimits()
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError as error:
        raise _rejected(_("Không đọc được tệp “{name}”."), path) from error
    if size == 0:
        raise _rejected(_("Tệp “{name}” rỗng."), path)
    if size > limits.max_bytes:
        raise _rejected(
            _("Tệp “{name}” quá lớn ({size} MB); tối đa {limit} MB."),
            path,
            size=round(size / 2**20, 1),
            limit=limits.max_bytes // 2**20,
        )
    if b"%PDF-" in head:
        yield from _pdf_pages(path, limits)
    else:
        yield from _image_pages(path, limits)


# Files and folders behave as a feeder of pages already scanned, in any colour, at their own dpi.
FILE_SOURCE = Capabilities(
    sources=frozenset({Source.FEEDER}),
    resolutions=(),
    colour_modes=frozenset(ColourMode),
)


class FileImport:
    """Files chosen by the officer as a scanner source; `ScanSettings.device` is the file."""

    def __init__(self, limits: ImportLimits | None = None) -> None:
        self._limits = limits or ImportLimits()

    def devices(self) -> list[ScannerDevice]:
        return []

    def capabilities(self, device: str) -> Capabilities:
        return FILE_SOURCE

    def scan(self, settings: ScanSettings, cancel: threading.Event) -> ScanEvents:
        path = Path(settings.device)
        pages = 0
        try:
            for page in read_pages(path, self._limits):
                if cancel.is_set():
                    yield ScanResult(pages, StopReason.CANCELLED)
                    return
                yield ScanProgress(page.page_number, None)
                pages += 1
                yield page
        except DomainError as error:
            yield ScanResult(pages, StopReason.REJECTED, error.message)
            return
        yield ScanResult(pages, StopReason.FINISHED)
