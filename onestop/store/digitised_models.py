"""The digitised copy of each checklist paper: its file (an attachment), its text, its signature."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.models import Base

UNSIGNED, SIGNED, SIGNING_FAILED = "unsigned", "signed", "failed"


class DigitisedCopy(Base):
    """One paper of a dossier's checklist as a digitised copy. The attachment row carries the
    current file: the copy as made, then with its text layer, then signed."""

    __tablename__ = "digitised_copies"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), unique=True)
    document_code: Mapped[str] = mapped_column(String(100))
    pages: Mapped[int] = mapped_column(Integer)
    digitised_by: Mapped[str] = mapped_column(String(60))
    digitised_at: Mapped[datetime] = mapped_column()
    ocr_state: Mapped[str] = mapped_column(String(20))
    ocr_attempts: Mapped[int] = mapped_column(Integer, default=0)
    ocr_claimed_at: Mapped[datetime | None] = mapped_column()
    ocr_error: Mapped[str] = mapped_column(Text, default="")
    ocr_text: Mapped[str] = mapped_column(Text, default="")
    ocr_text_folded: Mapped[str] = mapped_column(Text, default="")
    sign_state: Mapped[str] = mapped_column(String(20))
    sign_error: Mapped[str] = mapped_column(Text, default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_organisation: Mapped[str] = mapped_column(String(300), default="")
    signer_serial: Mapped[str] = mapped_column(String(80), default="")
    signed_at: Mapped[datetime | None] = mapped_column()
    signature_standard: Mapped[str] = mapped_column(String(20), default="")
    __table_args__ = (
        UniqueConstraint("dossier_id", "document_code", name="uq_digitised_copies_paper"),
        Index("ix_digitised_copies_ocr", "ocr_state", "id"),
    )
