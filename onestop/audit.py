"""The audit log: every change that matters and every look at a citizen's personal data,
as a hash chain where each row seals the one before it.

Two rules seal a row. Rows written before the store was first opened by a version with the keyed
chain keep their plain SHA-256 seal: nothing already written is sealed again. On that first
opening a marker row ("audit.keyed") is added that names the key and how many plain rows came
before it; the marker and every later row are sealed with HMAC-SHA256 under a secret key kept
outside the database (onestop/audit_key.py). The head (number of rows and last seal) is sealed with
the same key, so cutting rows off the end and fixing the head shows; a head the province
acknowledged is remembered and checked too. Only a store that gains the seal table in the same
opening starts a keyed chain; a store that had it and lost it stays broken.
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, String, Text, cast, func, select, update
from sqlalchemy.orm import Session

from onestop.audit_key import key_id, new_key
from onestop.errors import DomainError
from onestop.i18n import N_, _
from onestop.roles import SYSTEM, Actor, require
from onestop.store.audit_models import AuditSeal
from onestop.store.models import AuditEntry, AuditHead, Dossier, StatusChange
from onestop.store_health import session_damaged

if TYPE_CHECKING:
    from onestop.store.engine import Store

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
    "dossier.correct": N_("Đính chính hồ sơ"),
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
    "audit.keyed": N_("Bắt đầu niêm phong nhật ký bằng khoá riêng"),
    "audit.key_export": N_("Xuất khoá niêm phong nhật ký cho quầy khác"),
    "audit.key_install": N_("Nhận khoá niêm phong nhật ký từ quầy khác"),
    "idcard.trust_add": N_("Cài chứng thư gốc để xác thực chip thẻ"),
    "idcard.read": N_("Đọc chip thẻ căn cước"),
    "idcard.photo_kept": N_("Giữ ảnh chân dung đọc từ chip"),
    "queue.field": N_("Khai báo lĩnh vực lấy số"),
    "queue.counter": N_("Đổi lĩnh vực của quầy gọi số"),
    "queue.take": N_("Lấy số thứ tự"),
    "queue.call": N_("Gọi số"),
    "queue.call_again": N_("Gọi lại số"),
    "queue.send": N_("Chuyển công dân sang quầy khác"),
    "queue.finish": N_("Kết thúc lượt phục vụ"),
    "queue.rate": N_("Công dân đánh giá"),
}

KEYED_MARK = "audit.keyed"
# Where a session finds the store's chain key (set by the Store for each session it opens).
AUDIT_KEY = "onestop.audit_key"
# Actions that every status history row leaves beside it.
# the actions whose change writes a row of the dossier's history (a correction writes one too)
STATUS_ACTIONS = ("dossier.receive", "dossier.transition", "dossier.reschedule",
                  "dossier.province_change", "dossier.correct")

MISSING, CHAIN, CHANGED = "missing", "chain", "changed"
EMPTY, CUT, UNKEYED, NO_KEY, DAMAGED, UNRECORDED = (
    "empty", "cut", "unkeyed", "no_key", "damaged", "unrecorded")


def action_name(action: str) -> str:
    return _(ACTION_NAMES[action]) if action in ACTION_NAMES else action


def _body(entry_id: int, at: datetime, actor: str, action: str, subject: str, details: Any,
          prev_hash: str) -> bytes:
    return json.dumps(
        [entry_id, at.astimezone(UTC).isoformat(timespec="microseconds"), actor, action, subject,
         details, prev_hash],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    ).encode()


def _plain_seal(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _keyed_seal(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _head_seal(key: bytes, rows: int, digest: str) -> str:
    return _keyed_seal(key, f"head:{rows}:{digest}".encode())


def _anchor_seal(key: bytes, rows: int, digest: str) -> str:
    return _keyed_seal(key, f"anchor:{rows}:{digest}".encode())


def _key(session: Session) -> bytes | None:
    key = session.info.get(AUDIT_KEY)
    return key if isinstance(key, bytes) else None


def _key_needed(session: Session) -> bytes:
    key = _key(session)
    if key is None:
        raise DomainError(_("Máy này không có khoá niêm phong nhật ký của dữ liệu này, nên không "
                            "ghi được thay đổi. Hãy phục hồi khoá (tệp audit-key-….secret trong "
                            "thư mục dữ liệu của máy đã tạo dữ liệu, hoặc một bản sao lưu)."))
    return key


def _locked_head(session: Session) -> AuditHead:
    head = session.execute(select(AuditHead).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS)
        session.add(head)
    return head


def record(session: Session, actor: Actor, action: str, subject: str = "",
           details: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    """Add one row to the chain, inside the caller's transaction."""
    key = _key_needed(session)
    head = _locked_head(session)
    at = at or datetime.now(UTC)
    details = details or {}
    entry_id = head.last_id + 1
    digest = _keyed_seal(key, _body(entry_id, at, actor.username, action, subject, details,
                                    head.last_hash))
    sealed = session.execute(update(AuditSeal).where(
        AuditSeal.id == 1, AuditSeal.key_id == key_id(key)).values(
        head_seal=_head_seal(key, entry_id, digest)).execution_options(
        synchronize_session=False))
    if sealed.rowcount != 1:  # type: ignore[attr-defined]
        raise DomainError(_("Nhật ký của dữ liệu này chưa được niêm phong bằng khoá của máy này; "
                            "không ghi được thay đổi."))
    session.add(AuditEntry(id=entry_id, at=at, actor=actor.username, action=action,
                           subject=subject, details=details, prev_hash=head.last_hash,
                           hash=digest))
    head.last_id, head.last_hash = entry_id, digest


def chain_key_id(session: Session) -> str | None:
    seal = session.get(AuditSeal, 1)
    return None if seal is None else seal.key_id


def start_keyed_chain(session: Session, key_folder: Path) -> bytes:
    """Make a key and the marker row from which every row is keyed (see the module's notes).
    Only for a store that gained the seal table in this opening."""
    key = new_key(key_folder)
    head = _locked_head(session)
    session.add(AuditSeal(id=1, key_id=key_id(key), keyed_from=head.last_id + 1, head_seal="",
                          anchored_rows=0, anchored_digest="", anchored_seal=""))
    session.flush()
    session.info[AUDIT_KEY] = key
    record(session, SYSTEM, KEYED_MARK, "", {"key": key_id(key), "legacy_rows": head.last_id})
    return key


@dataclass(frozen=True)
class AuditHeadInfo:
    """The chain's head as it is sent to the province and printed on the daily report."""

    rows: int
    digest: str


def _head_info(session: Session) -> AuditHeadInfo:
    head = session.get(AuditHead, 1)
    return AuditHeadInfo(0, GENESIS) if head is None else AuditHeadInfo(head.last_id,
                                                                        head.last_hash)


def note_anchored(store: "Store", anchored: AuditHeadInfo, at: datetime) -> None:
    """The province acknowledged this head (DongBoNhatKy): from now on the chain must reach it
    unchanged. An older head than the one noted already changes nothing."""
    with store.write() as session:
        key = _key_needed(session)
        seal = session.get(AuditSeal, 1)
        if seal is None or anchored.rows < seal.anchored_rows:
            return
        seal.anchored_rows, seal.anchored_digest, seal.anchored_at = \
            anchored.rows, anchored.digest, at
        seal.anchored_seal = _anchor_seal(key, anchored.rows, anchored.digest)


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
    subject: str = ""

    def describe(self) -> str:
        if self.problem == MISSING:
            return _("Dòng {0}: đã bị xoá.").format(self.entry_id)
        if self.problem == CHAIN:
            return _("Dòng {0}: không nối tiếp dòng trước (bị xoá hoặc đổi chỗ).").format(
                self.entry_id)
        if self.problem == EMPTY:
            return _("Nhật ký trống: mọi dòng đã bị xoá.")
        if self.problem == CUT:
            return _("Dòng {0}: nhật ký bị cắt bớt hoặc phần đầu của nó bị sửa.").format(
                self.entry_id)
        if self.problem == UNKEYED:
            return _("Nhật ký không còn dấu niêm phong bằng khoá riêng (bị xoá hoặc thay).")
        if self.problem == NO_KEY:
            return _("Máy này không có khoá niêm phong của nhật ký này nên không kiểm tra được "
                     "các dòng đã niêm phong.")
        if self.problem == DAMAGED:
            return _("Tệp dữ liệu bị hỏng (kiểm tra toàn vẹn không đạt).")
        if self.problem == UNRECORDED:
            return _("Hồ sơ {0}: có thay đổi không còn dòng nhật ký tương ứng.").format(
                self.subject)
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


def _sealed(row: AuditRow, key: bytes | None, keyed_from: int) -> bool:
    if not row.readable or row.at is None:
        return False
    body = _body(row.id, row.at, row.actor, row.action, row.subject, row.details, row.prev_hash)
    if row.id < keyed_from:
        return row.hash == _plain_seal(body)
    return key is not None and hmac.compare_digest(row.hash, _keyed_seal(key, body))


def _marker_ok(row: AuditRow, seal: AuditSeal) -> bool:
    return row.action == KEYED_MARK and isinstance(row.details, dict) \
        and row.details.get("key") == seal.key_id \
        and row.details.get("legacy_rows") == seal.keyed_from - 1


def verify_in(session: Session) -> list[AuditBreak]:
    if session_damaged(session):
        # Nothing read from a damaged file can be trusted, nor may reading it stop the check.
        return [AuditBreak(0, DAMAGED)]
    breaks: list[AuditBreak] = []
    seal = session.get(AuditSeal, 1)
    key = _key(session)
    if seal is None:
        breaks.append(AuditBreak(0, UNKEYED))
    elif key is None or key_id(key) != seal.key_id:
        breaks.append(AuditBreak(0, NO_KEY))
        key = None
    keyed_from = 1 if seal is None else seal.keyed_from
    anchored = None if seal is None or not seal.anchored_rows else seal.anchored_rows
    anchored_hash = ""
    expected_prev, expected_id, rows = GENESIS, 1, 0
    for row in _walk(session):
        rows += 1
        if row.id != expected_id:
            breaks.extend(AuditBreak(gone, MISSING) for gone in range(expected_id, row.id))
        if row.prev_hash != expected_prev:
            breaks.append(AuditBreak(row.id, CHAIN))
        unchecked = key is None and row.id >= keyed_from
        if not unchecked and not (_sealed(row, key, keyed_from) and (
                seal is None or row.id != keyed_from or _marker_ok(row, seal))):
            breaks.append(AuditBreak(row.id, CHANGED))
        if row.id == anchored:
            anchored_hash = row.hash
        expected_prev, expected_id = row.hash, row.id + 1
    if rows == 0:
        breaks.append(AuditBreak(0, EMPTY))
    head = session.get(AuditHead, 1)
    last_id = head.last_id if head is not None else 0
    if last_id > expected_id - 1:
        breaks.extend(AuditBreak(gone, MISSING) for gone in range(expected_id, last_id + 1))
    elif (head is None and expected_id > 1) or (head is not None
                                                 and head.last_hash != expected_prev):
        breaks.append(AuditBreak(expected_id - 1, CHAIN))
    if seal is not None and key is not None:
        breaks.extend(_cuts(seal, key, head, anchored_hash))
    breaks.extend(_unrecorded(session))
    return breaks


def verify(store: "Store") -> list[AuditBreak]:
    """Walk the chain; each break names the row where it shows (changed, missing, out of order,
    cut off), and the dossiers whose changes lost their rows."""
    with store.read() as session:
        return verify_in(session)


def _cuts(seal: AuditSeal, key: bytes, head: AuditHead | None,
          anchored_hash: str) -> list[AuditBreak]:
    """A head fixed after rows were cut off, or a chain that no longer reaches the head the
    province acknowledged."""
    cuts = []
    rows, digest = (head.last_id, head.last_hash) if head is not None else (0, GENESIS)
    if not hmac.compare_digest(seal.head_seal, _head_seal(key, rows, digest)):
        cuts.append(AuditBreak(rows, CUT))
    if seal.anchored_rows and (
            not hmac.compare_digest(seal.anchored_seal, _anchor_seal(
                key, seal.anchored_rows, seal.anchored_digest))
            or anchored_hash != seal.anchored_digest):
        cuts.append(AuditBreak(seal.anchored_rows, CUT))
    return cuts


def _unrecorded(session: Session) -> list[AuditBreak]:
    """Every dossier has its receipt row and every status history row its row."""
    logged: dict[str, int] = {subject: count for subject, count in session.execute(
        select(AuditEntry.subject, func.count()).where(AuditEntry.action.in_(STATUS_ACTIONS))
        .group_by(AuditEntry.subject))}
    received = set(session.scalars(select(AuditEntry.subject).where(
        AuditEntry.action == "dossier.receive")))
    changes = session.execute(
        select(Dossier.code, func.count(StatusChange.id)).join(
            StatusChange, StatusChange.dossier_id == Dossier.id, isouter=True)
        .group_by(Dossier.code).order_by(Dossier.code))
    return [AuditBreak(0, UNRECORDED, code) for code, count in changes
            if code not in received or logged.get(code, 0) < count]


def _walk(session: Session) -> Iterator[AuditRow]:
    rows = session.execute(_raw().order_by(AuditEntry.id).execution_options(yield_per=2000))
    for row in rows:
        yield _parse(row)


def check_chain(store: "Store", actor: Actor) -> list[AuditBreak]:
    """The check a supervisor asks for: verified, and the asking itself written to the log (when
    the log can still be written: a log that lost its key or its seal is reported all the same)."""
    with store.write() as session:
        require(actor, "audit.read")
        breaks = verify_in(session)
        if not {NO_KEY, UNKEYED} & {found.problem for found in breaks}:
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


def entries_in(session: Session, actor: Actor, wanted: AuditFilter | None = None,
               limit: int | None = 500) -> list[AuditRow]:
    require(actor, "audit.read")
    query = _filtered(_raw(), wanted or AuditFilter()).order_by(AuditEntry.id.desc()).limit(limit)
    return [_parse(row) for row in session.execute(query)]


def entries(store: "Store", actor: Actor, wanted: AuditFilter | None = None,
            limit: int | None = 500) -> list[AuditRow]:
    """Rows newest first, as a supervisor filters them."""
    with store.read() as session:
        return entries_in(session, actor, wanted, limit)


def each_entry(session: Session, actor: Actor, wanted: AuditFilter) -> Iterator[AuditRow]:
    """Every row that passes the filter, oldest first, streamed."""
    require(actor, "audit.read")
    query = _filtered(_raw(), wanted).order_by(AuditEntry.id).execution_options(yield_per=2000)
    for row in session.execute(query):
        yield _parse(row)


def audit_head(store: "Store") -> AuditHeadInfo:
    """How many rows the chain has and the seal of the last one."""
    with store.read() as session:
        return _head_info(session)


def entry_count(store: "Store") -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0

