"""Several counters on one shared PostgreSQL store seal one audit chain with one key: the counter
that opened the store first made it; a technician carries it to each other counter as a file,
owner-only on both ends, and the receiving counter keeps it in its own keyring or key file."""

from dataclasses import dataclass
from pathlib import Path

from onestop import audit, audit_key
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.private_files import write_private
from onestop.roles import Actor, require
from onestop.store.engine import Store

_MAX_KEY_FILE = 1024


@dataclass(frozen=True)
class KeyShared:
    path: Path
    key_id: str


def export_chain_key(store: Store, actor: Actor, target: Path) -> KeyShared:
    require(actor, "settings.devices")
    if store.audit_key is None:
        raise DomainError(_("Máy này không có khoá niêm phong nhật ký của dữ liệu này."))
    write_private(target, store.audit_key.hex().encode())
    name = audit_key.key_id(store.audit_key)
    with store.write() as session:
        audit.record(session, actor, "audit.key_export", target.name, {"key": name})
    return KeyShared(target, name)


def install_chain_key(store: Store, actor: Actor, source: Path) -> KeyShared:
    """Take the key another counter exported; refused unless it is the key of this store."""
    require(actor, "settings.devices")
    try:
        with source.open("rb") as file:
            key = bytes.fromhex(file.read(_MAX_KEY_FILE).decode("ascii").strip())
    except (OSError, ValueError):
        raise DomainError(_("Tệp {0} không phải khoá niêm phong nhật ký.").format(source.name),
                          field="source") from None
    with store.read() as session:
        wanted = audit.chain_key_id(session)
    if wanted is None or audit_key.key_id(key) != wanted:
        raise DomainError(_("Khoá trong tệp {0} không phải khoá của dữ liệu này.").format(
            source.name), field="source")
    audit_key.keep_key(store.attachments_dir.parent, key)
    store.audit_key = key
    with store.write() as session:
        audit.record(session, actor, "audit.key_install", source.name, {"key": wanted})
    return KeyShared(source, wanted)
