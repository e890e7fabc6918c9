"""Tables of the province link beside the outbox: changes from the province the counter could not
apply, kept with their reason for a technician to see."""

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from onestop.store.models import Base


class SetAsideChange(Base):
    """A change pulled from the province that the counter could not apply; the cursor moved on."""

    __tablename__ = "province_changes_set_aside"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_code: Mapped[str] = mapped_column(String(100))
    content: Mapped[dict[str, Any]] = mapped_column()  # the change as the province sent it
    reason: Mapped[str] = mapped_column(Text)
    pulled_at: Mapped[datetime] = mapped_column()
