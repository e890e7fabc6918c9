"""The front of house's set-up: the fields a citizen picks at the kiosk and the fields each counter
serves. Both are settings a supervisor changes; each change is audited."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop import audit
from onestop.errors import DomainError, NotFound
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.queue_models import QueueCounter, QueueField
from onestop.text import clean


@dataclass(frozen=True)
class FieldRecord:
    code: str
    name: str
    prefix: str
    position: int


@dataclass(frozen=True)
class CounterRecord:
    code: str
    name: str
    number: int
    field_codes: tuple[str, ...]


def _field_record(row: QueueField) -> FieldRecord:
    return FieldRecord(row.code, row.name, row.prefix, row.position)


def _counter_record(row: QueueCounter) -> CounterRecord:
    return CounterRecord(row.code, row.name, row.number, tuple(row.field_codes))


def define_field(store: Store, actor: Actor, code: str, name: str, prefix: str,
                 position: int = 0) -> FieldRecord:
    """Add a field to the kiosk, or rename it; its prefix starts its tickets' labels."""
    require(actor, "settings.counter")
    code, name, prefix = clean(code).upper(), clean(name), clean(prefix).upper()
    if not code or len(code) > 40 or " " in code:
        raise DomainError(_("Mã lĩnh vực “{0}” không hợp lệ.").format(code), field="code")
    if not name:
        raise DomainError(_("Thiếu tên lĩnh vực."), field="name")
    if len(prefix) > 3 or (prefix and not prefix.isalnum()):
        raise DomainError(_("Tiền tố số thứ tự “{0}” cần từ 0 đến 3 chữ cái hoặc chữ số.").format(
            prefix), field="prefix")
    with store.write() as session:
        row = session.get(QueueField, code)
        if row is None:
            row = QueueField(code=code, active=True)
            session.add(row)
        row.name, row.prefix, row.position = name, prefix, position
        audit.record(session, actor, "queue.field", code, {"name": name, "prefix": prefix})
        return _field_record(row)


def set_counter(store: Store, actor: Actor, code: str, name: str, number: int,
                field_codes: Sequence[str]) -> CounterRecord:
    """A counter that calls tickets, and the fields it serves."""
    require(actor, "settings.counter")
    code, name = clean(code).upper(), clean(name)
    wanted = tuple(dict.fromkeys(clean(f).upper() for f in field_codes if clean(f)))
    if not code or len(code) > 20:
        raise DomainError(_("Mã quầy “{0}” không hợp lệ.").format(code), field="code")
    if not 1 <= number <= 99:
        raise DomainError(_("Số quầy phải từ 1 đến 99."), field="number")
    with store.write() as session:
        known = set(session.scalars(select(QueueField.code).where(QueueField.active)))
        unknown = [f for f in wanted if f not in known]
        if unknown:
            raise DomainError(_("Không có lĩnh vực “{0}”.").format(", ".join(unknown)),
                              field="fields")
        row = session.get(QueueCounter, code)
        if row is None:
            row = QueueCounter(code=code)
            session.add(row)
        row.name, row.number, row.field_codes = name or code, number, list(wanted)
        audit.record(session, actor, "queue.counter", code,
                     {"name": row.name, "number": number, "fields": list(wanted)})
        return _counter_record(row)


def fields_in(session: Session) -> list[FieldRecord]:
    rows = session.scalars(select(QueueField).where(QueueField.active)
                           .order_by(QueueField.position, QueueField.code))
    return [_field_record(row) for row in rows]


def counters_in(session: Session) -> list[CounterRecord]:
    rows = session.scalars(select(QueueCounter).order_by(QueueCounter.number, QueueCounter.code))
    return [_counter_record(row) for row in rows]


def list_fields(store: Store) -> list[FieldRecord]:
    with store.read() as session:
        return fields_in(session)


def list_counters(store: Store) -> list[CounterRecord]:
    with store.read() as session:
        return counters_in(session)


def counter_in(session: Session, code: str) -> QueueCounter:
    row = session.get(QueueCounter, clean(code).upper())
    if row is None:
        raise NotFound(_("Không có quầy “{0}” trong danh sách quầy gọi số.").format(clean(code)),
                       field="counter")
    return row
