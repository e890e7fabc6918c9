"""Digitised copies of a dossier's papers: kept at once, read (OCR) in the background, signed
when the officer's token is at hand.

Saving a copy never waits for OCR: the copy is kept and waits for a reader. A reader claims one copy
at a time; a claim that is not finished within the lease (the program stopped, the machine went
down) is taken up again by the next reader, so reading resumes after a restart. A copy whose
reading or signing failed keeps its file and says why, and is tried again.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, table
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from onestop.attachments import (
    add_attachment,
    attachment_path,
    check_paper,
    discard_file,
    keep_file,
    replace_file,
)
from onestop.dossiers import load_dossier
from onestop.errors import Conflict, DomainError, NotFound
from onestop.i18n import _
from onestop.roles import SYSTEM, Actor, require
from onestop.store.digitised_models import SIGNED as SIGNED
from onestop.store.digitised_models import SIGNING_FAILED as SIGNING_FAILED
from onestop.store.digitised_models import UNSIGNED, DigitisedCopy
from onestop.store.engine import Store
from onestop.store.models import Applicant, Attachment, Dossier
from onestop.text import clean, fold
from onestop.workdays import LOCAL_ZONE

PDF = "application/pdf"
WAITING, READING, READ, FAILED = "waiting", "reading", "read", "failed"
MAX_READING_ATTEMPTS = 3
READING_LEASE = timedelta(minutes=15)
_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class PaperFacts:
    """What a copy's metadata says it is a copy of."""

    dossier_code: str
    procedure_code: str
    paper_code: str
    paper_name: str
    applicant_id_number: str


@dataclass(frozen=True)
class CopyState:
    dossier_code: str
    document_code: str
    sha256: str
    file_name: str
    pages: int
    digitised_by: str
    digitised_at: datetime
    ocr_state: str
    ocr_error: str
    sign_state: str
    sign_error: str
    signer_name: str
    signer_organisation: str
    signer_serial: str
    signed_at: datetime | None
    signature_standard: str


@dataclass(frozen=True)
class CopyToRead:
    copy_id: int
    dossier_code: str
    document_code: str
    sha256: str
    path: Path


@dataclass(frozen=True)
class CopyToSign:
    copy_id: int
    dossier_code: str
    document_code: str
    sha256: str
    path: Path


@dataclass(frozen=True)
class ReadingProgress:
    waiting: int
    reading: int
    read: int
    failed: int


@dataclass(frozen=True)
class PaperMatch:
    dossier_code: str
    document_code: str
    applicant_name: str
    excerpt: str


def _state(copy: DigitisedCopy, attachment: Attachment, dossier_code: str) -> CopyState:
    return CopyState(
        dossier_code, copy.document_code, attachment.sha256, attachment.file_name, copy.pages,
        copy.digitised_by, copy.digitised_at, copy.ocr_state, copy.ocr_error, copy.sign_state,
        copy.sign_error, copy.signer_name, copy.signer_organisation, copy.signer_serial,
        copy.signed_at, copy.signature_standard)


def paper_facts(store: Store, actor: Actor, dossier_code: str, document_code: str) -> PaperFacts:
    """The dossier's and the paper's facts for a copy about to be made; the paper must be on the
    dossier's checklist."""
    require(actor, "dossier.attach")
    with store.read() as session:
        dossier = load_dossier(session, dossier_code)
        check_paper(dossier, document_code)
        name = next(d.name for d in dossier.procedure.documents if d.code == document_code)
        return PaperFacts(dossier.code, dossier.procedure_code, document_code, name,
                          dossier.applicant.id_number or "")


def _made_anew(copy: DigitisedCopy, pages: int, actor: Actor, now: datetime) -> None:
    copy.pages, copy.digitised_by, copy.digitised_at = pages, actor.username, now
    copy.ocr_state, copy.ocr_attempts, copy.ocr_claimed_at, copy.ocr_error = WAITING, 0, None, ""
    copy.ocr_text = copy.ocr_text_folded = ""
    copy.sign_state, copy.sign_error = UNSIGNED, ""
    copy.signer_name = copy.signer_organisation = copy.signer_serial = copy.signature_standard = ""
    copy.signed_at = None


def keep_copy(store: Store, actor: Actor, dossier_code: str, document_code: str, content: bytes,
              pages: int) -> CopyState:
    """Keeps a paper's new digitised copy (a copy made again replaces the paper's earlier copy,
    a first copy the paper's scan filed at the counter); the copy waits for OCR and for a
    signature."""
    require(actor, "dossier.attach")
    if not content:
        raise DomainError(_("Tệp rỗng, không đính kèm được."))
    digest = keep_file(store, content)
    now = datetime.now(UTC)
    replaced = None
    with store.write() as session:
        dossier = load_dossier(session, dossier_code)
        check_paper(dossier, document_code)
        copy = session.scalar(select(DigitisedCopy).where(
            DigitisedCopy.dossier_id == dossier.id, DigitisedCopy.document_code == document_code))
        scanned = None if copy is not None else _plain_scan(session, dossier, document_code)
        if scanned is not None:
            # the paper's scan filed at the counter becomes its copy: one file per paper
            copy = DigitisedCopy(dossier_id=dossier.id, attachment_id=scanned.id,
                                 document_code=document_code)
            _made_anew(copy, pages, actor, now)
            session.add(copy)
            session.flush()
            attachment = scanned
            replaced = replace_file(session, actor, dossier, attachment, digest, len(content),
                                    "digitised")
            attachment.pages, attachment.media_type = pages, PDF
        elif copy is None:
            made = DigitisedCopy(dossier_id=dossier.id, document_code=document_code)
            _made_anew(made, pages, actor, now)

            def described(row: Attachment) -> None:
                # the copy goes in first: the dossier's first version with it names who digitised it
                made.attachment_id = row.id
                session.add(made)
                session.flush()

            attachment = add_attachment(session, actor, dossier, digest, len(content),
                                        f"{document_code}.pdf", PDF, document_code, pages, described)
            copy = made
        else:
            # the copy is made anew first: the dossier's new version must not carry the old signer
            _made_anew(copy, pages, actor, now)
            session.flush()
            attachment = session.get_one(Attachment, copy.attachment_id)
            replaced = replace_file(session, actor, dossier, attachment, digest, len(content),
                                    "digitised again")
            attachment.pages = pages
        session.flush()
        state = _state(copy, attachment, dossier.code)
    discard_file(store, replaced)
    return state


def _plain_scan(session: Session, dossier: Dossier, document_code: str) -> Attachment | None:
    """The paper's newest attachment that is not yet a digitised copy."""
    copied = select(DigitisedCopy.attachment_id).where(DigitisedCopy.dossier_id == dossier.id)
    return session.scalars(select(Attachment).where(
        Attachment.dossier_id == dossier.id, Attachment.document_code == document_code,
        Attachment.id.not_in(copied)).order_by(Attachment.id.desc()).limit(1)).first()


def dossier_copies(store: Store, actor: Actor, dossier_code: str) -> list[CopyState]:
    require(actor, "dossier.read")
    with store.read() as session:
        dossier = load_dossier(session, dossier_code)
        rows = session.execute(
            select(DigitisedCopy, Attachment).join(Attachment, DigitisedCopy.attachment_id == Attachment.id)
            .where(DigitisedCopy.dossier_id == dossier.id).order_by(DigitisedCopy.id))
        return [_state(copy, attachment, dossier.code) for copy, attachment in rows]


def copy_file(store: Store, state: CopyState) -> Path:
    return attachment_path(store, state.sha256)


# reading (OCR)

def _readable(now: datetime) -> ColumnElement[bool]:
    stale = now - READING_LEASE
    return or_(
        DigitisedCopy.ocr_state == WAITING,
        and_(DigitisedCopy.ocr_state == FAILED, DigitisedCopy.ocr_attempts < MAX_READING_ATTEMPTS),
        and_(DigitisedCopy.ocr_state == READING, DigitisedCopy.ocr_claimed_at < stale),
    )


def claim_for_reading(store: Store, skip: frozenset[int] = frozenset()) -> CopyToRead | None:
    """The oldest copy waiting for OCR, marked as being read; None when nothing waits.
    `skip` leaves out copies this reader already failed on in its run."""
    now = datetime.now(UTC)
    with store.write() as session:
        query = (select(DigitisedCopy, Attachment.sha256, Dossier.code)
                 .join(Attachment, DigitisedCopy.attachment_id == Attachment.id)
                 .join(Dossier, DigitisedCopy.dossier_id == Dossier.id)
                 .where(_readable(now)).order_by(DigitisedCopy.id).limit(1)
                 # two readers on a shared server each take a different copy
                 .with_for_update(skip_locked=True, of=DigitisedCopy))
        if skip:
            query = query.where(DigitisedCopy.id.not_in(skip))
        found = session.execute(query).first()
        if found is None:
            return None
        copy, sha256, code = found
        copy.ocr_state, copy.ocr_claimed_at = READING, now
        copy.ocr_attempts += 1
        return CopyToRead(copy.id, code, copy.document_code, sha256, attachment_path(store, sha256))


def _claimed(session: Session, claim: CopyToRead) -> tuple[DigitisedCopy, Attachment] | None:
    copy = session.get(DigitisedCopy, claim.copy_id)
    if copy is None or copy.ocr_state != READING:
        return None
    return copy, session.get_one(Attachment, copy.attachment_id)


def finish_reading(store: Store, claim: CopyToRead, text: str, with_text: bytes | None) -> bool:
    """Stores the text read, and the copy with its text layer when the copy is still the one
    read and not signed (a signature covers the file as it was). False when the copy was made
    again meanwhile; the newer copy waits for its own reading."""
    digest = keep_file(store, with_text) if with_text else None
    replaced, used = None, False
    with store.write() as session:
        claimed = _claimed(session, claim)
        if claimed is not None and claimed[1].sha256 == claim.sha256:
            copy, attachment = claimed
            copy.ocr_state, copy.ocr_error, copy.ocr_claimed_at = READ, "", None
            copy.ocr_text = "\n".join(clean(line) for line in text.splitlines() if line.strip())
            copy.ocr_text_folded = fold(copy.ocr_text)
            if digest is not None and with_text is not None and copy.sign_state != SIGNED:
                dossier = session.get_one(Dossier, copy.dossier_id)
                replaced = replace_file(session, SYSTEM, dossier, attachment, digest, len(with_text),
                                        "text layer")
            used = True
    discard_file(store, replaced)
    if digest is not None and replaced is None:
        discard_file(store, digest)
    return used


def fail_reading(store: Store, claim: CopyToRead, reason: str) -> None:
    with store.write() as session:
        claimed = _claimed(session, claim)
        if claimed is not None:
            copy = claimed[0]
            copy.ocr_state, copy.ocr_error, copy.ocr_claimed_at = FAILED, reason[:500], None


def release_claim(store: Store, claim: CopyToRead) -> None:
    """A reader stopped (paused) before it finished: the copy waits again, the try not counted."""
    with store.write() as session:
        claimed = _claimed(session, claim)
        if claimed is not None:
            copy = claimed[0]
            copy.ocr_state, copy.ocr_claimed_at = WAITING, None
            copy.ocr_attempts = max(0, copy.ocr_attempts - 1)


def reading_progress(store: Store) -> ReadingProgress:
    with store.read() as session:
        counts = dict(session.execute(select(DigitisedCopy.ocr_state, func.count())
                                      .group_by(DigitisedCopy.ocr_state)).all())
    return ReadingProgress(counts.get(WAITING, 0), counts.get(READING, 0), counts.get(READ, 0),
                           counts.get(FAILED, 0))


# signing

def copies_to_sign(store: Store, actor: Actor, dossier_code: str) -> list[CopyToSign]:
    """The dossier's copies that wait for a signature, OCR done (or given up on): a signature
    seals the file, so a text layer cannot be added after it."""
    require(actor, "dossier.attach")
    with store.read() as session:
        dossier = load_dossier(session, dossier_code)
        rows = session.execute(
            select(DigitisedCopy, Attachment.sha256)
            .join(Attachment, DigitisedCopy.attachment_id == Attachment.id)
            .where(DigitisedCopy.dossier_id == dossier.id, DigitisedCopy.sign_state != SIGNED)
            .order_by(DigitisedCopy.id))
        waiting = []
        for copy, sha256 in rows:
            if copy.ocr_state in (WAITING, READING) or (
                    copy.ocr_state == FAILED and copy.ocr_attempts < MAX_READING_ATTEMPTS):
                continue
            waiting.append(CopyToSign(copy.id, dossier.code, copy.document_code, sha256,
                                      attachment_path(store, sha256)))
        return waiting


def record_signature(store: Store, actor: Actor, paper: CopyToSign, signed: bytes, signer_name: str,
                     signer_organisation: str, signer_serial: str, signed_at: datetime,
                     standard: str) -> CopyState:
    """The signed file replaces the copy, with who signed it and when, in one transaction."""
    require(actor, "dossier.attach")
    digest = keep_file(store, signed)
    try:
        with store.write() as session:
            copy = session.get(DigitisedCopy, paper.copy_id)
            if copy is None:
                raise NotFound(_("Không thấy bản số hóa của giấy tờ “{0}”.").format(paper.document_code))
            attachment = session.get_one(Attachment, copy.attachment_id)
            if attachment.sha256 != paper.sha256:
                raise Conflict(_("Bản số hóa của giấy tờ “{0}” vừa thay đổi; hãy ký lại.").format(
                    paper.document_code))
            dossier = session.get_one(Dossier, copy.dossier_id)
            # the signer goes in first: the dossier's new version for the province carries it
            copy.sign_state, copy.sign_error = SIGNED, ""
            copy.signer_name, copy.signer_organisation = clean(signer_name), clean(signer_organisation)
            copy.signer_serial, copy.signed_at, copy.signature_standard = signer_serial, signed_at, standard
            session.flush()
            replaced = replace_file(session, actor, dossier, attachment, digest, len(signed), "signed")
            state = _state(copy, attachment, dossier.code)
    except DomainError:
        discard_file(store, digest)
        raise
    discard_file(store, replaced)
    return state


def record_signing_failure(store: Store, actor: Actor, paper: CopyToSign, reason: str) -> None:
    require(actor, "dossier.attach")
    with store.write() as session:
        copy = session.get(DigitisedCopy, paper.copy_id)
        if copy is not None and copy.sign_state != SIGNED:
            copy.sign_state, copy.sign_error = SIGNING_FAILED, reason[:500]


def caption(state: CopyState) -> str:
    """What the dossier shows for the copy."""
    if state.sign_state == SIGNED and state.signed_at is not None:
        return signed_caption(state.signer_name, state.signed_at)
    if state.sign_state == SIGNING_FAILED:
        return _("Ký số không thành công: {0}").format(state.sign_error)
    return _("Chưa ký số")


def signed_caption(signer: str, signed_at: datetime) -> str:
    when = signed_at.astimezone(LOCAL_ZONE).strftime("%d/%m/%Y %H:%M")
    return _("Đã số hóa, ký số bởi {signer} lúc {when}").format(signer=signer, when=when)


# search

def find_by_paper_text(store: Store, actor: Actor, text: str, limit: int = 50) -> list[PaperMatch]:
    """Papers whose text has a word starting with each word typed, the newest copies first; case
    and diacritics ignored (đ → d), as in the dossier search."""
    require(actor, "dossier.read")
    words = _WORD.findall(fold(clean(text)))
    if not words:
        return []
    with store.read() as session:
        query = (select(Dossier.code, DigitisedCopy.document_code, Applicant.full_name,
                        DigitisedCopy.ocr_text, DigitisedCopy.ocr_text_folded)
                 .join(Dossier, DigitisedCopy.dossier_id == Dossier.id)
                 .join(Applicant, Dossier.applicant_id == Applicant.id)
                 .where(_has_words(session, words, limit))
                 .order_by(DigitisedCopy.id.desc()).limit(limit))
        return [PaperMatch(code, document, name, _excerpt(original, folded, words[0]))
                for code, document, name, original, folded in session.execute(query)]


def _has_words(session: Session, words: list[str], limit: int) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "sqlite":
        # newest copies first by rowid lets FTS5 stop after `limit` matches of common words
        match = " ".join(f'"{word}"*' for word in words)
        ids: Select[Any] = (select(literal_column("rowid")).select_from(table("paper_text_search"))
                            .where(sql_text("paper_text_search MATCH :q").bindparams(q=match))
                            .order_by(literal_column("rowid").desc()).limit(limit))
        return DigitisedCopy.id.in_(ids)
    return func.to_tsvector("simple", DigitisedCopy.ocr_text_folded).bool_op("@@")(
        func.to_tsquery("simple", " & ".join(f"{word}:*" for word in words)))


def _excerpt(original: str, folded: str, word: str, around: int = 60) -> str:
    """The text around the first word found; folding keeps most positions, so the excerpt is
    cut from the original at about the same place."""
    at = folded.find(word)
    flat = " ".join(original.split())
    start = max(0, at - around)
    return flat[start:at + len(word) + around].strip()
