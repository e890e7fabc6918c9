"""A citizen's rating of the service at the counter: four levels, optional reasons from a list and
a comment, tied to the dossier, the ticket and the officer, and queued for the province."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from onestop import audit, outbox
from onestop.errors import Conflict, DomainError, NotFound
from onestop.i18n import N_, _
from onestop.outbox import RATING
from onestop.queue import CALLED, ticket_by_uid, tied_dossier
from onestop.queue_wire import rating_record
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Dossier
from onestop.store.queue_models import QueueRating
from onestop.text import clean

VERY_SATISFIED, SATISFIED, NEUTRAL, NOT_SATISFIED = 4, 3, 2, 1
LEVELS = {
    VERY_SATISFIED: N_("Rất hài lòng"),
    SATISFIED: N_("Hài lòng"),
    NEUTRAL: N_("Bình thường"),
    NOT_SATISFIED: N_("Không hài lòng"),
}
REASONS = {
    "cho_lau": N_("Phải chờ lâu"),
    "thai_do": N_("Thái độ phục vụ chưa tốt"),
    "huong_dan": N_("Hướng dẫn chưa rõ ràng"),
    "giay_to": N_("Yêu cầu giấy tờ không cần thiết"),
    "hen_tra": N_("Thời hạn hẹn trả quá dài"),
    "noi_cho": N_("Nơi chờ chưa tiện nghi"),
}
COMMENT_LIMIT = 500


@dataclass(frozen=True)
class RatingRecord:
    uid: str
    level: int
    level_name: str
    reasons: tuple[str, ...]
    comment: str
    officer: str
    ticket: str | None
    dossier_code: str | None
    at: datetime


def rate(store: Store, actor: Actor, level: int, reasons: Sequence[str] = (), comment: str = "",
         ticket_uid: str | None = None, dossier_code: str | None = None,
         at: datetime | None = None) -> RatingRecord:
    """Record the rating the citizen gave at the officer's counter."""
    require(actor, "dossier.receive")
    if level not in LEVELS:
        raise DomainError(_("Mức đánh giá phải từ 1 (không hài lòng) đến 4 (rất hài lòng)."),
                          field="level")
    unknown = [r for r in reasons if r not in REASONS]
    if unknown:
        raise DomainError(_("Lý do “{0}” không có trong danh sách.").format(", ".join(unknown)),
                          field="reasons")
    comment = clean(comment)
    if len(comment) > COMMENT_LIMIT:
        raise DomainError(_("Góp ý dài quá {0} ký tự.").format(COMMENT_LIMIT), field="comment")
    at = at or datetime.now(UTC)
    with store.write() as session:
        ticket = ticket_by_uid(session, ticket_uid) if ticket_uid else None
        if ticket is not None and session.scalar(
                select(QueueRating.id).where(QueueRating.ticket_id == ticket.id)) is not None:
            raise Conflict(_("Lượt phục vụ số {0} đã được đánh giá.").format(ticket.label))
        code = clean(dossier_code).upper() if dossier_code else None
        if code is None and ticket is not None:
            # Rated before the visit ended: the dossier received since the call is the one rated.
            code = ticket.dossier_code or (tied_dossier(session, ticket, actor)[1]
                                           if ticket.state == CALLED else None)
        procedure = None
        if code:
            procedure = session.scalar(select(Dossier.procedure_code).where(Dossier.code == code))
            if procedure is None:
                raise NotFound(_("Không tìm thấy hồ sơ mã “{0}”.").format(code), field="code")
        rating = QueueRating(uid=str(uuid.uuid4()), ticket_id=ticket.id if ticket else None,
                             dossier_code=code, procedure_code=procedure, officer=actor.username,
                             officer_name=actor.full_name, level=level,
                             reasons=list(dict.fromkeys(reasons)), comment=comment, channel=1,
                             at=at)
        session.add(rating)
        session.flush()
        label = ticket.label if ticket else ""
        audit.record(session, actor, "queue.rate", code or label,
                     {"rating": rating.uid, "level": level, "ticket": label}, at=at)
        outbox.enqueue(session, RATING, rating.uid, rating_record(rating, label))
        return RatingRecord(rating.uid, level, _(LEVELS[level]), tuple(rating.reasons), comment,
                            actor.username, label or None, code, at)
