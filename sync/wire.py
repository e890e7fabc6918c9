"""The protocol's wire formats: times, days and text as they travel to and from the province."""

import unicodedata
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeGuard

# Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset needs no time-zone
# database, which Windows machines may lack.
PROVINCE_ZONE = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_TIME_FORMAT = "%Y%m%d%H%M%S"
_DAY_FORMAT = "%Y%m%d"


def wire_time(moment: datetime) -> str:
    """`yyyyMMddHHmmss` in the province's zone; `moment` must carry its zone."""
    if moment.tzinfo is None:
        raise ValueError("a wire time needs an aware datetime")
    return moment.astimezone(PROVINCE_ZONE).strftime(_TIME_FORMAT)


def parse_wire_time(text: str) -> datetime:
    if not (len(text) == 14 and text.isascii() and text.isdigit()):
        raise ValueError(f"not a yyyyMMddHHmmss time: {text!r}")
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=PROVINCE_ZONE)


def wire_day(day: date) -> str:
    return day.strftime(_DAY_FORMAT)


def parse_wire_day(text: str) -> date:
    if not (len(text) == 8 and text.isascii() and text.isdigit()):
        raise ValueError(f"not a yyyyMMdd day: {text!r}")
    return datetime.strptime(text, _DAY_FORMAT).date()


def nfc_tree(value: Any) -> Any:
    """The same JSON value with every string, keys included, in Unicode NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc_tree(item) for item in value]
    if isinstance(value, dict):
        return {nfc_tree(key): nfc_tree(item) for key, item in value.items()}
    return value


def is_integer(value: object) -> TypeGuard[int]:
    """A JSON integer; Python counts True as 1, the protocol does not."""
    return isinstance(value, int) and not isinstance(value, bool)
