"""The trust list for the ID card's chip: the CSCA certificates (the issuing state's root) that
the technician installs, kept as files beside the store so that every read can use them."""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from onestop import audit
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store

TRUST_FOLDER = "csca"


@dataclass(frozen=True)
class TrustedCsca:
    subject: str
    fingerprint: str
    valid_until: datetime


def trust_folder(store: Store) -> Path:
    return store.attachments_dir.parent / TRUST_FOLDER


def _certificate(data: bytes) -> x509.Certificate:
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise DomainError(_("Tệp không phải chứng thư số X.509 (PEM hoặc DER).")) from None


def _described(certificate: x509.Certificate, der: bytes) -> TrustedCsca:
    return TrustedCsca(certificate.subject.rfc4514_string(), hashlib.sha256(der).hexdigest(),
                       certificate.not_valid_after_utc)


def add_csca(store: Store, actor: Actor, data: bytes) -> TrustedCsca:
    """Install one CSCA certificate; adding the same one again changes nothing."""
    require(actor, "idcard.trust")
    certificate = _certificate(data)
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.ca:
        raise DomainError(_("Chứng thư “{0}” không phải chứng thư gốc (CA) nên không dùng làm "
                            "CSCA được.").format(certificate.subject.rfc4514_string()))
    der = certificate.public_bytes(Encoding.DER)
    trusted = _described(certificate, der)
    folder = trust_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{trusted.fingerprint}.der"
    with store.write() as session:
        audit.record(session, actor, "idcard.trust_add", trusted.subject,
                     {"sha256": trusted.fingerprint})
        partial = target.with_suffix(".part")
        partial.write_bytes(der)
        partial.replace(target)
    return trusted


def trusted_cscas(store: Store) -> list[bytes]:
    """The installed CSCA certificates, DER."""
    folder = trust_folder(store)
    if not folder.is_dir():
        return []
    return [path.read_bytes() for path in sorted(folder.glob("*.der"))]


def list_cscas(store: Store) -> list[TrustedCsca]:
    return [_described(x509.load_der_x509_certificate(der), der) for der in trusted_cscas(store)]
