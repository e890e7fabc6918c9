"""The symmetric cryptography of BAC, PACE and secure messaging (ICAO 9303 part 11): keys derived
from a seed, two-key 3DES in CBC mode with a zero IV and the retail MAC (BAC), AES with CMAC (PACE),
and ISO 9797-1 padding method 2."""

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ENCRYPTION, AUTHENTICATION = 1, 2
_ZERO_IV = bytes(8)


def derive_key(seed: bytes, counter: int) -> bytes:
    """A 16-byte 3DES key from a 16-byte seed; counter 1 gives the encryption key, 2 the MAC key."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()[:16]
    return bytes(byte & 0xFE | (bin(byte & 0xFE).count("1") + 1) % 2 for byte in digest)


def derive_aes_key(seed: bytes, counter: int, length: int) -> bytes:
    """An AES key of `length` bytes (16, 24 or 32) from a shared secret or password hash."""
    digest = hashlib.sha1 if length == 16 else hashlib.sha256
    return digest(seed + counter.to_bytes(4, "big")).digest()[:length]


def pad(data: bytes, block: int = 8) -> bytes:
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % block)


def unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end.endswith(b"\x80"):
        raise ValueError("no ISO 9797-1 padding")
    return end[:-1]


def _three_keys(key: bytes) -> TripleDES:
    """Single DES (8 bytes) and two-key 3DES (16) spelled out as the three keys they stand for."""
    return TripleDES(key * 3 if len(key) == 8 else key + key[:8])


def encrypt(key: bytes, data: bytes) -> bytes:
    encryptor = Cipher(_three_keys(key), modes.CBC(_ZERO_IV)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def decrypt(key: bytes, data: bytes) -> bytes:
    decryptor = Cipher(_three_keys(key), modes.CBC(_ZERO_IV)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 (single DES chained, 3DES on the last block) over padded data."""
    first, second = key[:8], key[8:16]
    chained = encrypt(first, data)[-8:]
    return encrypt(first, decrypt(second, chained))


def mac(key: bytes, data: bytes) -> bytes:
    return retail_mac(key, pad(data))


def aes_encrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def aes_decrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def aes_mac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC cut to 8 bytes, as PACE's tokens and AES secure messaging use it."""
    check = cmac.CMAC(algorithms.AES(key))
    check.update(data)
    return check.finalize()[:8]
