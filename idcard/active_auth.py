"""Active authentication: the chip signs a fresh challenge with the private key whose public half
is in DG15 (itself covered by the SOD), which proves that the chip is the one the data were
written to and not a copy of its files on another chip."""

import hashlib
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from idcard.tlv import read_tlv

_DG15 = 0x6F
_ECDSA_HASHES = (hashes.SHA256, hashes.SHA1, hashes.SHA224, hashes.SHA384, hashes.SHA512)
# ISO 9796-2 trailers: 0xBC means SHA-1; 0x..CC names the hash in its first byte
_TRAILER_HASHES = {0x33: "sha1", 0x34: "sha256", 0x35: "sha512", 0x36: "sha384", 0x38: "sha224"}


def challenge() -> bytes:
    return os.urandom(8)


def internal_authenticate(nonce: bytes) -> bytes:
    return bytes.fromhex("0088000008") + nonce + b"\x00"


def chip_signed(dg15: bytes, nonce: bytes, signature: bytes) -> bool:
    """Whether `signature` over `nonce` was made with the key of DG15."""
    try:
        key = serialization.load_der_public_key(read_tlv(dg15).value)
    except ValueError:
        return False
    if isinstance(key, ec.EllipticCurvePublicKey):
        return _ecdsa_signed(key, nonce, signature)
    if isinstance(key, rsa.RSAPublicKey):
        return _iso9796_signed(key, nonce, signature)
    return False


def _ecdsa_signed(key: ec.EllipticCurvePublicKey, nonce: bytes, signature: bytes) -> bool:
    half = len(signature) // 2
    if not half or len(signature) % 2:
        return False
    der = encode_dss_signature(int.from_bytes(signature[:half], "big"),
                               int.from_bytes(signature[half:], "big"))
    # the hash is named in DG14; any standard one proves the key just as well
    for algorithm in _ECDSA_HASHES:
        try:
            key.verify(der, nonce, ec.ECDSA(algorithm()))
        except InvalidSignature:
            continue
        return True
    return False


def _iso9796_signed(key: rsa.RSAPublicKey, nonce: bytes, signature: bytes) -> bool:
    """ISO 9796-2 scheme 1 with partial message recovery."""
    numbers = key.public_numbers()
    size = (numbers.n.bit_length() + 7) // 8
    opened = pow(int.from_bytes(signature, "big"), numbers.e, numbers.n).to_bytes(size, "big")
    if opened[-1] == 0xBC:
        name, trailer = "sha1", 1
    elif opened[-1] == 0xCC and opened[-2] in _TRAILER_HASHES:
        name, trailer = _TRAILER_HASHES[opened[-2]], 2
    else:
        return False
    length = hashlib.new(name).digest_size
    if opened[0] != 0x6A or size < length + trailer + 2:
        return False
    recovered = opened[1:size - trailer - length]
    digest = opened[size - trailer - length:size - trailer]
    return hashlib.new(name, recovered + nonce).digest() == digest
