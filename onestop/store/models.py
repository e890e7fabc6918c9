"""The counter's tables. Services read and write them in short sessions and hand out plain records."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from onestop.store.types import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Procedure(Base):
    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text)
    field_code: Mapped[str | None] = mapped_column(String(40))
    field_name: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    duration_unit: Mapped[str] = mapped_column(String(20))
    duration_value: Mapped[int | None] = mapped_column(Integer)
    cutoff: Mapped[str | None] = mapped_column(String(5))
    wire: Mapped[dict[str, Any]] = mapped_column(JSON)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    fees: Mapped[list["ProcedureFee"]] = relationship(
        cascade="all, delete-orphan", order_by="ProcedureFee.position"
    )
    documents: Mapped[list["ProcedureDocument"]] = relationship(
        cascade="all, delete-orphan", order_by="ProcedureDocument.position"
    )


class ProcedureFee(Base):
    __tablename__ = "procedure_fees"
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Integer)


class ProcedureDocument(Base):
    __tablename__ = "procedure_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(Integer)
    copies: Mapped[int] = mapped_column(Integer)
    mandatory: Mapped[bool] = mapped_column(Boolean)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    roles: Mapped[str] = mapped_column(String(200))
    counter_code: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(5), default="vi")
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()


class Applicant(Base):
    """The applicant as one dossier received them: each dossier has its own row, so a later intake
    with the same ID number never rewrites an earlier dossier."""

    __tablename__ = "applicants"
    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str | None] = mapped_column(String(12), index=True)
    old_id_number: Mapped[str | None] = mapped_column(String(9))
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    id_issued_on: Mapped[date | None] = mapped_column(Date)
    # read from the ID card's chip, whose signature proved the card genuine
    genuine_chip: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class DailySequence(Base):
    """Next dossier number per agency and day; a start of its own for each standalone counter."""

    __tablename__ = "daily_sequences"
    agency_code: Mapped[str] = mapped_column(String(35), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    start: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer)


class BookSequence(Base):
    """Tracking-book entry numbers: one volume per agency and year."""

    __tablename__ = "book_sequences"
    agency_code: Mapped[str] = mapped_column(String(35), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer)


class Dossier(Base):
    __tablename__ = "dossiers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    agency_code: Mapped[str] = mapped_column(String(35))
    counter_code: Mapped[str | None] = mapped_column(String(20))
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"))
    status: Mapped[str] = mapped_column(String(30))
    channel: Mapped[int] = mapped_column(Integer, default=1)
    result_delivery: Mapped[str] = mapped_column(String(20), default="counter")
    sets: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str] = mapped_column(Text, default="")
    fees_total: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column()
    counting_from: Mapped[datetime] = mapped_column()
    due_at: Mapped[datetime | None] = mapped_column()
    paused_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    returned_at: Mapped[datetime | None] = mapped_column()
    book_year: Mapped[int] = mapped_column(Integer)
    book_entry: Mapped[int] = mapped_column(Integer)
    received_by: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer, default=1)
    province_version: Mapped[int] = mapped_column(Integer, default=0)
    search_text: Mapped[str] = mapped_column(Text, default="")
    corrected_at: Mapped[datetime | None] = mapped_column()
    applicant: Mapped[Applicant] = relationship()
    procedure: Mapped[Procedure] = relationship()
    documents: Mapped[list["DossierDocument"]] = relationship(
        cascade="all, delete-orphan", order_by="DossierDocument.position"
    )
    fees: Mapped[list["DossierFee"]] = relationship(
        cascade="all, delete-orphan", order_by="DossierFee.position"
    )
    history: Mapped[list["StatusChange"]] = relationship(order_by="StatusChange.id")

    __table_args__ = (
        Index("ix_dossiers_received_at", "received_at"),
        Index("ix_dossiers_status_due", "status", "due_at"),
        Index("ix_dossiers_applicant", "applicant_id", unique=True),
        Index("ix_dossiers_procedure", "procedure_code", "received_at"),
        UniqueConstraint("book_year", "agency_code", "book_entry", name="uq_dossiers_book_entry"),
    )


class DossierDocument(Base):
    __tablename__ = "dossier_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(Integer)
    copies: Mapped[int] = mapped_column(Integer)


class DossierFee(Base):
    __tablename__ = "dossier_fees"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Integer)


class Attachment(Base):
    """A file handed in or scanned, kept in the content-addressed folder beside the store."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    document_code: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column()
    added_by: Mapped[str] = mapped_column(String(60))


class StatusChange(Base):
    __tablename__ = "status_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(60))
    actor_title: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="counter")


class AuditEntry(Base):
    """The audit log: a hash chain, each row sealing the one before it."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(100), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (Index("ix_audit_subject", "subject"),)


class AuditHead(Base):
    """One row that writers lock, so the chain grows in one line on a shared server."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class OutboxItem(Base):
    """What waits for the province. The payload is frozen at commit so a retry sends the same body."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    item_key: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column()
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[str | None] = mapped_column(String(36))
    sent_at: Mapped[datetime | None] = mapped_column()
    __table_args__ = (
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
        Index("ix_outbox_key", "kind", "item_key"),
    )


class SyncCursor(Base):
    __tablename__ = "sync_cursors"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    cursor: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column()


class CalendarDay(Base):
    """A declared day off (Nghi) or a swapped working day (LamBu), entered or pulled."""

    __tablename__ = "calendar_days"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="supervisor")


class PrintJob(Base):
    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    printer: Mapped[str] = mapped_column(Text)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    requested_by: Mapped[str] = mapped_column(String(60))
