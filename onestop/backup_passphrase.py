"""The daily backup's passphrase, kept in the computer's own keyring (Windows Credential Locker,
macOS Keychain, Secret Service), never in the store or its settings."""

import keyring
from keyring.errors import KeyringError
from sqlalchemy.orm import Session

from onestop import audit
from onestop.backup_file import check_passphrase
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store

KEYRING_SERVICE = "OneStop"
KEYRING_ENTRY = "daily-backup-passphrase"


def remember_passphrase_in(session: Session, actor: Actor, passphrase: str) -> None:
    require(actor, "backup.run")
    check_passphrase(passphrase)
    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_ENTRY, passphrase)
    except KeyringError:
        raise DomainError(_("Máy này không có kho mật khẩu của hệ điều hành nên không lưu được "
                            "mật khẩu sao lưu hằng ngày.")) from None
    audit.record(session, actor, "backup.passphrase")


def remember_passphrase(store: Store, actor: Actor, passphrase: str) -> None:
    with store.write() as session:
        remember_passphrase_in(session, actor, passphrase)


def remembered_passphrase() -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, KEYRING_ENTRY)
    except KeyringError:
        return None
