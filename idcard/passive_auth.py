"""Passive authentication: the data groups' hashes against the SOD's security object, the SOD's
CMS signature by its document signer, and that signer's certificate issued by a CSCA of the trust
list, each certificate in its validity period."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import algos, cms, core
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from idcard.tlv import read_tlv
from onestop.i18n import _


class _DataGroupHash(core.Sequence):  # type: ignore[misc]
    _fields = [("number", core.Integer), ("hash", core.OctetString)]


class _DataGroupHashes(core.SequenceOf):  # type: ignore[misc]
    _child_spec = _DataGroupHash


class _SecurityObject(core.Sequence):  # type: ignore[misc]
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("hashes", _DataGroupHashes),
        ("lds_version", core.Any, {"optional": True}),
    ]


@dataclass(frozen=True)
class Authenticity:
    authentic: bool
    message: str
    signer: str = ""


class _Failed(Exception):
    def __init__(self, message: str, signer: str = "") -> None:
        super().__init__(message)
        self.message, self.signer = message, signer


_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
    "sha512": hashes.SHA512}


def check_authenticity(sod: bytes, data_groups: dict[int, bytes], trusted: list[bytes],
                       now: datetime | None = None) -> Authenticity:
    """Whether the data groups read are the ones the issuer signed. `trusted`: CSCA certificates
    (DER or PEM)."""
    try:
        signer = _check(sod, data_groups, trusted, now or datetime.now(UTC))
    except _Failed as failure:
        return Authenticity(False, failure.message, failure.signer)
    return Authenticity(True, _("Thẻ thật — dữ liệu do Bộ Công an ký"), signer)


def _check(sod: bytes, data_groups: dict[int, bytes], trusted: list[bytes], now: datetime) -> str:
    try:
        signed_data = cms.ContentInfo.load(read_tlv(sod).value)["content"]
        security_object = _SecurityObject.load(signed_data["encap_content_info"]["content"].native)
        signer_info = signed_data["signer_infos"][0]
        certificate = x509.load_der_x509_certificate(signed_data["certificates"][0].chosen.dump())
        hash_name = security_object["hash_algorithm"]["algorithm"].native
        signed_hashes = {int(item["number"].native): bytes(item["hash"].native)
                         for item in security_object["hashes"]}
    except (ValueError, KeyError, IndexError, TypeError):
        raise _Failed(_("Dữ liệu ký (EF.SOD) của chip không đọc được: không xác nhận được thẻ "
                        "thật.")) from None
    signer = certificate.subject.rfc4514_string()
    for number, content in sorted(data_groups.items()):
        if number not in signed_hashes:
            raise _Failed(_("Nhóm dữ liệu DG{0} không có trong dữ liệu đã ký của chip.").format(
                number), signer)
        if hashlib.new(hash_name, content).digest() != signed_hashes[number]:
            raise _Failed(_("Nhóm dữ liệu DG{0} đã bị thay đổi sau khi ký: không phải dữ liệu "
                            "gốc của thẻ.").format(number), signer)
    _check_signature(signed_data, signer_info, certificate, signer)
    _check_dates(certificate, now, _("Chứng thư của đơn vị ký thẻ"), signer)
    issuer = _issuer(certificate, trusted, signer)
    _check_dates(issuer, now, _("Chứng thư gốc (CSCA)"), signer)
    return signer


def _check_signature(signed_data: cms.SignedData, signer_info: cms.SignerInfo,
                     certificate: x509.Certificate, signer: str) -> None:
    content = bytes(signed_data["encap_content_info"]["content"].native)
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    attributes = signer_info["signed_attrs"]
    if digest_name not in _HASHES:
        raise _Failed(_("Chip dùng thuật toán băm chưa hỗ trợ: {0}.").format(digest_name), signer)
    if attributes:
        digests = [attribute["values"][0].native for attribute in attributes
                   if attribute["type"].native == "message_digest"]
        if digests != [hashlib.new(digest_name, content).digest()]:
            raise _Failed(_("Dữ liệu ký của chip không khớp với chữ ký."), signer)
        signed = b"\x31" + attributes.dump()[1:]
    else:
        signed = content
    signature = bytes(signer_info["signature"].native)
    algorithm = signer_info["signature_algorithm"]
    chosen_hash = _HASHES[digest_name]()
    key = certificate.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            if algorithm["algorithm"].native == "rsassa_pss":
                salt = int(algorithm["parameters"]["salt_length"].native)
                key.verify(signature, signed, padding.PSS(padding.MGF1(chosen_hash), salt),
                           chosen_hash)
            else:
                key.verify(signature, signed, padding.PKCS1v15(), chosen_hash)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed, ec.ECDSA(chosen_hash))
        else:
            raise _Failed(_("Chip dùng loại khoá ký chưa hỗ trợ."), signer)
    except InvalidSignature:
        raise _Failed(_("Chữ ký trên dữ liệu của chip không đúng: không phải dữ liệu gốc của "
                        "thẻ."), signer) from None


def _check_dates(certificate: x509.Certificate, now: datetime, which: str, signer: str) -> None:
    if now < certificate.not_valid_before_utc:
        raise _Failed(_("{0} chưa có hiệu lực (từ {1:%d/%m/%Y}).").format(
            which, certificate.not_valid_before_utc), signer)
    if now > certificate.not_valid_after_utc:
        raise _Failed(_("{0} đã hết hạn ngày {1:%d/%m/%Y}.").format(
            which, certificate.not_valid_after_utc), signer)


def load_certificate(data: bytes) -> x509.Certificate:
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


def _issuer(certificate: x509.Certificate, trusted: list[bytes], signer: str) -> x509.Certificate:
    if not trusted:
        raise _Failed(_("Chưa cài danh sách chứng thư gốc tin cậy (CSCA): kỹ thuật viên cài bằng "
                        "“onestop idcard trust add”. Chưa xác nhận được thẻ thật."), signer)
    for data in trusted:
        anchor = load_certificate(data)
        if anchor.subject != certificate.issuer:
            continue
        try:
            certificate.verify_directly_issued_by(anchor)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return anchor
    raise _Failed(_("Đơn vị ký thẻ ({0}) không do chứng thư gốc nào trong danh sách tin cậy cấp: "
                    "chưa xác nhận được thẻ thật.").format(certificate.issuer.rfc4514_string()),
                  signer)
