"""Whether a digitised copy the province holds still carries the signature its dossier says it
carries: every signature's digest over the bytes it covers, and the cryptography of each. Trust in
the signer's certificate is the province's own business and is not asked here."""

import io
from pathlib import Path

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext


def broken_signature(path: Path) -> str | None:
    """Why the signed copy at `path` does not verify; None when every signature does."""
    try:
        signatures = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False).embedded_signatures
    except (PdfError, OSError, ValueError):
        return "Tệp bản số hóa không đọc được như một tệp PDF"
    if not signatures:
        return "Tệp bản số hóa không có chữ ký số như hồ sơ khai"
    context = ValidationContext(trust_roots=[], allow_fetching=False)
    for signature in signatures:
        try:
            status = validate_pdf_signature(signature, context, skip_diff=True)
        except (SignatureValidationError, ValueError, PdfError):
            return "Chữ ký số trên bản số hóa không kiểm tra được"
        if not (status.intact and status.valid):
            return "Chữ ký số không khớp với nội dung bản số hóa (tệp đã bị sửa sau khi ký)"
    return None
