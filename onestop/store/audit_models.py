"""What keeps the audit chain honest beside its rows: which key seals it, from which row on, the
keyed seal of its head, and the last head the province acknowledged."""

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.models import Base


class AuditSeal(Base):
    __tablename__ = "audit_seal"
    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32))
    keyed_from: Mapped[int] = mapped_column(Integer)
    head_seal: Mapped[str] = mapped_column(String(64))
    anchored_rows: Mapped[int] = mapped_column(Integer, default=0)
    anchored_digest: Mapped[str] = mapped_column(String(64), default="")
    anchored_at: Mapped[datetime | None] = mapped_column()
    anchored_seal: Mapped[str] = mapped_column(String(64), default="")
