"""PACE with the generic mapping over elliptic curves and AES secure messaging (ICAO 9303 part 11,
4.4), for cards that refuse BAC: the MRZ key is the password, the chip's nonce maps a fresh
generator, and a Diffie-Hellman on it gives the session keys; both sides prove them by tokens."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from asn1crypto import core

from idcard.access_key import AccessKey
from idcard.bac import AccessRefused, ChipMisbehaved
from idcard.chip_crypto import aes_decrypt, aes_mac, derive_aes_key
from idcard.elliptic_curve import STANDARD_CURVES, Curve, Point
from idcard.secure_messaging import SecureChannel
from idcard.tlv import BadTlv, children, read_tlv, tlv

PASSWORD_MRZ = 0x01
# id-PACE-ECDH-GM-AES-CBC-CMAC-128, -192, -256 and their key lengths
_GENERIC_MAPPING = {"0.4.0.127.0.7.2.2.4.2.2": 16, "0.4.0.127.0.7.2.2.4.2.3": 24,
                    "0.4.0.127.0.7.2.2.4.2.4": 32}
_OK = 0x9000


@dataclass(frozen=True)
class PaceInfo:
    protocol: str
    parameter_id: int
    key_length: int

    @property
    def curve(self) -> Curve:
        return STANDARD_CURVES[self.parameter_id]


def pace_info(card_access: bytes) -> PaceInfo | None:
    """The first PACE protocol of EF.CardAccess that this program speaks, if any."""
    try:
        infos = list(children(read_tlv(card_access).value))
        for info in infos:
            fields = list(children(info.value))
            if len(fields) < 3 or fields[0].tag != 0x06:
                continue
            protocol = core.ObjectIdentifier.load(tlv(0x06, fields[0].value)).dotted
            parameter_id = int.from_bytes(fields[2].value, "big")
            if protocol in _GENERIC_MAPPING and parameter_id in STANDARD_CURVES:
                return PaceInfo(protocol, parameter_id, _GENERIC_MAPPING[protocol])
    except (BadTlv, ValueError):
        return None
    return None


def password_key(key: AccessKey, length: int) -> bytes:
    """Kπ: the key that encrypts the chip's nonce, from the MRZ information."""
    return derive_aes_key(hashlib.sha1(key.mrz_information().encode("ascii")).digest(), 3, length)


def mapped_generator(curve: Curve, nonce: int, own_secret: int, chip_public: Point) -> Point:
    """G' = s·G + H, H the shared point of the mapping's key pairs."""
    shared = curve.multiply(own_secret, chip_public)
    return curve.add(curve.multiply(nonce, curve.generator), shared)


def session_secret(curve: Curve, own_secret: int, chip_public: Point) -> bytes:
    shared = curve.multiply(own_secret, chip_public)
    if shared is None:
        raise ChipMisbehaved("the chip's key gives no shared secret")
    return shared[0].to_bytes(curve.size, "big")


def token(mac_key: bytes, protocol: str, public_key: bytes) -> bytes:
    """The authentication token over the other side's ephemeral public key."""
    key_object = tlv(0x7F49, core.ObjectIdentifier(protocol).dump() + tlv(0x86, public_key))
    return aes_mac(mac_key, key_object)


def _general_authenticate(transmit: Callable[[bytes], bytes], data_object: bytes,
                          answer_tag: int, last: bool) -> bytes:
    body = tlv(0x7C, data_object)
    response = transmit(bytes([0x00 if last else 0x10, 0x86, 0x00, 0x00, len(body)]) + body
                        + b"\x00")
    status = int.from_bytes(response[-2:], "big")
    if status != _OK:
        raise AccessRefused(status)
    try:
        for item in children(read_tlv(response[:-2]).value):
            if item.tag == answer_tag:
                return item.value
    except BadTlv:
        pass
    raise ChipMisbehaved("the chip's PACE answer lacks its data")


def establish(transmit: Callable[[bytes], bytes], key: AccessKey, info: PaceInfo) -> SecureChannel:
    """Run PACE over `transmit`; AccessRefused when the chip refuses the key."""
    curve = info.curve
    oid = core.ObjectIdentifier(info.protocol).dump()[2:]
    setting = tlv(0x80, oid) + tlv(0x83, bytes([PASSWORD_MRZ])) + tlv(0x84, bytes([info.parameter_id]))
    response = transmit(bytes.fromhex("0022C1A4") + bytes([len(setting)]) + setting)
    if int.from_bytes(response[-2:], "big") != _OK:
        raise AccessRefused(int.from_bytes(response[-2:], "big"))
    encrypted_nonce = _general_authenticate(transmit, b"", 0x80, last=False)
    nonce = int.from_bytes(aes_decrypt(password_key(key, info.key_length), encrypted_nonce), "big")
    try:
        mapping_secret = secrets.randbelow(curve.order - 1) + 1
        chip_mapping = curve.decode(_general_authenticate(
            transmit, tlv(0x81, curve.encode(curve.multiply(mapping_secret, curve.generator))),
            0x82, last=False))
        generator = mapped_generator(curve, nonce, mapping_secret, chip_mapping)
        own_secret = secrets.randbelow(curve.order - 1) + 1
        own_public = curve.encode(curve.multiply(own_secret, generator))
        chip_public = _general_authenticate(transmit, tlv(0x83, own_public), 0x84, last=False)
        secret = session_secret(curve, own_secret, curve.decode(chip_public))
    except ValueError:
        raise ChipMisbehaved("the chip sent a point not on the curve") from None
    enc_key = derive_aes_key(secret, 1, info.key_length)
    mac_key = derive_aes_key(secret, 2, info.key_length)
    chip_token = _general_authenticate(
        transmit, tlv(0x85, token(mac_key, info.protocol, chip_public)), 0x86, last=True)
    if chip_token != token(mac_key, info.protocol, own_public):
        raise ChipMisbehaved("the chip's PACE token does not check out")
    return SecureChannel(enc_key, mac_key, 0, aes=True)
