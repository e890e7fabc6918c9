"""Who collected a dossier's result, when, and the fees taken as it was handed over."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.models import Base

BY_APPLICANT, BY_AUTHORISED = "applicant", "authorised"


class ResultReturn(Base):
    """One result handed over at the counter; a dossier's result is handed over once."""

    __tablename__ = "result_returns"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    returned_at: Mapped[datetime] = mapped_column()
    returned_by: Mapped[str] = mapped_column(String(60))
    collector: Mapped[str] = mapped_column(String(20))
    collector_name: Mapped[str] = mapped_column(String(100))
    collector_id_number: Mapped[str | None] = mapped_column(String(12))
    relation: Mapped[str] = mapped_column(String(100), default="")
    fees_collected: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_result_returns_returned_at", "returned_at"),)
