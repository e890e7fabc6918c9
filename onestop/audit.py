"""The audit log: every change that matters and every look at a citizen's personal data,
as a hash chain where each row seals the one before it."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, String, Text, cast, func, select
from sqlalchemy.orm import Session

from onestop.i18n import N_, _
from onestop.roles import Actor, require
from onestop.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64

ACTION_NAMES = {
    "login": N_("Đăng nhập"),
    "login.failed": N_("Đăng nhập sai mật khẩu"),
    "login.refused": N_("Đăng nhập khi tài khoản đang khoá"),
    "user.create": N_("Tạo tài khoản"),
    "user.password": N_("Đổi mật khẩu"),
    "user.reset_password": N_("Đặt lại mật khẩu"),
    "user.disable": N_("Vô hiệu hoá tài khoản"),
    "user.enable": N_("Kích hoạt lại tài khoản"),
    "user.roles": N_("Đổi vai trò, quầy"),
    "dossier.receive": N_("Tiếp nhận hồ sơ"),
    "dossier.view": N_("Xem thông tin công dân"),
    "dossier.transition": N_("Chuyển trạng thái hồ sơ"),
    "dossier.reschedule": N_("Gia hạn hồ sơ"),
    "dossier.attach": N_("Đính kèm tài liệu"),
    "dossier.province_change": N_("Trạng thái từ hệ thống tỉnh"),
    "dossier.province_resend": N_("Gửi lại hồ sơ lên hệ thống tỉnh"),
    "dossier.reprint": N_("In lại phiếu"),
    "catalogue.pull": N_("Nhận danh mục thủ tục từ tỉnh"),
    "province.password": N_("Đổi mật khẩu kết nối tỉnh"),
    "catalogue.import": N_("Nhập danh mục thủ tục"),
    "settings.change": N_("Thay đổi cài đặt"),
    "calendar.declare": N_("Khai báo ngày nghỉ, làm bù"),
    "audit.verify": N_("Kiểm tra toàn vẹn nhật ký"),
    "audit.export": N_("Xuất nhật ký"),
    "backup.create": N_("Sao lưu dữ liệu"),
    "backup.restore": N_("Phục hồi dữ liệu"),
    "backup.passphrase": N_("Lưu mật khẩu sao lưu hằng ngày"),
    "queue.field": N_("Khai báo lĩnh vực lấy số"),
    "queue.counter": N_("Đổi lĩnh vực của quầy gọi số"),
    "queue.take": N_("Lấy số thứ tự"),
    "queue.call": N_("Gọi số"),
    "queue.call_again": N_("Gọi lại số"),
    "queue.send": N_("Chuyển công dân sang quầy khác"),
    "queue.finish": N_("Kết thúc lượt phục vụ"),
    "queue.rate": N_("Công dân đánh giá"),
}

MISSING, CHAIN, CHANGED = "missing", "chain", "changed"


def action_name(action: str) -> str:
    return _(ACTION_NAMES[action]) if action in ACTION_NAMES else action


def _seal(entry_id: int, at: datetime, actor: str, action: str, subject: str,
          details: Any, prev_hash: str) -> str:
    body = json.dumps(
        [entry_id, at.astimezone(UTC).isoformat(timespec="microseconds"), actor, action, subject,
         details, prev_hash],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(session: Session, actor: Actor, action: str, subject: str = "",
           details: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    """Add one row to the chain, inside the caller's transaction."""
    head = session.execute(select(AuditHead).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS)
        session.add(head)
    at = at or datetime.now(UTC)
    details = details or {}
    entry_id = head.last_id + 1
    digest = _seal(entry_id, at, actor.username, action, subject, details, head.last_hash)
    session.add(AuditEntry(id=entry_id, at=at, actor=actor.username, action=action,
                           subject=subject, details=details, prev_hash=head.last_hash,
                           hash=digest))
    head.last_id, head.last_hash = entry_id, digest


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime | None
    actor: str
    action: str
    subject: str
    details: Any
    prev_hash: str
    hash: str
    readable: bool


@dataclass(frozen=True)
class AuditBreak:
    entry_id: int
    problem: str

    def describe(self) -> str:
        if self.problem == MISSING:
            return _("Dòng {0}: đã bị xoá.").format(self.entry_id)
        if self.problem == CHAIN:
            return _("Dòng {0}: không nối tiếp dòng trước (bị xoá hoặc đổi chỗ).").format(
                self.entry_id)
        return _("Dòng {0}: nội dung đã bị sửa.").format(self.entry_id)


_RawRows = Select[int, str, str, str, str, str, str, str]


def _raw() -> _RawRows:
    # Times and details are read as the stored text and parsed here, so that a row edited into
    # something unreadable shows as a changed row instead of stopping the whole check.
    return select(AuditEntry.id, cast(AuditEntry.at, String), AuditEntry.actor, AuditEntry.action,
                  AuditEntry.subject, cast(AuditEntry.details, Text), AuditEntry.prev_hash,
                  AuditEntry.hash)


def _parse(row: Any) -> AuditRow:
    entry_id, at_text, actor, action, subject, details_text, prev_hash, digest = row
    try:
        at: datetime | None = datetime.fromisoformat(str(at_text)).replace(tzinfo=UTC)
        details = json.loads(details_text)
        readable = True
    except (TypeError, ValueError):
        at, details, readable = None, details_text, False
    return AuditRow(entry_id, at, actor, action, subject, details, prev_hash, digest, readable)


def _sealed(row: AuditRow) -> bool:
    return row.readable and row.at is not None and row.hash == _seal(
        row.id, row.at, row.actor, row.action, row.subject, row.details, row.prev_hash)


def verify(session: Session) -> list[AuditBreak]:
    """Walk the chain; each break names the row where it shows (changed, missing, out of order)."""
    breaks: list[AuditBreak] = []
    expected_prev, expected_id = GENESIS, 1
    for row in _walk(session):
        if row.id != expected_id:
            breaks.extend(AuditBreak(gone, MISSING) for gone in range(expected_id, row.id))
        if row.prev_hash != expected_prev:
            breaks.append(AuditBreak(row.id, CHAIN))
        if not _sealed(row):
            breaks.append(AuditBreak(row.id, CHANGED))
        expected_prev, expected_id = row.hash, row.id + 1
    head = session.get(AuditHead, 1)
    last_id = head.last_id if head is not None else 0
    if last_id > expected_id - 1:
        breaks.extend(AuditBreak(gone, MISSING) for gone in range(expected_id, last_id + 1))
    elif (head is None and expected_id > 1) or (head is not None
                                                 and head.last_hash != expected_prev):
        breaks.append(AuditBreak(expected_id - 1, CHAIN))
    return breaks


def _walk(session: Session) -> Iterator[AuditRow]:
    rows = session.execute(_raw().order_by(AuditEntry.id).execution_options(yield_per=2000))
    for row in rows:
        yield _parse(row)


def check_chain(session: Session, actor: Actor) -> list[AuditBreak]:
    """The check a supervisor asks for: verified, and the asking itself written to the log."""
    require(actor, "audit.read")
    breaks = verify(session)
    record(session, actor, "audit.verify", "", {"breaks": len(breaks)})
    return breaks


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    actor: str = ""
    action: str = ""
    subject: str = ""


def _filtered(query: _RawRows, wanted: AuditFilter) -> _RawRows:
    if wanted.since is not None:
        query = query.where(AuditEntry.at >= wanted.since)
    if wanted.until is not None:
        query = query.where(AuditEntry.at < wanted.until)
    if wanted.actor.strip():
        query = query.where(AuditEntry.actor == wanted.actor.strip().lower())
    if wanted.action.strip():
        query = query.where(AuditEntry.action == wanted.action.strip())
    if wanted.subject.strip():
        query = query.where(func.lower(AuditEntry.subject).contains(
            wanted.subject.strip().lower(), autoescape=True))
    return query


def entries(session: Session, actor: Actor, wanted: AuditFilter | None = None,
            limit: int | None = 500) -> list[AuditRow]:
    """Rows newest first, as a supervisor filters them."""
    require(actor, "audit.read")
    query = _filtered(_raw(), wanted or AuditFilter()).order_by(AuditEntry.id.desc()).limit(limit)
    return [_parse(row) for row in session.execute(query)]


def each_entry(session: Session, actor: Actor, wanted: AuditFilter) -> Iterator[AuditRow]:
    """Every row that passes the filter, oldest first, streamed."""
    require(actor, "audit.read")
    query = _filtered(_raw(), wanted).order_by(AuditEntry.id).execution_options(yield_per=2000)
    for row in session.execute(query):
        yield _parse(row)


def entry_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0

