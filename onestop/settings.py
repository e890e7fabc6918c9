"""The counter's settings: one declared schema, stored in the settings table.

Secrets (the province password) are not settings: they go to the OS keyring.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop import audit
from onestop.changes import StoreChanges
from onestop.errors import DomainError
from onestop.i18n import N_, _
from onestop.limits import limits
from onestop.receipt_qr import DEFAULT_TEMPLATE, check_template
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Setting
from onestop.text import nfc

_AGENCY_CODE = re.compile(r"[0-9A-Z]+(\.[0-9A-Z]+)*")


@dataclass(frozen=True)
class Key:
    name: str
    kind: type
    default: Any
    permission: str
    label: str
    choices: tuple[Any, ...] = ()


_KEYS = [
    Key("agency.code", str, "000.00.00.H00", "settings.office", N_("Mã cơ quan (mã định danh)")),
    Key("agency.name", str, "UBND xã", "settings.office", N_("Tên cơ quan")),
    Key("agency.address", str, "", "settings.office", N_("Địa chỉ cơ quan")),
    Key("counter.code", str, "Q1", "settings.counter", N_("Mã quầy")),
    Key("counter.name", str, "Quầy 1", "settings.counter", N_("Tên quầy")),
    Key("counter.sequence_start", int, 1, "settings.counter",
        N_("Số thứ tự hồ sơ đầu tiên mỗi ngày")),
    Key("forms.set", str, "2025", "settings.office", N_("Bộ biểu mẫu"), ("2025", "2018")),
    Key("lookup.hint", str, "Tra cứu tại Cổng dịch vụ công bằng mã hồ sơ", "settings.office",
        N_("Hướng dẫn tra cứu in trên phiếu")),
    Key("slip.qr_template", str, DEFAULT_TEMPLATE, "settings.office",
        N_("Nội dung mã QR trên phiếu: {ma_ho_so}, {ma_thu_tuc}, {dinh_danh}, {ten_giay}, "
           "{hen_tra}, hoặc địa chỉ tra cứu của tỉnh")),
    Key("printer.uri", str, "", "settings.devices", N_("Máy in phiếu")),
    Key("printer.paper_width", int, 80, "settings.devices", N_("Khổ giấy (mm)"), (58, 80)),
    Key("printer.copies", int, 1, "settings.devices", N_("Số liên phiếu"), (1, 2)),
    Key("printer.profile", str, "default", "settings.devices", N_("Loại máy in")),
    Key("scanner.device", str, "", "settings.devices", N_("Máy quét")),
    Key("scanner.resolution", int, 200, "settings.devices", N_("Độ phân giải (dpi)"),
        (150, 200, 300)),
    Key("scanner.mode", str, "gray", "settings.devices", N_("Chế độ màu"),
        ("gray", "bilevel", "color")),
    Key("scanner.source", str, "", "settings.devices", N_("Nguồn giấy")),
    Key("scanner.duplex", bool, False, "settings.devices", N_("Quét hai mặt")),
    Key("scanner.watch_folder", str, "", "settings.devices", N_("Thư mục nhận tệp quét")),
    Key("digitised.mode", str, "color", "settings.devices", N_("Chế độ màu của bản số hóa"),
        ("color", "gray", "bilevel")),
    Key("signing.pkcs11_module", str, "", "settings.devices", N_("Thư viện PKCS#11 của thiết bị ký số")),
    Key("signing.token", str, "", "settings.devices", N_("Tên thiết bị ký số (token)")),
    Key("signing.key", str, "", "settings.devices", N_("Tên khoá ký trên thiết bị")),
    Key("signing.timestamp_url", str, "", "settings.devices",
        N_("Địa chỉ dịch vụ cấp dấu thời gian (để trống: ký PAdES B-B)")),
    Key("idcard.reader", str, "", "settings.devices",
        N_("Đầu đọc chip thẻ căn cước (trống: không đọc chip; * : đầu đọc đầu tiên)")),
    Key("idcard.keep_photo", bool, False, "settings.office",
        N_("Giữ ảnh chân dung đọc từ chip cùng hồ sơ (Nghị định 13/2023: chỉ khi cần)")),
    Key("qr_scanner.mode", str, "keyboard", "settings.devices", N_("Máy đọc QR cầm tay"),
        ("keyboard", "serial")),
    Key("qr_scanner.port", str, "", "settings.devices", N_("Cổng COM của máy đọc QR")),
    Key("province.url", str, "", "settings.devices", N_("Địa chỉ hệ thống tỉnh")),
    Key("province.username", str, "", "settings.devices", N_("Tài khoản kết nối tỉnh")),
    Key("calendar.hours", str, "T2-T6 07:00-11:30 13:30-17:00", "calendar.change",
        N_("Giờ làm việc (vd. “T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30”)")),
    Key("intake.papers_ticked", bool, False, "settings.counter",
        N_("Giấy tờ bắt buộc hiện sẵn là đã nộp khi chọn thủ tục")),
    Key("ui.idle_minutes", int, 10, "settings.counter", N_("Khoá màn hình sau (phút)")),
    Key("backup.folder", str, "", "settings.devices", N_("Thư mục sao lưu hằng ngày")),
    Key("backup.keep", int, 14, "settings.devices", N_("Số bản sao lưu giữ lại")),
    Key("backup.computer", str, "", "settings.devices",
        N_("Máy tính làm sao lưu hằng ngày của máy chủ chung (tên máy)")),
    Key("queue.numbering", str, "per_field", "settings.counter",
        N_("Đánh số phiếu chờ: theo từng lĩnh vực hay một dãy chung"), ("per_field", "single")),
    Key("queue.announce", bool, True, "settings.counter", N_("Đọc số gọi trên màn hình gọi số")),
    Key("queue.ticket_printer", str, "", "settings.devices", N_("Máy in phiếu của máy lấy số")),
    Key("queue.follow_url", str, "", "settings.office",
        N_("Địa chỉ theo dõi lượt chờ in thành mã QR trên phiếu ({so} = số thứ tự)")),
    Key("queue.citizen_screen", int, 0, "settings.devices",
        N_("Màn hình hướng về công dân (0 = không có)")),
]
SCHEMA: dict[str, Key] = {k.name: k for k in _KEYS}


def key(name: str) -> Key:
    try:
        return SCHEMA[name]
    except KeyError:
        raise DomainError(_("Không có cài đặt “{0}”. Các cài đặt: {1}.").format(
            name, ", ".join(SCHEMA))) from None


def parse(name: str, text: str) -> Any:
    """A setting's value from its text, checked now rather than first when it is used."""
    k = key(name)
    value: Any
    if k.kind is bool:
        if text.lower() not in ("true", "false", "1", "0", "yes", "no", "có", "không"):
            raise DomainError(_("“{0}” cần giá trị có/không (true/false).").format(name), field=name)
        value = text.lower() in ("true", "1", "yes", "có")
    elif k.kind is int:
        try:
            value = int(text)
        except ValueError:
            raise DomainError(_("“{0}” cần một số nguyên, đang có “{1}”.").format(name, text),
                              field=name) from None
        lowest, highest = limits().settings.get(name, (0, 10**6))
        if not lowest <= value <= highest:
            raise DomainError(_("“{0}” phải từ {1} đến {2}.").format(name, lowest, highest),
                              field=name)
    else:
        value = _text_value(name, text)
    if name == "calendar.hours":
        parse_office_hours(value)
    if k.choices and value not in k.choices:
        raise DomainError(_("“{0}” chỉ nhận: {1}.").format(
            name, ", ".join(str(c) for c in k.choices)), field=name)
    return value


def _text_value(name: str, text: str) -> str:
    value = nfc(text).strip()
    longest = limits().lengths.get(name, limits().lengths["setting"])
    if len(value) > longest:
        raise DomainError(_("“{0}” dài {1} ký tự, quá giới hạn {2} ký tự.").format(
            name, len(value), longest), field=name)
    if not value.isprintable():
        raise DomainError(_("“{0}” có ký tự không in được.").format(name), field=name)
    if name == "agency.code":
        return check_agency_code(value)
    if name == "province.url" and value:
        return check_province_url(value)
    if name == "slip.qr_template":
        return check_template(value)
    return value


def check_agency_code(text: str) -> str:
    """Dot-separated groups of 0-9 and A-Z, up to 35 characters (Decision 20/2020/QĐ-TTg), kept
    upper case as the province types it."""
    code = text.strip().upper()
    if not _AGENCY_CODE.fullmatch(code) or len(code) > limits().lengths["agency.code"]:
        raise DomainError(_("Mã cơ quan “{0}” không đúng dạng: các nhóm chữ số 0-9 và chữ A-Z "
                            "ngăn bởi dấu chấm, tối đa {1} ký tự, vd. 000.00.13.H24.").format(
                                text, limits().lengths["agency.code"]), field="agency.code")
    return code


def check_province_url(text: str) -> str:
    """https://, or plain http:// only to this computer itself (the demo's and a test's province):
    the province password must never cross a network in clear."""
    refused = DomainError(_("Địa chỉ hệ thống tỉnh “{0}” phải bắt đầu bằng https:// (http:// chỉ "
                            "dùng được với chính máy này).").format(text), field="province.url")
    try:
        parts = urlsplit(text)
        host, _port = parts.hostname or "", parts.port
    except ValueError:
        raise refused from None
    loopback = host == "localhost" or _is_loopback_address(host)
    if host and (parts.scheme == "https" or (parts.scheme == "http" and loopback)):
        return text
    raise refused


def _is_loopback_address(host: str) -> bool:
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


_WEEKDAYS = {"T2": 0, "T3": 1, "T4": 2, "T5": 3, "T6": 4, "T7": 5, "CN": 6}


def parse_office_hours(text: str) -> dict[int, tuple[tuple[time, time], ...]]:
    """“T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30” → periods per weekday (Monday = 0)."""
    hours: dict[int, tuple[tuple[time, time], ...]] = {day: () for day in range(7)}
    bad = DomainError(_("Giờ làm việc “{0}” không đúng dạng, vd. “T2-T6 07:00-11:30 "
                        "13:30-17:00; T7 07:30-11:30”.").format(text))
    for part in filter(None, (p.strip() for p in text.split(";"))):
        days, *spans = part.split()
        first, _sep, last = days.upper().partition("-")
        if first not in _WEEKDAYS or (last and last not in _WEEKDAYS) or not spans:
            raise bad
        periods: list[tuple[time, time]] = []
        for span in spans:
            try:
                start, end = (time.fromisoformat(t) for t in span.split("-"))
            except ValueError:
                raise bad from None
            if end <= start or (periods and start < periods[-1][1]):
                raise bad
            periods.append((start, end))
        for day in range(_WEEKDAYS[first], _WEEKDAYS[last or first] + 1):
            hours[day] = tuple(periods)
    if not any(hours.values()):
        raise bad
    return hours


def get_in(session: Session, name: str) -> Any:
    k = key(name)
    row = session.get(Setting, name)
    return k.default if row is None else json.loads(row.value)


def get(store: Store, name: str) -> Any:
    with store.read() as session:
        return get_in(session, name)


def all_values_in(session: Session) -> dict[str, Any]:
    stored = {key: json.loads(value) for key, value in session.execute(
        select(Setting.key, Setting.value))}
    return {name: stored.get(name, k.default) for name, k in SCHEMA.items()}


def put_in(session: Session, actor: Actor, name: str, value: Any) -> None:
    """Change one setting inside the caller's transaction, with its audit row."""
    k = key(name)
    require(actor, k.permission)
    value = parse(name, value if isinstance(value, str) else str(value))
    old = get_in(session, name)
    row = session.get(Setting, name)
    encoded = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=name, value=encoded))
    else:
        row.value = encoded
    audit.record(session, actor, "settings.change", name, {"old": old, "new": value})


def put(store: Store, actor: Actor, wanted: Mapping[str, Any]) -> list[str]:
    """The given settings in one transaction, each with its audit row; the keys written."""
    with store.write() as session:
        for name, value in wanted.items():
            put_in(session, actor, name, value)
    return list(wanted)


def record_secret_kept(store: Store, actor: Actor, name: str, kept_in: str) -> None:
    """The audit row of a secret kept outside the store (the province password): where it went,
    never what it is."""
    with store.write() as session:
        audit.record(session, actor, "settings.change", name, {"kept_in": kept_in})


def read_all(store: Store) -> dict[str, Any]:
    """Every setting in a transaction of its own (a set-up screen opening)."""
    with store.read() as session:
        return all_values_in(session)


@dataclass(frozen=True)
class Saved:
    changes: StoreChanges  # the keys written: only those whose value changed


def save_changed(store: Store, actor: Actor, wanted: dict[str, Any]) -> Saved:
    """The settings of a set-up screen in one transaction: only those that changed get written,
    each with its audit row."""
    with store.write() as session:
        written = [name for name, value in wanted.items() if get_in(session, name) != value]
        for name in written:
            put_in(session, actor, name, wanted[name])
    return Saved(StoreChanges(settings=frozenset(written)))
