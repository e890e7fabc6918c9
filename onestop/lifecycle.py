"""A dossier's lifecycle, read from resources/lifecycle.json: statuses, allowed moves and who may
make them, and the national status codes. Overdue and early / on time / late are derived here."""

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from onestop.errors import Conflict, DomainError, NotAllowed
from onestop.i18n import N_, _
from onestop.resources import resource_path
from onestop.roles import Actor
from onestop.workdays import LOCAL_ZONE

EARLY, ON_TIME, LATE = "early", "on_time", "late"

# The status names shipped in resources/lifecycle.json, marked here so that the catalog
# carries them; a name a province adds later shows as written until it is translated.
SHIPPED_STATUS_NAMES = (
    N_("Đã tiếp nhận"),
    N_("Đang giải quyết"),
    N_("Yêu cầu bổ sung hồ sơ"),
    N_("Chờ thực hiện nghĩa vụ tài chính"),
    N_("Đã có kết quả"),
    N_("Đã trả kết quả"),
    N_("Từ chối tiếp nhận"),
    N_("Rút hồ sơ theo yêu cầu"),
    N_("Dừng giải quyết"),
)


@dataclass(frozen=True)
class Status:
    code: str
    national: int
    name: str
    final: bool
    pauses_clock: bool
    finishes: bool


@dataclass(frozen=True)
class Move:
    from_status: str
    to_status: str
    roles: frozenset[str]
    needs_note: bool


@dataclass(frozen=True)
class Lifecycle:
    statuses: dict[str, Status]
    initial: tuple[str, ...]
    moves: dict[tuple[str, str], Move]

    def status(self, code: str) -> Status:
        try:
            return self.statuses[code]
        except KeyError:
            raise DomainError(_("Trạng thái “{0}” không có trong quy trình.").format(code)) from None

    def by_national(self, national: int) -> Status | None:
        return next((s for s in self.statuses.values() if s.national == national), None)

    def next_statuses(self, current: str, actor: Actor) -> list[str]:
        return [to for (fr, to), move in self.moves.items()
                if fr == current and actor.roles & move.roles]

    def check_move(self, current: str, target: str, actor: Actor, note: str) -> Move:
        self.status(target)
        move = self.moves.get((current, target))
        if move is None:
            raise Conflict(_("Không thể chuyển hồ sơ từ “{0}” sang “{1}”.").format(
                _(self.status(current).name), _(self.status(target).name)))
        if not actor.roles & move.roles:
            raise NotAllowed(_("Tài khoản “{0}” không được chuyển hồ sơ sang “{1}”.").format(
                actor.username, _(self.status(target).name)))
        if move.needs_note and not note.strip():
            raise DomainError(_("Cần ghi lý do khi chuyển hồ sơ sang “{0}”.").format(
                _(self.status(target).name)), field="note")
        return move


@cache
def lifecycle() -> Lifecycle:
    data = json.loads(resource_path("lifecycle.json").read_text(encoding="utf-8"))
    statuses = {
        code: Status(code, s["national"], s["name"], s["final"], s.get("pauses_clock", False),
                     s.get("finishes", False))
        for code, s in data["statuses"].items()
    }
    moves = {
        (m["from"], m["to"]): Move(m["from"], m["to"], frozenset(m["roles"]),
                                   m.get("needs_note", False))
        for m in data["transitions"]
    }
    return Lifecycle(statuses, tuple(data["initial"]), moves)


def is_overdue(due_at: datetime | None, finished_at: datetime | None, now: datetime) -> bool:
    """Past its appointment and not finished: derived from the dates, never stored."""
    return due_at is not None and finished_at is None and now > due_at


def timeliness(due_at: datetime | None, finished_at: datetime | None) -> str | None:
    """Early / on time / late for a finished dossier, by the calendar day of the appointment."""
    if finished_at is None or due_at is None:
        return None
    finished_day = finished_at.astimezone(LOCAL_ZONE).date()
    due_day = due_at.astimezone(LOCAL_ZONE).date()
    if finished_day < due_day:
        return EARLY
    return ON_TIME if finished_at <= due_at or finished_day == due_day else LATE
