"""The audit log in words a supervisor reads: people by their full names, actions and statuses by
their names, details as "Từ: … · Sang: …" instead of raw data, times as dd/mm/yyyy HH:mm."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from onestop import audit
from onestop.audit import AuditFilter, AuditRow
from onestop.i18n import N_, _
from onestop.lifecycle import lifecycle
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.store.models import User
from onestop.workdays import LOCAL_ZONE

_DETAIL_NAMES = {
    "from": N_("Từ"), "to": N_("Sang"), "note": N_("Ghi chú"), "procedure": N_("Thủ tục"),
    "status": N_("Trạng thái"), "missing": N_("Còn thiếu"), "old": N_("Trước"), "new": N_("Sau"),
    "reason": N_("Lý do"), "file": N_("Tệp"), "document": N_("Giấy tờ"), "job": N_("Lệnh in"),
    "printer": N_("Máy in"), "copies": N_("Số bản"), "rows": N_("Số dòng"), "roles": N_("Vai trò"),
    "counter": N_("Quầy"), "dossiers": N_("Số hồ sơ"), "files": N_("Số tệp"), "kind": N_("Loại"),
    "procedures": N_("Số thủ tục"), "created_at": N_("Tạo lúc"), "made_by": N_("Người tạo"),
}
# fingerprints identify a file for the chain check; a person reads the file's name instead
_UNREAD = frozenset({"sha256"})


@dataclass(frozen=True)
class ReadableEntry:
    number: int
    at: str
    person: str
    action: str
    subject: str
    details: str


def readable_entries(store: Store, actor: Actor, wanted: AuditFilter,
                     limit: int) -> list[ReadableEntry]:
    with store.read() as session:
        rows = audit.entries_in(session, actor, wanted, limit)
        names = {u: n for u, n in session.execute(select(User.username, User.full_name))}
    return [_readable(row, names) for row in rows]


def format_audit_time(moment: datetime | None) -> str:
    return moment.astimezone(LOCAL_ZONE).strftime("%d/%m/%Y %H:%M") if moment else "?"


def _readable(row: AuditRow, names: dict[str, str]) -> ReadableEntry:
    person = f"{names[row.actor]} ({row.actor})" if row.actor in names else row.actor
    return ReadableEntry(row.id, format_audit_time(row.at), person, audit.action_name(row.action),
                         row.subject, _in_words(row.details))


def _in_words(details: Any) -> str:
    if isinstance(details, dict):
        return " · ".join(f"{_(_DETAIL_NAMES[k]) if k in _DETAIL_NAMES else k}: {_in_words(v)}"
                          for k, v in details.items() if k not in _UNREAD)
    if isinstance(details, list):
        return ", ".join(_in_words(v) for v in details) or "—"
    if details is None or details == "":
        return "—"
    if isinstance(details, bool):
        return _("có") if details else _("không")
    if isinstance(details, str):
        return _value_in_words(details)
    return str(details)


def _value_in_words(value: str) -> str:
    statuses = lifecycle().statuses
    if value in statuses:
        return _(statuses[value].name)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return format_audit_time(moment) if moment.tzinfo else value
