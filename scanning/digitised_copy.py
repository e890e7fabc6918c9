"""A paper's digitised copy: a PDF/A-2b file of its pages as mixed-raster images, with the XMP
that says what it is a copy of; later the invisible text the OCR read is laid over each page.

Pages are turned upright in their pixels here (the copy is encoded anew anyway), so the text
layer and the image share one set of coordinates.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from PIL import Image, ImageCms

from onestop.errors import DomainError
from onestop.i18n import _
from scanning.copy_metadata import CopyFacts, xmp_packet
from scanning.glyphless_font import glyphless_font
from scanning.mixed_raster import CopyMode, Layers, compose, split
from scanning.ocr import PageText
from scanning.page import Page
from scanning.text_layer import FONT_NAME, content

_POINTS_PER_INCH = 72
_TURNS = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}
_BACKGROUND, _INK = "/Paper", "/Ink"


@dataclass(frozen=True)
class PaperPage:
    image: Image.Image
    dpi: float
    quarter_turns: int = 0


@dataclass(frozen=True)
class CopyPage:
    """A page of a copy as it was stored: the picture a reader sees, its neutral ink alone, and
    its resolution. OCR reads the ink: a red stamp or a blue signature across a line of type
    costs Tesseract more characters than the ink alone does (a third of the errors on the bench)."""

    image: Image.Image
    ink: Image.Image
    dpi: float


def stored_pages(pages: Sequence[Page]) -> list[PaperPage]:
    """The pages the officer kept, as the page pipeline stored them, for a copy."""
    found = []
    for page in pages:
        with Image.open(page.path) as stored:
            stored.load()
            found.append(PaperPage(stored.copy(), page.dpi, page.quarter_turns))
    return found


def _srgb_intent(pdf: pikepdf.Pdf) -> pikepdf.Object:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc = pikepdf.Stream(pdf, profile)
    icc.N = 3
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
        Info=pikepdf.String("sRGB IEC61966-2.1"), DestOutputProfile=icc,
    ))


def _images(pdf: pikepdf.Pdf, layers: Layers) -> pikepdf.Dictionary:
    ink = pikepdf.Stream(pdf, layers.mask)
    ink.Type, ink.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    ink.Width, ink.Height = layers.width, layers.height
    ink.ImageMask, ink.BitsPerComponent = True, 1
    ink.Filter = pikepdf.Name.CCITTFaxDecode
    ink.DecodeParms = pikepdf.Dictionary(K=-1, Columns=layers.width, Rows=layers.height, BlackIs1=True)
    images = pikepdf.Dictionary({_INK: ink})
    if layers.background is not None:
        paper = pikepdf.Stream(pdf, layers.background)
        paper.Type, paper.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        paper.Width, paper.Height = layers.background_size
        paper.ColorSpace = pikepdf.Name.DeviceGray if layers.background_grey else pikepdf.Name.DeviceRGB
        paper.BitsPerComponent = 8
        paper.Filter = pikepdf.Name.DCTDecode
        images[_BACKGROUND] = paper
    return images


def _drawing(layers: Layers, width: float, height: float) -> bytes:
    red, green, blue = layers.ink
    drawn = []
    if layers.background is not None:
        drawn.append(f"q {width:.3f} 0 0 {height:.3f} 0 0 cm {_BACKGROUND} Do Q")
    drawn.append(f"q {red:.3f} {green:.3f} {blue:.3f} rg {width:.3f} 0 0 {height:.3f} 0 0 cm {_INK} Do Q")
    return ("\n".join(drawn) + "\n").encode("ascii")


def _add_page(pdf: pikepdf.Pdf, page: PaperPage, mode: CopyMode) -> None:
    image = page.image.transpose(_TURNS[page.quarter_turns % 4]) if page.quarter_turns % 4 else page.image
    layers = split(image, mode)
    width = image.width * _POINTS_PER_INCH / page.dpi
    height = image.height * _POINTS_PER_INCH / page.dpi
    pdf_page = pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, width, height],
        Resources=pikepdf.Dictionary(XObject=_images(pdf, layers)),
        Contents=pikepdf.Stream(pdf, _drawing(layers, width, height)),
    ))
    pdf.pages.append(pdf_page)


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def make_copy(pages: Sequence[PaperPage], mode: CopyMode, facts: CopyFacts) -> bytes:
    """The paper's copy as PDF/A-2b, without text yet."""
    if not pages:
        raise DomainError(_("Không có trang nào để số hóa."))
    pdf = pikepdf.new()
    for page in pages:
        _add_page(pdf, page, mode)
    pdf.Root.OutputIntents = pikepdf.Array([_srgb_intent(pdf)])
    pdf.Root.Metadata = pikepdf.Stream(pdf, xmp_packet(facts))
    pdf.Root.Metadata.Type, pdf.Root.Metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    # no document information dictionary: the XMP alone, so a signature's update cannot make the two differ
    return _saved(pdf)


def _open(copy: bytes) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(copy))
    except pikepdf.PdfError as error:
        raise DomainError(_("Bản số hóa bị hỏng: {0}").format(error)) from None


def _ink_colour(page: pikepdf.Page) -> tuple[float, float, float]:
    for instruction in pikepdf.parse_content_stream(page, "rg"):
        if isinstance(instruction, pikepdf.ContentStreamInstruction):
            red, green, blue = (float(value) for value in instruction.operands)
            return (red, green, blue)
    return (0.0, 0.0, 0.0)


def _picture(image: pikepdf.Object) -> Image.Image:
    assert isinstance(image, pikepdf.Stream)
    return pikepdf.PdfImage(image).as_pil_image()


def copy_pages(copy: bytes) -> list[CopyPage]:
    """Each page's picture as the reader sees it, at the resolution of its text mask."""
    found = []
    with _open(copy) as pdf:
        for page in pdf.pages:
            images = page.Resources.XObject
            ink = _picture(images[_INK])
            paper = _picture(images[_BACKGROUND]) if _BACKGROUND in images else None
            colour = _ink_colour(page)
            points = float(page.MediaBox[2])
            found.append(CopyPage(compose(paper, ink, colour), ink.convert("L"),
                                  ink.width * _POINTS_PER_INCH / points))
    return found


def lay_text(copy: bytes, texts: Sequence[PageText]) -> bytes:
    """The copy with the read text laid invisibly over its pages."""
    with _open(copy) as pdf:
        if len(pdf.pages) != len(texts):
            raise DomainError(_("Số trang chữ đọc được không khớp với bản số hóa."))
        font = glyphless_font(pdf)
        for page, text in zip(pdf.pages, texts, strict=True):
            if not text.lines:
                continue
            page.Resources.Font = pikepdf.Dictionary({FONT_NAME: font})
            page.contents_add(pikepdf.Stream(pdf, content(text)), prepend=False)
        return _saved(pdf)
