"""Scanned and imported files, kept by content (sha256) in a folder beside the store.

The file is written before its row commits; a file with no row (after a crash) is harmless and is
reused when the same content comes again.
"""

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from onestop import audit, outbox
from onestop.changes import NOTHING, StoreChanges, of_dossier
from onestop.dossiers import load_dossier, queue_for_province
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Attachment, Dossier, OutboxItem
from onestop.text import clean

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Attached:
    code: str
    sha256: str
    size: int
    version: int
    changes: StoreChanges = field(default=NOTHING, compare=False)  # what this write did


def attachment_path(store: Store, sha256: str) -> Path:
    return store.attachments_dir / sha256[:2] / sha256


def keep_file(store: Store, content: bytes) -> str:
    """Write content into the attachment folder (atomically, fsynced); returns its sha256."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise DomainError(_("Tệp quá lớn ({0} MB); tối đa {1} MB.").format(
            len(content) // 2**20, MAX_ATTACHMENT_BYTES // 2**20))
    digest = hashlib.sha256(content).hexdigest()
    target = attachment_path(store, digest)
    if target.exists() and target.stat().st_size == len(content):
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".part")
    with temporary.open("wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    temporary.replace(target)
    return digest


def add_attachment(session: Session, actor: Actor, dossier: Dossier, digest: str, size: int,
                   file_name: str, media_type: str, document_code: str | None, pages: int,
                   described: Callable[[Attachment], object] | None = None) -> Attachment:
    """A kept file's row, inside the caller's transaction, with its audit row, the file's upload
    and the dossier's new version for the province. `described` adds what else describes the
    file (a digitised copy's row) before that version is frozen, so the version carries it."""
    row = Attachment(dossier_id=dossier.id, document_code=document_code, sha256=digest,
                     file_name=clean(file_name) or digest, media_type=media_type, size=size,
                     pages=pages, added_at=datetime.now(UTC), added_by=actor.username)
    session.add(row)
    if described is not None:
        session.flush()
        described(row)
    _changed(session, actor, dossier, digest, size, {"file": clean(file_name), "document": document_code})
    return row


def replace_file(session: Session, actor: Actor, dossier: Dossier, row: Attachment, digest: str,
                 size: int, reason: str) -> str | None:
    """The attachment now holds a newer version of its file (with text, signed): the province
    gets the new file and the dossier's new version, and no longer the old file. Returns the old
    file's sha256 when nothing else names it, for `discard_file` once the transaction is in."""
    old = row.sha256
    if old == digest:
        return None
    row.sha256, row.size = digest, size
    _changed(session, actor, dossier, digest, size,
             {"file": row.file_name, "document": row.document_code, "reason": reason})
    if session.scalar(select(Attachment.id).where(Attachment.sha256 == old).limit(1)) is not None:
        return None
    session.execute(update(OutboxItem).where(
        OutboxItem.kind == outbox.FILE, OutboxItem.item_key == old, OutboxItem.state == outbox.PENDING,
    ).values(state=outbox.SUPERSEDED))
    return old


def discard_file(store: Store, sha256: str | None) -> None:
    """Removes a file that no attachment names any more; one left behind (a crash, a file in use)
    is harmless and is reused if the same content comes again."""
    if sha256 is None:
        return
    with store.read() as session:
        if session.scalar(select(Attachment.id).where(Attachment.sha256 == sha256).limit(1)) is not None:
            return
    with contextlib.suppress(OSError):
        attachment_path(store, sha256).unlink(missing_ok=True)


def _changed(session: Session, actor: Actor, dossier: Dossier, digest: str, size: int,
             details: dict[str, Any]) -> None:
    dossier.version += 1
    audit.record(session, actor, "dossier.attach", dossier.code, {"sha256": digest, **details})
    outbox.enqueue(session, outbox.FILE, digest, {"sha256": digest, "size": size})
    session.flush()
    queue_for_province(session, dossier, None)


def attach(store: Store, actor: Actor, code: str, content: bytes, file_name: str,
           media_type: str, document_code: str | None = None, pages: int = 0) -> Attached:
    """Add a file to a dossier; the province gets the file and the dossier's new version."""
    require(actor, "dossier.attach")
    if not content:
        raise DomainError(_("Tệp rỗng, không đính kèm được."))
    digest = keep_file(store, content)
    with store.write() as session:
        dossier = load_dossier(session, code)
        check_paper(dossier, document_code)
        already = session.scalar(select(Attachment.id).where(
            Attachment.dossier_id == dossier.id, Attachment.sha256 == digest))
        if already is None:
            add_attachment(session, actor, dossier, digest, len(content), file_name, media_type,
                           document_code, pages)
        return Attached(dossier.code, digest, len(content), dossier.version,
                        NOTHING if already is not None else of_dossier(dossier.code))


def check_paper(dossier: Dossier, document_code: str | None) -> None:
    """The paper code must be one of the dossier's procedure's checklist."""
    if document_code is not None and document_code not in {
            d.code for d in dossier.procedure.documents}:
        raise DomainError(_("Giấy tờ “{0}” không thuộc thủ tục của hồ sơ.").format(
            document_code), field="document_code")


def check_papers(store: Store, code: str, document_codes: Iterable[str | None]) -> None:
    """Every paper code one of the dossier's procedure's checklist, checked before any is attached."""
    with store.read() as session:
        dossier = load_dossier(session, code)
        for document_code in document_codes:
            check_paper(dossier, document_code)
