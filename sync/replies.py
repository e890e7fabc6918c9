"""What the province answers, read into plain records; anything off-protocol is a ProtocolError."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from onestop.outbox import Outcome
from onestop.province_pulls import ProvinceChange, UnreadableChange
from sync.errors import ProtocolError, off_protocol
from sync.wire import is_integer, parse_wire_day, parse_wire_time

T = TypeVar("T")
PulledChange = ProvinceChange | UnreadableChange


@dataclass(frozen=True)
class ItemResult:
    """The province's answer for one pushed dossier or progress row, in request order."""

    record: str  # MaHoSo of a dossier, MaTienDo of a progress row
    outcome: Outcome
    error_code: int
    message: str


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursor: str
    more: bool


class DayKind(Enum):
    DAY_OFF = "Nghi"
    WORKING_DAY = "LamBu"  # a swapped working day, often a Saturday


@dataclass(frozen=True)
class DayOff:
    day: date
    kind: DayKind
    note: str


@dataclass(frozen=True)
class HeldVersion:
    """A dossier the province holds, and the version it holds."""

    dossier_code: str
    version: int


@dataclass(frozen=True)
class AnchoredHead:
    """A head of a counter's audit trail as the province keeps it."""

    counter: str
    rows: int
    digest: str
    at: datetime


@dataclass(frozen=True)
class FileState:
    offset: int
    length: int | None

    def complete(self, size: int) -> bool:
        return self.length == size and self.offset == size


def field(record: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = record.get(name)
    if not (is_integer(value) if kind is int else isinstance(value, kind)):
        raise off_protocol(f"{name} missing or not {kind}")
    return value


def items_of(reply: dict[str, Any]) -> list[dict[str, Any]]:
    data = reply.get("data")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise off_protocol("data is not a list of objects")
    return data


def page(reply: dict[str, Any], read: Callable[[dict[str, Any]], T]) -> Page[T]:
    return Page([read(item) for item in items_of(reply)], field(reply, "cursor", str),
                field(reply, "more", bool))


def item_results(reply: dict[str, Any], key: str, sent: Sequence[str]) -> list[ItemResult]:
    """Per-item results, checked to answer exactly the items sent, in the order sent."""
    results = reply.get("results")
    if not isinstance(results, list) or len(results) != len(sent):
        raise off_protocol(f"results do not answer the {len(sent)} items sent")
    return [_item_result(result, key, expected) for result, expected in zip(results, sent, strict=True)]


def _item_result(result: Any, key: str, expected: str) -> ItemResult:
    if not isinstance(result, dict):
        raise off_protocol("a result is not an object")
    record = field(result, key, str)
    if record != expected:
        raise off_protocol(f"result for {record!r} where {expected!r} was sent")
    code = field(result, "error_code", int)
    message = result.get("message", "")
    stale = result.get("stale", False)
    if not isinstance(message, str) or not isinstance(stale, bool):
        raise off_protocol("message or stale of a result has the wrong type")
    if code == 0:
        outcome = Outcome.STALE if stale else Outcome.ACCEPTED
    elif code == 409:
        outcome = Outcome.CONFLICT
    elif 400 <= code < 500:
        outcome = Outcome.REJECTED
    elif 500 <= code < 600:
        outcome = Outcome.DEFERRED
    else:
        raise off_protocol(f"result error_code {code}")
    return ItemResult(record, outcome, code, message)


def procedure(item: dict[str, Any]) -> dict[str, Any]:
    """A catalogue entry stays a dict in the national field names; its frame is checked here."""
    field(item, "MaTTHC", str)
    field(item, "TenTTHC", str)
    for name, kind in (("HieuLuc", bool), ("ThoiHanGiaiQuyet", dict), ("PhiLePhi", list),
                       ("ThanhPhanHoSo", list)):
        if name in item and item[name] is not None and not isinstance(item[name], kind):
            raise off_protocol(f"{name} of a procedure is not {kind}")
    return item


def province_change(item: dict[str, Any]) -> PulledChange:
    """One change of a LayHoSoThayDoi page; one the counter cannot read does not spoil the
    page, it comes back as unreadable with the reason."""
    try:
        return ProvinceChange(
            dossier_code=field(item, "MaHoSo", str),
            status=field(item, "TrangThaiHoSo", int),
            due_at=_optional_time(item, "NgayHenTra"),
            finished_at=_optional_time(item, "NgayKetThucXuLy"),
            returned_at=_optional_time(item, "NgayTra"),
            note=_optional_text(item, "GhiChu"),
            changed_at=_time(field(item, "ThoiDiem", str), "ThoiDiem"),
            content=item,
        )
    except ProtocolError as error:
        code = item.get("MaHoSo")
        return UnreadableChange(code if isinstance(code, str) else "", item,
                                f"{error}: {error.detail}")


def anchored_head(item: dict[str, Any]) -> AnchoredHead:
    return AnchoredHead(field(item, "Quay", str), field(item, "SoDong", int),
                        field(item, "MaBam", str), _time(field(item, "ThoiDiem", str), "ThoiDiem"))


def day_off(item: dict[str, Any]) -> DayOff:
    text = field(item, "Ngay", str)
    try:
        day = parse_wire_day(text)
        kind = DayKind(field(item, "Loai", str))
    except ValueError as error:
        raise off_protocol(f"day off: {error}") from error
    return DayOff(day, kind, _optional_text(item, "GhiChu"))


def held_version(item: dict[str, Any]) -> HeldVersion:
    return HeldVersion(field(item, "MaHoSo", str), field(item, "PhienBan", int))


def dossier(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise off_protocol("data is not a dossier")
    field(item, "MaHoSo", str)
    field(item, "PhienBan", int)
    return item


def _optional_time(item: dict[str, Any], name: str) -> datetime | None:
    value = item.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise off_protocol(f"{name} is not a string")
    return _time(value, name)


def _time(text: str, name: str) -> datetime:
    try:
        return parse_wire_time(text)
    except ValueError as error:
        raise off_protocol(f"{name}: {error}") from error


def _optional_text(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise off_protocol(f"{name} is not a string")
    return value
