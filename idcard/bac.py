"""Basic access control: the mutual authentication that turns the printed key into session keys."""

import os
from collections.abc import Callable
from dataclasses import dataclass

from idcard.access_key import AccessKey
from idcard.chip_crypto import AUTHENTICATION, ENCRYPTION, decrypt, derive_key, encrypt, mac
from idcard.secure_messaging import SecureChannel

GET_CHALLENGE = bytes.fromhex("0084000008")
WRONG_KEY = 0x6300


class AccessRefused(Exception):
    """The chip refused the key; `status` is its status word."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the chip answered {status:04X}")
        self.status = status


class ChipMisbehaved(Exception):
    """The chip's answer to the authentication does not check out."""


@dataclass(frozen=True)
class BacKeys:
    enc_key: bytes
    mac_key: bytes


def bac_keys(key: AccessKey) -> BacKeys:
    seed = key.seed()
    return BacKeys(derive_key(seed, ENCRYPTION), derive_key(seed, AUTHENTICATION))


def authentication_command(keys: BacKeys, chip_challenge: bytes, reader_challenge: bytes,
                           reader_key: bytes) -> bytes:
    """The EXTERNAL AUTHENTICATE command answering the chip's challenge."""
    cryptogram = encrypt(keys.enc_key, reader_challenge + chip_challenge + reader_key)
    return bytes.fromhex("0082000028") + cryptogram + mac(keys.mac_key, cryptogram) + b"\x28"


def session_channel(keys: BacKeys, answer: bytes, chip_challenge: bytes, reader_challenge: bytes,
                    reader_key: bytes) -> SecureChannel:
    """The secure channel from the chip's answer to EXTERNAL AUTHENTICATE."""
    if len(answer) != 40 or mac(keys.mac_key, answer[:32]) != answer[32:]:
        raise ChipMisbehaved("the chip's authentication answer does not check out")
    plain = decrypt(keys.enc_key, answer[:32])
    if plain[:8] != chip_challenge or plain[8:16] != reader_challenge:
        raise ChipMisbehaved("the chip did not return the challenges")
    seed = bytes(a ^ b for a, b in zip(reader_key, plain[16:32], strict=True))
    return SecureChannel(derive_key(seed, ENCRYPTION), derive_key(seed, AUTHENTICATION),
                         int.from_bytes(chip_challenge[4:] + reader_challenge[4:], "big"))


def authenticate(transmit: Callable[[bytes], bytes], key: AccessKey) -> SecureChannel:
    """Run BAC over `transmit` (command APDU -> response with status word)."""
    keys = bac_keys(key)
    response = transmit(GET_CHALLENGE)
    status = int.from_bytes(response[-2:], "big")
    if status != 0x9000 or len(response) != 10:
        raise AccessRefused(status)
    chip_challenge = response[:8]
    reader_challenge, reader_key = os.urandom(8), os.urandom(16)
    response = transmit(authentication_command(keys, chip_challenge, reader_challenge, reader_key))
    status = int.from_bytes(response[-2:], "big")
    if status != 0x9000:
        raise AccessRefused(status)
    return session_channel(keys, response[:-2], chip_challenge, reader_challenge, reader_key)
