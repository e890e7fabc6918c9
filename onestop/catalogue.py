"""The procedure catalogue: imported from the province (or the sample file), read at the counter."""

import json
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop import audit
from onestop.errors import DomainError, NotFound
from onestop.i18n import _
from onestop.limits import limits
from onestop.resources import resource_path
from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.models import Procedure, ProcedureDocument, ProcedureFee
from onestop.text import clean, fold
from onestop.workdays import (
    CALENDAR_DAYS,
    HOURS,
    NO_DATE,
    SAME_DAY,
    WORKING_DAYS,
    Duration,
)

_WIRE_UNITS = {"NgayLamViec": WORKING_DAYS, "Ngay": CALENDAR_DAYS, "Gio": HOURS,
               "TrongNgay": SAME_DAY}
# Procedures the portal lists with no duration that are done on the day (certification, copies
# of civil-status extracts), with the 15:00 cut-off after which they move to the next morning.
_SAME_DAY_PREFIXES = ("chung thuc", "cap ban sao")
_SAME_DAY_CUTOFF = time(15, 0)
ONLINE_CHANNEL = 2


@dataclass(frozen=True)
class DocumentItem:
    code: str
    name: str
    originals: int
    copies: int
    mandatory: bool


def fits_channel(document_name: str, channel: int) -> bool:
    """The portal marks some paper forms "nộp trực tiếp" and their e-form twins "nộp trực
    tuyến", both mandatory: each channel needs only its own."""
    folded = fold(document_name)
    online_only = "truc tuyen" in folded and "truc tiep" not in folded
    in_person_only = "truc tiep" in folded and "truc tuyen" not in folded
    return not (online_only if channel != ONLINE_CHANNEL else in_person_only)


@dataclass(frozen=True)
class Fee:
    code: str
    name: str
    amount: int


@dataclass(frozen=True)
class ProcedureRecord:
    code: str
    name: str
    field_code: str | None
    field_name: str | None
    active: bool
    duration: Duration
    fees: tuple[Fee, ...]
    documents: tuple[DocumentItem, ...]
    is_sample: bool

    @property
    def fees_total(self) -> int:
        return sum(f.amount for f in self.fees)


def duration_from_wire(item: dict[str, Any], name: str) -> Duration:
    term = item.get("ThoiHanGiaiQuyet") or {}
    count = term.get("SoLuong")
    unit = _WIRE_UNITS.get(term.get("DonVi") or "")
    cutoff_text = item.get("GioCatNgang")
    cutoff = time.fromisoformat(cutoff_text) if cutoff_text else None
    if unit is None:
        # "KhongXacDinh" or blank: the stated number is the upper bound in working days.
        if isinstance(count, int) and count > 0:
            unit = WORKING_DAYS
        elif fold(name).startswith(_SAME_DAY_PREFIXES):
            return Duration(SAME_DAY, None, cutoff or _SAME_DAY_CUTOFF)
        else:
            return Duration(NO_DATE, None, cutoff)
    if unit != SAME_DAY and not (isinstance(count, int) and count > 0):
        return Duration(NO_DATE, None, cutoff)
    return Duration(unit, count, cutoff)


def _check_item(item: Any, position: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise DomainError(_("Thủ tục thứ {0} trong tệp không đúng dạng.").format(position))
    for field in ("MaTTHC", "TenTTHC"):
        if not isinstance(item.get(field), str) or not clean(item[field]):
            raise DomainError(_("Thủ tục thứ {0} thiếu trường {1}.").format(position, field))
    for field in ("ThanhPhanHoSo", "PhiLePhi"):
        if not isinstance(item.get(field, []), list):
            raise DomainError(_("Thủ tục {0}: trường {1} phải là danh sách.").format(
                item["MaTTHC"], field))
    parts = [item, item.get("ThoiHanGiaiQuyet") or {}, *(item.get("ThanhPhanHoSo") or []),
             *(item.get("PhiLePhi") or [])]
    for part in parts:
        _check_bounds(clean(str(item["MaTTHC"]))[:60], part)
    try:
        duration_from_wire(item, item["TenTTHC"])
    except (ValueError, AttributeError, TypeError):
        raise DomainError(_("Thủ tục {0}: thời hạn hoặc giờ cắt ngang không đọc được.").format(
            item["MaTTHC"])) from None
    return item


def _check_bounds(code: str, part: Any) -> None:
    """Texts within their lengths and numbers within their ranges: what a province sends reaches
    slips and the province again."""
    if not isinstance(part, dict):
        raise DomainError(_("Thủ tục {0}: một mục không đúng dạng.").format(code))
    rules = limits()
    for field, longest in rules.catalogue_texts.items():
        value = part.get(field)
        if value is not None and (not isinstance(value, str) or len(clean(value)) > longest):
            raise DomainError(_("Thủ tục {0}: trường {1} phải là chữ, tối đa {2} ký tự.").format(
                code, field, longest))
    for field, (lowest, highest) in rules.catalogue_numbers.items():
        value = part.get(field)
        if isinstance(value, str) and value.strip().isdecimal():
            value = int(value)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not lowest <= value <= highest):
            raise DomainError(_("Thủ tục {0}: trường {1} phải là số nguyên từ {2} đến {3}.").format(
                code, field, lowest, highest))


def upsert_procedures(session: Session, items: list[Any], *, is_sample: bool = False) -> int:
    """Store procedures given in the protocol's fields (LayDanhSachTTHC); returns how many."""
    checked = [_check_item(item, i) for i, item in enumerate(items, start=1)]
    for item in checked:
        code = clean(item["MaTTHC"])
        name = clean(item["TenTTHC"])
        duration = duration_from_wire(item, name)
        procedure = session.get(Procedure, code) or Procedure(code=code)
        procedure.name = name
        procedure.name_folded = fold(f"{code} {name}")
        procedure.field_code = clean(item.get("MaLinhVuc")) or None
        procedure.field_name = clean(item.get("TenLinhVuc")) or None
        procedure.active = bool(item.get("HieuLuc", True))
        procedure.duration_unit = duration.unit
        procedure.duration_value = duration.value
        procedure.cutoff = duration.cutoff.strftime("%H:%M") if duration.cutoff else None
        procedure.wire = item
        procedure.is_sample = is_sample
        procedure.fees = [
            ProcedureFee(position=i, code=clean(f.get("MaPhiLePhi")) or f"fee-{i}",
                         name=clean(f.get("TenPhiLePhi")), amount=int(f.get("Gia") or 0))
            for i, f in enumerate(item.get("PhiLePhi") or [])
        ]
        procedure.documents = [
            ProcedureDocument(position=i, code=clean(d.get("MaThanhPhanHoSo")) or f"doc-{i}",
                              name=clean(d.get("TenThanhPhanHoSo")),
                              originals=int(d.get("SoBanChinh") or 0),
                              copies=int(d.get("SoBanSao") or 0),
                              mandatory=bool(d.get("BatBuoc")))
            for i, d in enumerate(item.get("ThanhPhanHoSo") or [])
        ]
        session.add(procedure)
    return len(checked)


def read_catalogue_file(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DomainError(_("Không đọc được tệp danh mục {0}: {1}").format(path.name, error)) from None
    items = data.get("procedures", data.get("data")) if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise DomainError(_("Tệp {0} không chứa danh sách thủ tục.").format(path.name))
    return items


def import_file_in(session: Session, actor: Actor, path: Path, *, is_sample: bool = False) -> int:
    require(actor, "catalogue.change")
    count = upsert_procedures(session, read_catalogue_file(path), is_sample=is_sample)
    audit.record(session, actor, "catalogue.import", path.name, {"procedures": count})
    return count


def import_file(store: Store, actor: Actor, path: Path, *, is_sample: bool = False) -> int:
    with store.write() as session:
        return import_file_in(session, actor, path, is_sample=is_sample)


def sample_catalogue_path() -> Path:
    return resource_path("sample-catalogue.json")


def to_record(p: Procedure) -> ProcedureRecord:
    return ProcedureRecord(
        code=p.code, name=p.name, field_code=p.field_code, field_name=p.field_name,
        active=p.active,
        duration=Duration(p.duration_unit, p.duration_value,
                          time.fromisoformat(p.cutoff) if p.cutoff else None),
        fees=tuple(Fee(f.code, f.name, f.amount) for f in p.fees),
        documents=tuple(DocumentItem(d.code, d.name, d.originals, d.copies, d.mandatory)
                        for d in p.documents),
        is_sample=p.is_sample,
    )


def list_procedures(store: Store, *, active_only: bool = True) -> list[ProcedureRecord]:
    with store.read() as session:
        query = select(Procedure).order_by(Procedure.code)
        if active_only:
            query = query.where(Procedure.active.is_(True))
        return [to_record(p) for p in session.scalars(query)]


def get_procedure_in(session: Session, code: str) -> ProcedureRecord:
    procedure = session.get(Procedure, clean(code))
    if procedure is None:
        raise NotFound(_("Không có thủ tục mã “{0}” trong danh mục.").format(clean(code)),
                       field="procedure")
    return to_record(procedure)


def get_procedure(store: Store, code: str) -> ProcedureRecord:
    with store.read() as session:
        return get_procedure_in(session, code)


def find_procedures(store: Store, typed: str, limit: int = 20) -> list[ProcedureRecord]:
    """Procedures whose code or name contains every typed word, diacritics ignored."""
    with store.read() as session:
        words = fold(typed).split()
        query = select(Procedure).where(Procedure.active.is_(True))
        for word in words:
            query = query.where(Procedure.name_folded.contains(word, autoescape=True))
        return [to_record(p) for p in session.scalars(query.order_by(Procedure.code).limit(limit))]
