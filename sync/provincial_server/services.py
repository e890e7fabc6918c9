"""The services of POST /api/service, each working inside the caller's transaction.

Each function takes the open connection, the caller's agency code and the request body, and
returns the response body. A BadRequest refuses the whole request; a bad item fails alone.
"""

import json
import re
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sync.provincial_server.refusals import BadRequest
from sync.wire import is_integer, parse_wire_day, parse_wire_time, wire_day, wire_time

MAX_ITEMS = 200
_CODE_LENGTH = 100
_FILE_LINK = re.compile(r"files/[0-9a-f]{64}")
_STATUSES = range(1, 11)
RESULT_READY, RESULT_RETURNED = 9, 10
_CHANNELS = (1, 2, 3)
_DAY_KINDS = ("Nghi", "LamBu")

# Fields of a dossier the province itself changes; the newest of a change and a push wins.
PROVINCE_FIELDS = ("TrangThaiHoSo", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "GhiChu")


class BadItem(Exception):
    pass


def canonical(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def ok(**fields: Any) -> dict[str, Any]:
    return {"error_code": 0, "message": "", **fields}


# --- pushes -----------------------------------------------------------------------------------


# sha256 of a signed copy the province holds -> why its signature does not verify, or None
SignatureCheck = Callable[[str], str | None]


class BrokenSignature(Exception):
    pass


def push_dossiers(db: sqlite3.Connection, agency: str, body: dict[str, Any],
                  now: datetime, broken_signature: SignatureCheck) -> dict[str, Any]:
    if not isinstance(body.get("isUpdating", False), bool):
        raise BadRequest("isUpdating phải là true hoặc false")
    results = []
    for item in _items(body):
        code = item.get("MaHoSo") if isinstance(item, dict) else None
        try:
            version, received = _checked_dossier(item)
            _check_signed_copies(item, broken_signature)
            error_code, message, stale = _store_dossier(db, agency, item, version, received, now)
        except BadItem as error:
            error_code, message, stale = 400, str(error), False
        except BrokenSignature as error:
            error_code, message, stale = 422, str(error), False
        results.append({"MaHoSo": code if isinstance(code, str) else "",
                        "error_code": error_code, "message": message, "stale": stale})
    return ok(results=results)


def _checked_dossier(item: Any) -> tuple[int, str]:
    if not isinstance(item, dict):
        raise BadItem("Hồ sơ phải là một đối tượng JSON")
    _code(item, "MaHoSo")
    _code(item, "MaTTHC")
    version = item.get("PhienBan")
    if not (is_integer(version) and version >= 1):
        raise BadItem("PhienBan phải là số nguyên dương")
    if not _is_status(item.get("TrangThaiHoSo")):
        raise BadItem("TrangThaiHoSo phải là mã trạng thái từ 1 đến 10")
    if "KenhThucHien" in item and not (is_integer(item["KenhThucHien"])
                                       and item["KenhThucHien"] in _CHANNELS):
        raise BadItem("KenhThucHien phải là 1, 2 hoặc 3")
    received = _time(item.get("NgayTiepNhan"), "NgayTiepNhan")
    for name in ("NgayHenTra", "NgayTra", "NgayKetThucXuLy"):
        if item.get(name) not in (None, ""):
            _time(item[name], name)
    documents = item.get("TaiLieuNop", [])
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise BadItem("TaiLieuNop phải là danh sách đối tượng")
    for document in documents:
        link = document.get("DuongDanTaiTepTin")
        if link not in (None, "") and not (isinstance(link, str) and _FILE_LINK.fullmatch(link)):
            raise BadItem("DuongDanTaiTepTin phải có dạng files/<sha256>")
    return version, received


def _check_signed_copies(item: dict[str, Any], broken_signature: SignatureCheck) -> None:
    """A copy said to be signed whose file is already here must verify (protocol 1.1); a file
    still on its way is checked with the dossier's next version."""
    for document in item.get("TaiLieuNop", []):
        link = document.get("DuongDanTaiTepTin")
        if not document.get("ChuKySo") or not isinstance(link, str) or not link:
            continue
        why = broken_signature(link.removeprefix("files/"))
        if why is not None:
            name = document.get("TenTepDinhKem") or link
            raise BrokenSignature(f"{name}: {why}")


def _store_dossier(db: sqlite3.Connection, agency: str, item: dict[str, Any], version: int,
                   received: str, now: datetime) -> tuple[int, str, bool]:
    code = item["MaHoSo"]
    content = canonical(item)
    held = db.execute("SELECT madonvi, phien_ban, content FROM dossiers WHERE ma_ho_so = ?",
                      (code,)).fetchone()
    if held is not None and held["madonvi"] != agency:
        return 409, "Mã hồ sơ đã thuộc về đơn vị khác", False
    if held is None:
        db.execute("INSERT INTO dossiers VALUES (?, ?, ?, ?, ?, ?)",
                   (code, agency, version, received, content, now.timestamp()))
    elif held["phien_ban"] < version:
        db.execute("UPDATE dossiers SET phien_ban = ?, ngay_tiep_nhan = ?, content = ?, "
                   "pushed_at = ? WHERE ma_ho_so = ?",
                   (version, received, content, now.timestamp(), code))
    elif held["phien_ban"] > version:
        return 0, "Máy chủ đang giữ phiên bản mới hơn", True
    elif held["content"] != content:
        return 409, "Cùng phiên bản nhưng nội dung khác với bản máy chủ đang giữ", False
    return 0, "", False


def push_progress(db: sqlite3.Connection, agency: str, body: dict[str, Any],
                  now: datetime) -> dict[str, Any]:
    results = []
    for item in _items(body):
        fields = item if isinstance(item, dict) else {}
        code, dossier = fields.get("MaTienDo"), fields.get("MaHoSo")
        try:
            _checked_progress(item)
            db.execute("INSERT OR IGNORE INTO progress VALUES (?, ?, ?, ?)",
                       (code, dossier, agency, canonical(item)))
            error_code, message = 0, ""
        except BadItem as error:
            error_code, message = 400, str(error)
        results.append({"MaTienDo": code if isinstance(code, str) else "",
                        "MaHoSo": dossier if isinstance(dossier, str) else "",
                        "error_code": error_code, "message": message, "stale": False})
    return ok(results=results)


def _checked_progress(item: Any) -> None:
    if not isinstance(item, dict):
        raise BadItem("Tiến độ phải là một đối tượng JSON")
    _code(item, "MaTienDo")
    _code(item, "MaHoSo")
    if not _is_status(item.get("TrangThai")):
        raise BadItem("TrangThai phải là mã trạng thái từ 1 đến 10")
    _time(item.get("ThoiDiemXuLy"), "ThoiDiemXuLy")
    for name in ("NgayBatDau", "NgayKetThucTheoQuyDinh"):
        if item.get(name) not in (None, ""):
            _time(item[name], name)


# Records of protocol 1.1 held by their own id, where one already held is a replay:
# service → (the id field, the fields each record must carry).
RECORD_SERVICES = {
    "DongBoDanhGia": ("MaDanhGia", ("MaCanBo", "MucDo", "ThoiDiem")),
    "DongBoLuotPhucVu": ("MaLuot", ("SoThuTu", "Quay", "KetQua")),
}
_RATINGS = range(1, 5)
_VISIT_RESULTS = ("TiepNhan", "TraKetQua", "HuongDan", "VangMat")
_FEEDBACK_LENGTH = 500


def push_records(db: sqlite3.Connection, agency: str, service: str,
                 body: dict[str, Any]) -> dict[str, Any]:
    identity, required = RECORD_SERVICES[service]
    results = []
    for item in _items(body):
        fields = item if isinstance(item, dict) else {}
        record_id = fields.get(identity)
        try:
            _checked_record(item, identity, required)
            db.execute("INSERT OR IGNORE INTO counter_records VALUES (?, ?, ?, ?)",
                       (service, record_id, agency, canonical(item)))
            error_code, message = 0, ""
        except BadItem as error:
            error_code, message = 400, str(error)
        results.append({identity: record_id if isinstance(record_id, str) else "",
                        "error_code": error_code, "message": message, "stale": False})
    return ok(results=results)


def _checked_record(item: Any, identity: str, required: tuple[str, ...]) -> None:
    if not isinstance(item, dict):
        raise BadItem("Mục phải là một đối tượng JSON")
    _code(item, identity)
    for name in required:
        if item.get(name) in (None, ""):
            raise BadItem(f"Thiếu {name}")
    if "MucDo" in item and not (is_integer(item["MucDo"]) and item["MucDo"] in _RATINGS):
        raise BadItem("MucDo phải từ 1 đến 4")
    if "GopY" in item and not (isinstance(item["GopY"], str)
                               and len(item["GopY"]) <= _FEEDBACK_LENGTH):
        raise BadItem(f"GopY tối đa {_FEEDBACK_LENGTH} ký tự")
    if "KetQua" in item and item["KetQua"] not in _VISIT_RESULTS:
        raise BadItem("KetQua không hợp lệ")
    if "ThoiDiem" in item:
        _time(item["ThoiDiem"], "ThoiDiem")


def held_records(db: sqlite3.Connection, service: str) -> dict[str, dict[str, Any]]:
    rows = db.execute("SELECT record_id, content FROM counter_records WHERE service = ?",
                      (service,)).fetchall()
    return {row["record_id"]: json.loads(row["content"]) for row in rows}


def anchor_audit_trail(db: sqlite3.Connection, agency: str, body: dict[str, Any],
                       now: datetime) -> dict[str, Any]:
    """DongBoNhatKy: every head is kept, in the order it came."""
    heads = _items(body)
    checked = []
    for head in heads:
        if not (isinstance(head, dict) and isinstance(head.get("Quay"), str) and head["Quay"]
                and is_integer(head.get("SoDong")) and head["SoDong"] >= 0
                and isinstance(head.get("MaBam"), str) and len(head["MaBam"]) <= 128):
            raise BadRequest("Mỗi mục cần Quay, SoDong và MaBam")
        checked.append((head["Quay"], head["SoDong"], head["MaBam"],
                        _request_time(head.get("ThoiDiem"), "ThoiDiem")))
    for counter, rows, digest, at in checked:
        db.execute("INSERT INTO audit_heads (madonvi, quay, so_dong, ma_bam, thoi_diem, "
                   "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                   (agency, counter, rows, digest, at, now.timestamp()))
    return ok()


def anchored_heads(db: sqlite3.Connection, agency: str, body: dict[str, Any]) -> dict[str, Any]:
    """TraCuuNhatKy: the heads one counter sent, oldest first."""
    counter = body.get("Quay")
    if not (isinstance(counter, str) and counter):
        raise BadRequest("Thiếu Quay")
    rows = db.execute("SELECT quay, so_dong, ma_bam, thoi_diem FROM audit_heads "
                      "WHERE madonvi = ? AND quay = ? ORDER BY seq", (agency, counter)).fetchall()
    return ok(data=[{"Quay": row["quay"], "SoDong": row["so_dong"], "MaBam": row["ma_bam"],
                     "ThoiDiem": row["thoi_diem"]} for row in rows])


def _request_time(value: Any, name: str) -> str:
    try:
        return _time(value, name)
    except BadItem as error:
        raise BadRequest(str(error)) from error


# --- pulls ------------------------------------------------------------------------------------


def pull_procedures(db: sqlite3.Connection, page_size: int,
                    body: dict[str, Any]) -> dict[str, Any]:
    after = _cursor(body)
    rows = db.execute("SELECT seq, content FROM procedures WHERE seq > ? ORDER BY seq LIMIT ?",
                      (after, page_size + 1)).fetchall()
    return _page(rows, after, page_size)


def pull_changes(db: sqlite3.Connection, agency: str, page_size: int,
                 body: dict[str, Any]) -> dict[str, Any]:
    after = _cursor(body)
    rows = db.execute("SELECT seq, content FROM province_changes WHERE madonvi = ? AND seq > ? "
                      "ORDER BY seq LIMIT ?", (agency, after, page_size + 1)).fetchall()
    return _page(rows, after, page_size)


def _page(rows: list[sqlite3.Row], after: int, page_size: int) -> dict[str, Any]:
    shown = rows[:page_size]
    last = shown[-1]["seq"] if shown else after
    return ok(data=[json.loads(row["content"]) for row in shown], cursor=str(last) if last else "",
              more=len(rows) > page_size)


def _cursor(body: dict[str, Any]) -> int:
    cursor = body.get("cursor", "")
    if cursor in ("", None):
        return 0
    if not (isinstance(cursor, str) and cursor.isascii() and cursor.isdigit()
            and len(cursor) <= 18):
        raise BadRequest("cursor không hợp lệ")
    return int(cursor)


def pull_days_off(db: sqlite3.Connection, body: dict[str, Any]) -> dict[str, Any]:
    year = body.get("Nam")
    if not (is_integer(year) and 1900 <= year <= 2200):
        raise BadRequest("Nam phải là một năm")
    rows = db.execute("SELECT ngay, loai, ghi_chu FROM days_off WHERE ngay LIKE ? ORDER BY ngay",
                      (f"{year}%",)).fetchall()
    return ok(data=[{"Ngay": row["ngay"], "Loai": row["loai"], "GhiChu": row["ghi_chu"]}
                    for row in rows])


def look_up(db: sqlite3.Connection, agency: str, body: dict[str, Any]) -> dict[str, Any]:
    code = body.get("MaHoSo")
    if not isinstance(code, str) or not code:
        raise BadRequest("Thiếu MaHoSo")
    dossier = held_dossier(db, code)
    if dossier is None or dossier[0] != agency:
        return {"error_code": 404, "message": "Không tìm thấy hồ sơ"}
    return ok(data=dossier[1])


def held_dossier(db: sqlite3.Connection, code: str) -> tuple[str, dict[str, Any]] | None:
    """(agency code, the dossier as the province sees it): the counter's last push with any
    later change made at the province laid over it."""
    row = db.execute("SELECT madonvi, content, pushed_at FROM dossiers WHERE ma_ho_so = ?",
                     (code,)).fetchone()
    if row is None:
        return None
    dossier = json.loads(row["content"])
    change = db.execute("SELECT content, recorded_at FROM province_changes WHERE ma_ho_so = ? "
                        "ORDER BY seq DESC LIMIT 1", (code,)).fetchone()
    if change is not None and change["recorded_at"] >= row["pushed_at"]:
        made = json.loads(change["content"])
        dossier.update({name: made[name] for name in PROVINCE_FIELDS if made.get(name)})
    return row["madonvi"], dossier


def reconcile(db: sqlite3.Connection, agency: str, body: dict[str, Any]) -> dict[str, Any]:
    first, last = _day(body.get("TuNgay"), "TuNgay"), _day(body.get("DenNgay"), "DenNgay")
    if first > last:
        raise BadRequest("TuNgay sau DenNgay")
    rows = db.execute(
        "SELECT ma_ho_so, phien_ban FROM dossiers WHERE madonvi = ? AND ngay_tiep_nhan "
        "BETWEEN ? AND ? ORDER BY ma_ho_so",
        (agency, wire_day(first) + "000000", wire_day(last) + "235959"),
    ).fetchall()
    return ok(data=[{"MaHoSo": row["ma_ho_so"], "PhienBan": row["phien_ban"]} for row in rows])


# --- what the province does itself ---------------------------------------------------------------


def record_processing(db: sqlite3.Connection, code: str, status: int, note: str, *,
                      due_at: datetime | None, finished_at: datetime | None,
                      returned_at: datetime | None, now: datetime) -> dict[str, Any]:
    """A change made at the province, queued for LayHoSoThayDoi. A result made ready (9) or
    returned (10) is dated now unless a date is given. Raises LookupError for a dossier the
    province does not hold."""
    if not _is_status(status):
        raise ValueError(f"status {status} is not a national status code")
    held = held_dossier(db, code)
    if held is None:
        raise LookupError(code)
    agency, dossier = held
    change = {"MaHoSo": code, "TrangThaiHoSo": status, "GhiChu": note, "ThoiDiem": wire_time(now)}
    if status == RESULT_READY:
        finished_at = finished_at or now
    if status == RESULT_RETURNED:
        returned_at = returned_at or now
    for name, moment in (("NgayHenTra", due_at), ("NgayKetThucXuLy", finished_at),
                         ("NgayTra", returned_at)):
        change[name] = wire_time(moment) if moment else dossier.get(name) or ""
    db.execute("INSERT INTO province_changes (ma_ho_so, madonvi, content, recorded_at) "
               "VALUES (?, ?, ?, ?)", (code, agency, canonical(change), now.timestamp()))
    return change


def declare_day(db: sqlite3.Connection, day: date, kind: str, note: str) -> None:
    if kind not in _DAY_KINDS:
        raise ValueError(f"a day is {' or '.join(_DAY_KINDS)}, not {kind!r}")
    db.execute("INSERT OR REPLACE INTO days_off VALUES (?, ?, ?)", (wire_day(day), kind, note))


def publish_procedures(db: sqlite3.Connection, procedures: list[dict[str, Any]]) -> int:
    """Add or change procedures; each one that differs from what is held moves to the end of
    the catalogue cursor. Returns how many changed."""
    changed = 0
    for procedure in procedures:
        content = canonical(procedure)
        held = db.execute("SELECT content FROM procedures WHERE ma_tthc = ?",
                          (procedure["MaTTHC"],)).fetchone()
        if held is not None and held["content"] == content:
            continue
        seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM procedures").fetchone()[0]
        db.execute("INSERT OR REPLACE INTO procedures VALUES (?, ?, ?)",
                   (procedure["MaTTHC"], seq, content))
        changed += 1
    return changed


# --- checks -----------------------------------------------------------------------------------


def _items(body: dict[str, Any]) -> list[Any]:
    data = body.get("data")
    if not isinstance(data, list):
        raise BadRequest("data phải là một danh sách")
    if len(data) > MAX_ITEMS:
        raise BadRequest(f"Tối đa {MAX_ITEMS} mục trong một lần gửi")
    return data


def _is_status(value: Any) -> bool:
    return is_integer(value) and value in _STATUSES


def _code(item: dict[str, Any], name: str) -> None:
    value = item.get(name)
    if not (isinstance(value, str) and value.strip() and len(value) <= _CODE_LENGTH):
        raise BadItem(f"Thiếu {name} hoặc {name} không hợp lệ")


def _time(value: Any, name: str) -> str:
    text = value if isinstance(value, str) else ""
    try:
        parse_wire_time(text)
    except ValueError as error:
        raise BadItem(f"{name} phải có dạng yyyyMMddHHmmss") from error
    return text


def _day(value: Any, name: str) -> date:
    try:
        return parse_wire_day(value if isinstance(value, str) else "")
    except ValueError as error:
        raise BadRequest(f"{name} phải có dạng yyyyMMdd") from error

