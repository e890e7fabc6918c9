"""The secret that seals the audit chain, kept where the database is not: the system's keyring
(Windows Credential Locker, macOS Keychain, Secret Service) or, on a computer without a working
keyring, a file in the store's folder that only the program's account may read. Someone who can
change the database but not read this secret cannot write rows that pass the check."""

import contextlib
import hashlib
import hmac
import os
import re
from pathlib import Path

import keyring
from keyring.errors import KeyringError

from onestop.private_files import write_private

KEYRING_SERVICE = "OneStop audit key"
KEY_FILE_PREFIX = "audit-key-"
KEY_FILE_SUFFIX = ".secret"
_KEY_ID = re.compile(r"^[0-9a-f]{32}$")


def key_id(key: bytes) -> str:
    """A name for the key that says nothing about it."""
    return hmac.new(key, b"onestop audit key id", hashlib.sha256).hexdigest()[:32]


def key_file(folder: Path, wanted: str) -> Path:
    return folder / f"{KEY_FILE_PREFIX}{wanted}{KEY_FILE_SUFFIX}"


def new_key(folder: Path) -> bytes:
    key = os.urandom(32)
    keep_key(folder, key)
    return key


def keep_key(folder: Path, key: bytes) -> None:
    """Into the keyring when one works, else into the folder's key file."""
    name = key_id(key)
    with contextlib.suppress(KeyringError):
        keyring.set_password(KEYRING_SERVICE, name, key.hex())
    if _from_keyring(name) != key:
        write_private(key_file(folder, name), key.hex().encode())


def find_key(folder: Path, wanted: str) -> bytes | None:
    if not _KEY_ID.match(wanted):
        return None
    for key in (_from_keyring(wanted), _from_file(key_file(folder, wanted))):
        if key is not None and key_id(key) == wanted:
            return key
    return None


def _from_keyring(wanted: str) -> bytes | None:
    try:
        text = keyring.get_password(KEYRING_SERVICE, wanted)
        return bytes.fromhex(text) if text else None
    except (KeyringError, ValueError):
        return None


def _from_file(path: Path) -> bytes | None:
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
