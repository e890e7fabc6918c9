"""The pages of a dossier as one PDF for the attachment store.

img2pdf puts each stored file into the PDF as it is: JPEG pages are not encoded again and
black-and-white pages keep their CCITT group 4 data. A page the officer turned gets the PDF page's
/Rotate, so turning never costs image quality.

The same pages always make the same bytes: the file is named by its sha256, so filing the same
pages again must find the file already there. img2pdf leaves the PDF's /ID to the PDF library,
which mixes in the clock, so every document is saved once more with an /ID made from its content.
"""

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

import img2pdf
import pikepdf

from onestop.errors import DomainError
from onestop.i18n import _
from scanning.page import Page


@dataclass(frozen=True)
class DossierPdf:
    data: bytes
    sha256: str
    pages: int


def _stored_bytes(page: Page, number: int) -> bytes:
    try:
        data = page.path.read_bytes()
    except OSError as error:
        message = _("Không đọc được trang {number} ({name}).")
        raise DomainError(message.format(number=number, name=page.path.name)) from error
    if hashlib.sha256(data).hexdigest() != page.sha256:
        message = _("Trang {number} ({name}) đã bị thay đổi sau khi quét; hãy quét lại.")
        raise DomainError(message.format(number=number, name=page.path.name))
    return data


def _finished(document: bytes, pages: Sequence[Page]) -> bytes:
    with pikepdf.open(io.BytesIO(document)) as pdf:
        # the library keeps an /ID it finds (first half) and makes only the second from content
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID
        for pdf_page, page in zip(pdf.pages, pages, strict=True):
            if page.quarter_turns:
                pdf_page.obj.Rotate = 90 * page.quarter_turns
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            compress_streams=False,
        )
    return out.getvalue()


def assemble(pages: Sequence[Page]) -> DossierPdf:
    """The given pages in order; the caller leaves out the pages it drops."""
    if not pages:
        raise DomainError(_("Không có trang nào để ghép thành tệp PDF."))
    stored = [io.BytesIO(_stored_bytes(page, number)) for number, page in enumerate(pages, 1)]
    document = _finished(img2pdf.convert(stored, nodate=True), pages)
    return DossierPdf(document, hashlib.sha256(document).hexdigest(), len(pages))
