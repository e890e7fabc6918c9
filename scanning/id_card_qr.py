"""The QR code of a citizen ID card (CCCD) laid on the scanner glass.

The QR carries UTF-8 text; its bytes are decoded here rather than trusting the reader's guess of
the character set, and the text is returned NFC-normalised for the core to parse.
"""

from collections.abc import Iterator

import zxingcpp
from PIL import Image

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.text import nfc
from scanning.page_image import to_grey

_QR = zxingcpp.barcode_formats_from_str("QRCode")
# A card scanned coarser than about 100 dpi gives QR modules under two pixels; doubling the
# image lets the reader find them. Larger images are left alone: they read as they are.
_ENLARGE_BELOW = 3000


def _attempts(grey: Image.Image) -> Iterator[Image.Image]:
    yield grey
    if max(grey.size) < _ENLARGE_BELOW:
        yield grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.LANCZOS)


def _text(barcode: zxingcpp.Barcode) -> str:
    try:
        return bytes(barcode.bytes).decode("utf-8")
    except UnicodeDecodeError:
        return str(barcode.text)


def read_id_card_qr(image: Image.Image) -> str:
    """The QR text of the ID card in a scanned image; DomainError when no QR can be read."""
    grey = to_grey(image)
    for attempt in _attempts(grey):
        found = zxingcpp.read_barcodes(attempt, formats=_QR)
        texts = [_text(barcode) for barcode in found if barcode.valid]
        if texts:
            texts.sort(key=lambda text: "|" not in text)
            return nfc(texts[0])
    raise DomainError(
        _(
            "Không đọc được mã QR trên ảnh quét. Đặt thẻ căn cước ngay ngắn, mặt có mã QR "
            "úp xuống kính, quét ở 300 dpi rồi thử lại."
        )
    )
