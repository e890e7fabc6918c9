"""PAdES baseline signatures on a PDF, and checking the signatures a PDF carries.

A signature is added as an incremental update, so a PDF/A copy stays PDF/A and the bytes signed
are the copy as it was. Signing works on bytes in memory: a failure part-way returns nothing and
leaves nothing behind.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509
from pkcs11 import exceptions as pkcs11_errors
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext

from onestop.errors import DomainError
from onestop.i18n import _
from signing.token_module import TokenError
from signing.token_session import TokenSession

PADES_B_B, PADES_B_T = "PAdES-B-B", "PAdES-B-T"
_TIMESTAMP_SECONDS = 15
_FIELD = "ChuKySo"
# what a PKCS#11 library answers once the token has left the USB port
_TOKEN_GONE = (pkcs11_errors.SessionHandleInvalid, pkcs11_errors.SessionClosed, pkcs11_errors.DeviceRemoved,
               pkcs11_errors.TokenNotPresent, pkcs11_errors.DeviceError)


@dataclass(frozen=True)
class Signer:
    """Who signed, as the certificate names them."""

    common_name: str
    organisation: str
    serial: str


@dataclass(frozen=True)
class SignedPdf:
    data: bytes
    signer: Signer
    signed_at: datetime
    standard: str


@dataclass(frozen=True)
class SignatureCheck:
    """What a reader of the copy is told about its (last) signature."""

    intact: bool
    covers_whole_file: bool
    signer: Signer
    signed_at: datetime | None
    standard: str
    trusted: bool

    @property
    def good(self) -> bool:
        return self.intact and self.covers_whole_file


def signer_of(certificate: x509.Certificate) -> Signer:
    subject = certificate.subject.native
    return Signer(
        common_name=str(subject.get("common_name", "")),
        organisation=str(subject.get("organization_name", "")),
        serial=format(certificate.serial_number, "x"),
    )


def sign_pdf(token: TokenSession, pdf: bytes, reason: str, location: str = "",
             timestamp_url: str = "") -> SignedPdf:
    """The PDF with one more signature, PAdES B-B, or B-T with a time-stamping service's token
    over the signature; raises TokenError when the token fails part-way."""
    if not token.usable:
        raise TokenError(_("Thiết bị ký số đã bị rút ra; cắm lại và ký lại các giấy tờ còn chờ."))
    signed_at = datetime.now(UTC)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        existing = {name for name, _value, _ref in fields.enumerate_sig_fields(writer.prev)}
        metadata = signers.PdfSignatureMetadata(
            field_name=_free_field_name(existing), md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES, reason=reason, location=location,
        )
        timestamper = _timestamper(timestamp_url)
        out = signers.PdfSigner(metadata, token.signer, timestamper=timestamper).sign_pdf(writer)
    except _TOKEN_GONE:
        token.close()
        raise TokenError(_("Thiết bị ký số đã bị rút ra; cắm lại và ký lại các giấy tờ còn chờ.")) from None
    except (pkcs11_errors.PKCS11Error, SigningError) as error:
        raise TokenError(_("Thiết bị ký số không ký được ({0}); giấy tờ vẫn chờ ký.").format(
            type(error).__name__)) from None
    except TimestampRequestError:
        raise DomainError(_("Không lấy được dấu thời gian từ “{0}”; giấy tờ vẫn chờ ký.").format(
            timestamp_url)) from None
    except PdfError as error:
        raise DomainError(_("Tệp PDF hỏng, không ký được: {0}").format(error)) from None
    standard = PADES_B_T if timestamp_url else PADES_B_B
    return SignedPdf(out.getvalue(), signer_of(token.certificate), signed_at, standard)


def _timestamper(url: str) -> TimeStamper | None:
    if not url:
        return None
    stamper: TimeStamper = RequestsHTTPTimeStamper(url, timeout=_TIMESTAMP_SECONDS)  # type: ignore[no-untyped-call]
    return stamper


def _free_field_name(existing: set[str]) -> str:
    number = 1
    while f"{_FIELD}{number}" in existing:
        number += 1
    return f"{_FIELD}{number}"


def check_signature(pdf: bytes, trust_roots: Sequence[x509.Certificate] = ()) -> SignatureCheck | None:
    """The last signature's state; None when the PDF carries none. Trusted only when it chains
    to one of `trust_roots` (the national root CAs the office installed)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except PdfError:
        return None
    if not embedded:
        return None
    last = embedded[-1]
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
    try:
        status = validate_pdf_signature(last, context, skip_diff=True)
    except (SignatureValidationError, ValueError):
        return SignatureCheck(False, False, signer_of(last.signer_cert), None, PADES_B_B, False)
    stamped = status.timestamp_validity
    signed_at = stamped.timestamp if stamped is not None else status.signer_reported_dt
    return SignatureCheck(
        intact=status.intact and status.valid,
        covers_whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
        signer=signer_of(status.signing_cert),
        signed_at=signed_at.astimezone(UTC) if signed_at else None,
        standard=PADES_B_T if stamped is not None else PADES_B_B,
        trusted=status.trusted,
    )
