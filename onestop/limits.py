"""Limits at every boundary, read from resources/limits.json: lengths of text fields, printable text
in names and addresses, dates in sensible ranges, numbers bounded. Each check gives a DomainError
naming the field."""

import json
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from onestop.errors import DomainError
from onestop.i18n import N_, _
from onestop.resources import resource_path

FIELD_NAMES = {
    "full_name": N_("Họ tên"),
    "address": N_("Địa chỉ"),
    "email": N_("Thư điện tử"),
    "note": N_("Ghi chú"),
    "reasons": N_("Lý do"),
    "reason": N_("Lý do"),
    "sets": N_("Số bộ hồ sơ"),
    "originals": N_("Số bản chính"),
    "copies": N_("Số bản sao"),
    "birth_date": N_("Ngày sinh"),
    "id_issued_on": N_("Ngày cấp"),
}
# Bidi overrides and isolates and zero-width characters are format characters (Cf), refused by
# category; variation selectors, which turn a letter or a symbol into an emoji, are marks and are
# named here.
_INVISIBLE_MARKS = frozenset(range(0xFE00, 0xFE10)) | frozenset(range(0xE0100, 0xE01F0))
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "So", "Sk"})


@dataclass(frozen=True)
class Limits:
    lengths: dict[str, int]
    counts: dict[str, tuple[int, int]]
    earliest_birth_year: int
    back_dated_days: int
    ahead_minutes: int
    back_dated_by: frozenset[str]
    settings: dict[str, tuple[int, int]]
    catalogue_texts: dict[str, int]
    moment_years: tuple[int, int]
    catalogue_numbers: dict[str, tuple[int, int]]


@cache
def limits() -> Limits:
    data = json.loads(resource_path("limits.json").read_text(encoding="utf-8"))
    received = data["received_at"]
    return Limits(
        lengths={k: int(v) for k, v in data["lengths"].items()},
        counts={k: (int(lo), int(hi)) for k, (lo, hi) in data["counts"].items()},
        earliest_birth_year=int(data["earliest_birth_year"]),
        back_dated_days=int(received["back_dated_days"]),
        ahead_minutes=int(received["ahead_minutes"]),
        back_dated_by=frozenset(received["back_dated_by"]),
        settings={k: (int(lo), int(hi)) for k, (lo, hi) in data["settings"].items()},
        catalogue_texts={k: int(v) for k, v in data["catalogue"]["texts"].items()},
        moment_years=(int(data["moments"]["earliest_year"]), int(data["moments"]["latest_year"])),
        catalogue_numbers={k: (int(lo), int(hi))
                           for k, (lo, hi) in data["catalogue"]["numbers"].items()},
    )


def field_name(field: str) -> str:
    return _(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def check_length(field: str, text: str, limit_key: str | None = None) -> str:
    longest = limits().lengths[limit_key or field]
    if len(text) > longest:
        raise DomainError(_("{0} dài {1} ký tự, quá giới hạn {2} ký tự.").format(
            field_name(field), len(text), longest), field=field)
    return text


def check_printable(field: str, text: str) -> str:
    """Letters, digits, spaces and punctuation only: what a slip can print and a person can read."""
    for ch in text:
        if ord(ch) in _INVISIBLE_MARKS or unicodedata.category(ch) in _REFUSED_CATEGORIES:
            raise DomainError(_("{0} có ký tự không in được (U+{1:04X}): chỉ nhập chữ, số và dấu "
                                "câu.").format(field_name(field), ord(ch)), field=field)
    return text


def check_count(field: str, value: int) -> int:
    lowest, highest = limits().counts[field]
    if not lowest <= value <= highest:
        raise DomainError(_("{0} phải từ {1} đến {2}.").format(field_name(field), lowest, highest),
                          field=field)
    return value


def check_past_date(field: str, value: date | None, today: date) -> date | None:
    """A birth or issue date: not in the future, not before the earliest year on file."""
    if value is None:
        return None
    earliest = limits().earliest_birth_year
    if value > today or value.year < earliest:
        raise DomainError(_("{0} {1:%d/%m/%Y} không hợp lệ: phải từ năm {2} đến hôm nay.").format(
            field_name(field), value, earliest), field=field)
    return value


def check_moment(field: str, at: datetime | None) -> datetime | None:
    """A time a dossier records (received, due, finished, returned): with its zone, and in the
    years a counter can have known, so that no calendar counts towards year 1 or 9999."""
    if at is None:
        return None
    earliest, latest = limits().moment_years
    if at.tzinfo is None or not earliest <= at.year <= latest:
        raise DomainError(_("Thời điểm {0} không hợp lệ: cần có múi giờ và thuộc các năm {1}–{2}."
                            ).format(at.isoformat(), earliest, latest), field=field)
    return at


def check_received_at(at: datetime, now: datetime, roles: frozenset[str]) -> datetime:
    """Never ahead of the clock by more than a few minutes; back-dated only by the roles the data
    names, and not far."""
    rules = limits()
    if at > now + timedelta(minutes=rules.ahead_minutes):
        raise DomainError(_("Thời điểm tiếp nhận không được ở tương lai."), field="received_at")
    if at < now - timedelta(minutes=rules.ahead_minutes):
        if not roles & rules.back_dated_by:
            raise DomainError(_("Chỉ lãnh đạo mới được ghi lùi thời điểm tiếp nhận."),
                              field="received_at")
        if at < now - timedelta(days=rules.back_dated_days):
            raise DomainError(_("Thời điểm tiếp nhận chỉ được ghi lùi tối đa {0} ngày.").format(
                rules.back_dated_days), field="received_at")
    return at
