"""DG13, the Vietnamese card's personal data: under tag 6D, each field a SEQUENCE of its number
(INTEGER) and its value (UTF8String); the parents' field holds a SEQUENCE of names, father first."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from idcard.tlv import Tlv, children, read_tlv

_SEQUENCE, _INTEGER, _UTF8 = 0x30, 0x02, 0x0C
_DG13 = 0x6D


@dataclass(frozen=True)
class CitizenData:
    id_number: str
    full_name: str
    birth_date: date | None
    sex: str
    nationality: str
    ethnicity: str
    religion: str
    home_town: str
    residence: str
    identifying_marks: str
    issue_date: date | None
    expiry_date: date | None
    father_name: str
    mother_name: str
    old_id_number: str


class BadCitizenData(ValueError):
    """DG13 is not laid out as expected."""


def _texts(item: Tlv) -> list[str]:
    if item.tag == _UTF8:
        return [unicodedata.normalize("NFC", item.value.decode("utf-8")).strip()]
    if item.constructed:
        return [text for child in children(item.value) for text in _texts(child)]
    return []


def _fields(container: bytes, found: dict[int, list[str]]) -> None:
    for item in children(container):
        if item.tag != _SEQUENCE:
            continue
        inner = list(children(item.value))
        if inner and inner[0].tag == _INTEGER:
            found[int.from_bytes(inner[0].value, "big")] = [
                text for child in inner[1:] for text in _texts(child)]
        else:
            _fields(item.value, found)


def card_date(text: str) -> date | None:
    """dd/mm/yyyy (or ddmmyyyy); None for a card without expiry ("Không thời hạn")."""
    digits = re.sub(r"\D", "", text)
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        return None


def parse_dg13(content: bytes) -> CitizenData:
    try:
        outer = read_tlv(content)
        if outer.tag != _DG13:
            raise BadCitizenData(f"DG13 starts with tag {outer.tag:X}")
        found: dict[int, list[str]] = {}
        _fields(outer.value, found)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadCitizenData(str(error)) from None

    def text(number: int, index: int = 0) -> str:
        values = found.get(number, [])
        return values[index] if len(values) > index else ""

    if not text(1) or not text(2):
        raise BadCitizenData("DG13 lacks the ID number or the name")
    return CitizenData(
        id_number=text(1), full_name=text(2), birth_date=card_date(text(3)), sex=text(4),
        nationality=text(5), ethnicity=text(6), religion=text(7), home_town=text(8),
        residence=text(9), identifying_marks=text(10), issue_date=card_date(text(11)),
        expiry_date=card_date(text(12)), father_name=text(13), mother_name=text(13, 1),
        old_id_number=text(16))
