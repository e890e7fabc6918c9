"""A page split in two layers that each compress well: the ink of the text as a 1-bit mask at full
resolution (CCITT group 4), and the paper with its colour (stamps, signatures in blue, photos) as a
JPEG at a third of the resolution.

Dark ink without colour goes to the mask and is painted in its average colour; coloured ink (a red
stamp) and everything else stays in the background, so nothing coloured turns black. The mask's
pixels take the tone of the paper around them in the background before it is scaled down, so the
text leaves no shadow behind it there.
"""

import io
from dataclasses import dataclass
from enum import Enum

from PIL import Image, ImageChops, ImageFilter, ImageStat, TiffImagePlugin

from scanning import page_image

# Ink is this much darker than the lightest tone around it (a window of _AROUND pixels at half
# resolution, about a millimetre at 200 dpi): wider than a stroke, narrower than a tinted area.
_CONTRAST = 40
_AROUND = 5
# Ink whose channels differ more than this is coloured (a stamp, a blue signature): background.
_COLOURED = 80
_BACKGROUND_SCALE = 3
_BACKGROUND_QUALITY = 45
_TIFF_STRIP_OFFSETS, _TIFF_STRIP_COUNTS = 273, 279


class CopyMode(Enum):
    COLOUR = "color"
    GREY = "gray"
    BILEVEL = "bilevel"


@dataclass(frozen=True)
class Layers:
    width: int
    height: int
    # group 4 data of the mask as PIL writes it (ink black; /BlackIs1 true in the PDF)
    mask: bytes
    ink: tuple[float, float, float]
    # JPEG of the paper, or None in black and white
    background: bytes | None
    background_size: tuple[int, int]
    background_grey: bool


def _group4(mask: Image.Image) -> bytes:
    out = io.BytesIO()
    mask.save(out, "TIFF", compression="group4", strip_size=2**31 - 1)
    with TiffImagePlugin.TiffImageFile(io.BytesIO(out.getvalue())) as tiff:
        offset = tiff.tag_v2[_TIFF_STRIP_OFFSETS]
        count = tiff.tag_v2[_TIFF_STRIP_COUNTS]
    start = offset[0] if isinstance(offset, tuple) else offset
    length = count[0] if isinstance(count, tuple) else count
    return out.getvalue()[start:start + length]


def _surroundings(picture: Image.Image) -> Image.Image:
    """The lightest tone within about a millimetre of each pixel: the paper (or tint) around it."""
    half = picture.resize((max(1, picture.width // 2), max(1, picture.height // 2)), Image.Resampling.BOX)
    return half.filter(ImageFilter.MaxFilter(_AROUND)).resize(picture.size, Image.Resampling.BILINEAR)


def _ink_mask(image: Image.Image, grey: Image.Image, around: Image.Image) -> Image.Image:
    """1-bit, ink black (0): pixels that Otsu calls dark, clearly darker than the paper around
    them, and without colour of their own. The paper around is the lightest tone within about a
    millimetre, so a faint stroke on white paper is ink while a tinted area (a card, a photo's
    flat parts, a shaded form cell) is not: it is as dark as its own surroundings."""
    otsu = page_image.otsu_threshold(grey)
    contrast = ImageChops.subtract(page_image.to_grey(around), grey)
    dark = ImageChops.multiply(grey.point([255 if level <= otsu else 0 for level in range(256)]),
                               contrast.point([255 if level >= _CONTRAST else 0 for level in range(256)]))
    if image.mode == "RGB":
        channels = image.split()
        spread = ImageChops.subtract(ImageChops.lighter(ImageChops.lighter(*channels[:2]), channels[2]),
                                     ImageChops.darker(ImageChops.darker(*channels[:2]), channels[2]))
        plain = spread.point([255 if level < _COLOURED else 0 for level in range(256)])
        dark = ImageChops.multiply(dark, plain)
    return ImageChops.invert(dark).convert("1", dither=Image.Dither.NONE)


def _average_ink(image: Image.Image, grey: Image.Image, ink: Image.Image) -> tuple[float, float, float]:
    """The colour the mask is painted in: the mean of the ink's darker half (the edges of the
    strokes are lighter and would wash the text out)."""
    where = ImageChops.invert(ink.convert("L"))
    if not where.getbbox():
        return (0.0, 0.0, 0.0)
    tones = ImageStat.Stat(grey, mask=where).median[0]
    darker = ImageChops.multiply(where, grey.point([255 if level <= tones else 0 for level in range(256)]))
    red, green, blue = ImageStat.Stat(image.convert("RGB"), mask=darker if darker.getbbox() else where).mean
    return (red / 255, green / 255, blue / 255)


def split(image: Image.Image, mode: CopyMode) -> Layers:
    """`image` is the page at its stored resolution, upright."""
    picture = image.convert("RGB") if mode is CopyMode.COLOUR else page_image.to_grey(image)
    grey = page_image.to_grey(picture)
    around = _surroundings(picture)
    ink = _ink_mask(picture, grey, around)
    mask = _group4(ink)
    if mode is CopyMode.BILEVEL:
        return Layers(image.width, image.height, mask, (0.0, 0.0, 0.0), None, (0, 0), True)
    colour = _average_ink(picture, grey, ink)
    # the text and a pixel around it take the tone of the paper around them before the background
    # shrinks, so the text leaves no shadow and no light halo there
    strokes = ImageChops.invert(ink.convert("L")).filter(ImageFilter.MaxFilter(3))
    cleaned = Image.composite(around, picture, strokes)
    size = (max(1, image.width // _BACKGROUND_SCALE), max(1, image.height // _BACKGROUND_SCALE))
    small = cleaned.resize(size, Image.Resampling.BOX)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=_BACKGROUND_QUALITY, optimize=True)
    return Layers(image.width, image.height, mask, colour, out.getvalue(), size, picture.mode == "L")


def compose(background: Image.Image | None, mask: Image.Image,
            ink: tuple[float, float, float]) -> Image.Image:
    """The page as the reader sees it, at the mask's resolution (for OCR)."""
    size = mask.size
    paper = (Image.new("RGB", size, "white") if background is None
             else background.convert("RGB").resize(size, Image.Resampling.BILINEAR))
    red, green, blue = (round(channel * 255) for channel in ink)
    painted = Image.new("RGB", size, (red, green, blue))
    return Image.composite(paper, painted, mask.convert("L"))
