"""The front of house's tables: ticket fields, counters and the fields they serve, tickets, calls
and ratings."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.models import Base


class QueueField(Base):
    """A field (lĩnh vực) a citizen picks at the kiosk; its prefix starts the ticket's label."""

    __tablename__ = "queue_fields"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(3))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class QueueCounter(Base):
    """A counter that calls tickets, and the fields it serves."""

    __tablename__ = "queue_counters"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    number: Mapped[int] = mapped_column(Integer)
    field_codes: Mapped[list[Any]] = mapped_column(JSON)


class QueueNumber(Base):
    """The next ticket number of a day, per field or one for the office (key "*")."""

    __tablename__ = "queue_numbers"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    sequence: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer)


class QueueTicket(Base):
    """One ticket and the visit it becomes: taken, called, served or not present."""

    __tablename__ = "queue_tickets"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    day: Mapped[date] = mapped_column(Date)
    field_code: Mapped[str] = mapped_column(ForeignKey("queue_fields.code"))
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(20))
    taken_at: Mapped[datetime] = mapped_column()
    first_called_at: Mapped[datetime | None] = mapped_column()
    called_at: Mapped[datetime | None] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()
    counter_code: Mapped[str | None] = mapped_column(String(20))
    sent_to: Mapped[str | None] = mapped_column(String(20))
    officer: Mapped[str | None] = mapped_column(String(60))
    dossier_code: Mapped[str | None] = mapped_column(String(60))
    outcome: Mapped[str | None] = mapped_column(String(20))
    __table_args__ = (
        Index("ix_queue_tickets_waiting", "state", "field_code", "id"),
        Index("ix_queue_tickets_day", "day", "field_code"),
        Index("ix_queue_tickets_counter", "counter_code", "state"),
    )


class QueueCall(Base):
    """Each time a number is shown and spoken: what the display announces, in call order."""

    __tablename__ = "queue_calls"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("queue_tickets.id"), index=True)
    counter_code: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column()
    again: Mapped[bool] = mapped_column(Boolean, default=False)


class QueueRating(Base):
    """A citizen's rating of the service, tied to the dossier, the ticket and the officer."""

    __tablename__ = "queue_ratings"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("queue_tickets.id"), index=True)
    dossier_code: Mapped[str | None] = mapped_column(String(60), index=True)
    procedure_code: Mapped[str | None] = mapped_column(String(60))
    officer: Mapped[str] = mapped_column(String(60))
    officer_name: Mapped[str] = mapped_column(String(200))
    level: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[Any]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[int] = mapped_column(Integer, default=1)
    at: Mapped[datetime] = mapped_column(index=True)
