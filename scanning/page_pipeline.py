"""Scanned images in, stored pages out: colour or greyscale at the office's resolution, JPEG
or black and white, the blank-page rule, a thumbnail, the sha256 of the stored bytes.

A page's file is complete in the folder before the page is reported: it is written under a
temporary name and renamed into place.
"""

import hashlib
import io
import os
import re
import threading
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PIL import Image

from scanning import page_image
from scanning.blank import BlankRule, judge
from scanning.page import Page
from scanning.scanner import ScannedImage

_STORED_NAME = re.compile(r"^page-(\d{4,})\.(jpg|tif)$")


class PageFormat(Enum):
    GREY_JPEG = "grey-jpeg"
    # what a digitised copy is made from: the law asks for colour; a grey original stays grey
    COLOUR_JPEG = "colour-jpeg"
    # 1-bit, CCITT group 4 in TIFF: a third of the JPEG's size for text, carried into the PDF as is
    BILEVEL = "bilevel"


@dataclass(frozen=True)
class PageSettings:
    dpi: int = 200
    format: PageFormat = PageFormat.GREY_JPEG
    jpeg_quality: int = 75
    whiten_paper: bool = True
    blank_rule: BlankRule = field(default_factory=BlankRule)
    thumbnail_size: int = 200


def _encode(picture: Image.Image, dpi: float, settings: PageSettings) -> tuple[bytes, str, str]:
    out = io.BytesIO()
    resolution = (round(dpi), round(dpi))
    if settings.format is PageFormat.BILEVEL:
        # one strip: img2pdf can carry a single group 4 strip into the PDF without decoding it
        page_image.to_bilevel(page_image.to_grey(picture)).save(
            out, "TIFF", compression="group4", dpi=resolution, strip_size=2**31 - 1
        )
        return out.getvalue(), ".tif", "image/tiff"
    picture.save(out, "JPEG", quality=settings.jpeg_quality, dpi=resolution, optimize=True)
    return out.getvalue(), ".jpg", "image/jpeg"


def _picture(image: Image.Image, page_format: PageFormat) -> Image.Image:
    if page_format is PageFormat.COLOUR_JPEG and image.mode in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        rgba = image.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    return page_image.to_grey(image)


def _thumbnail(grey: Image.Image, size: int) -> bytes:
    small = grey.copy()
    small.thumbnail((size, size), Image.Resampling.BILINEAR, reducing_gap=2.0)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()


def _write_whole(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    with partial.open("wb") as file:
        file.write(data)
    os.replace(partial, path)


class PagePipeline:
    """Stores pages into one folder, numbered on from the pages already there."""

    def __init__(self, folder: Path, settings: PageSettings | None = None) -> None:
        self.folder = folder
        self.settings = settings or PageSettings()
        folder.mkdir(parents=True, exist_ok=True)
        numbers = [
            int(match.group(1)) for entry in folder.iterdir() if (match := _STORED_NAME.match(entry.name))
        ]
        self._next_number = max(numbers, default=0) + 1
        self._numbering = threading.Lock()

    def store(self, scanned: ScannedImage) -> Page:
        picture = _picture(scanned.image, self.settings.format)
        picture, dpi = page_image.at_dpi(picture, scanned.dpi, self.settings.dpi)
        grey = page_image.to_grey(picture)
        blank = judge(grey, self.settings.blank_rule)
        if self.settings.whiten_paper and picture.mode == "L":
            picture = grey = page_image.whiten_paper(grey)
        data, suffix, media_type = _encode(picture, dpi, self.settings)
        with self._numbering:
            number = self._next_number
            self._next_number += 1
        path = self.folder / f"page-{number:04d}{suffix}"
        _write_whole(path, data)
        return Page(
            path=path,
            media_type=media_type,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            width=grey.width,
            height=grey.height,
            dpi=dpi,
            blank=blank,
            thumbnail=_thumbnail(grey, self.settings.thumbnail_size),
        )
