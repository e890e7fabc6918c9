"""The password of the counter's province account, kept out of the store and its settings: in the
system's keyring (Windows Credential Locker, macOS Keychain, Secret Service), or, on a computer
without a working keyring, in a file beside the store that only its owner may read. Scripts and
tests may give it in the ONESTOP_PROVINCE_PASSWORD variable instead."""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import keyring
from keyring.errors import KeyringError

from onestop import settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store

KEYRING_SERVICE = "OneStop province"
PASSWORD_VARIABLE = "ONESTOP_PROVINCE_PASSWORD"
PASSWORD_FILE = "province-password.json"
KEYRING, FILE, VARIABLE = "keyring", "file", "variable"


@dataclass(frozen=True)
class KeptPassword:
    password: str = field(repr=False)
    kept_in: str  # keyring, file or variable


def password_file(store: Store) -> Path:
    # The store's own folder is this computer's even when the store is a shared PostgreSQL
    # database, and a backup copies only the database and the attachments from it.
    return store.attachments_dir.parent / PASSWORD_FILE


def save_password(store: Store, actor: Actor, username: str, password: str, *,
                  use_keyring: bool = True) -> str:
    """Keep the password of `username`; returns where it went (keyring or file). Without
    `use_keyring` it goes to the file: for a demo's public password, which must not take the
    place of a real account's in the keyring."""
    require(actor, "settings.devices")
    if not username:
        raise DomainError(_("Cần cài đặt tài khoản kết nối hệ thống tỉnh trước khi lưu mật khẩu"),
                          field="province.username")
    if not password:
        raise DomainError(_("Mật khẩu kết nối hệ thống tỉnh không được để trống"),
                          field="province.password")
    kept_in = _to_keyring(username, password) if use_keyring else FILE
    if kept_in == KEYRING:
        password_file(store).unlink(missing_ok=True)
    else:
        _write_owner_only(password_file(store), {"username": username, "password": password})
    settings.record_secret_kept(store, actor, "province.password", kept_in)
    return kept_in


def find_password(store: Store, username: str) -> KeptPassword | None:
    """The password for `username`: from the variable, the file beside the store, or the
    keyring, in that order; a file is written only when the keyring failed, and removed when
    the keyring takes the password again."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given:
        return KeptPassword(given, VARIABLE)
    from_file = _read_file(password_file(store), username)
    if from_file:
        return KeptPassword(from_file, FILE)
    try:
        from_keyring = keyring.get_password(KEYRING_SERVICE, username)
    except KeyringError:
        from_keyring = None
    return KeptPassword(from_keyring, KEYRING) if from_keyring else None


def _to_keyring(username: str, password: str) -> str:
    try:
        keyring.set_password(KEYRING_SERVICE, username, password)
    except KeyringError:
        return FILE
    return KEYRING


def _write_owner_only(path: Path, content: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(content, file, ensure_ascii=False)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def _read_file(path: Path, username: str) -> str | None:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(content, dict) and content.get("username") == username):
        return None
    password = content.get("password")
    return password if isinstance(password, str) else None
