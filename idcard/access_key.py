"""The key that opens the chip (BAC): document number, birth date and expiry date, taken from the
MRZ on the back of the card, or from the QR's ID number and birth date with the expiry that the
card's validity rules give."""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.resources import resource_path
from onestop.text import clean

_WEIGHTS = (7, 3, 1)
_MRZ_CHARACTERS = re.compile(r"[0-9A-Z<]+")


@dataclass(frozen=True)
class AccessKey:
    document_number: str
    birth_date: date
    expiry_date: date

    def mrz_information(self) -> str:
        number = self.document_number.ljust(9, "<")
        birth, expiry = _yymmdd(self.birth_date), _yymmdd(self.expiry_date)
        return (number + check_digit(number) + birth + check_digit(birth) + expiry
                + check_digit(expiry))

    def seed(self) -> bytes:
        return hashlib.sha1(self.mrz_information().encode("ascii")).digest()[:16]


def check_digit(field: str) -> str:
    total = 0
    for position, character in enumerate(field):
        if character.isdigit():
            value = int(character)
        elif "A" <= character <= "Z":
            value = ord(character) - ord("A") + 10
        else:
            value = 0
        total += value * _WEIGHTS[position % 3]
    return str(total % 10)


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def access_key(document_number: str, birth_date: date, expiry_date: date) -> AccessKey:
    number = clean(document_number).replace(" ", "").upper()
    if not number or len(number) > 9 or not _MRZ_CHARACTERS.fullmatch(number):
        raise DomainError(
            _("Số giấy tờ để mở chip phải có từ 1 đến 9 chữ số hoặc chữ cái (đang có: “{0}”).").format(
                number), field="document_number")
    if expiry_date <= birth_date:
        raise DomainError(_("Ngày hết hạn của thẻ phải sau ngày sinh."), field="expiry_date")
    return AccessKey(number, birth_date, expiry_date)


def key_from_mrz(text: str) -> AccessKey:
    """The key from the MRZ of the card's back: three lines of 30 (TD1) or two of 44 (TD3)."""
    mrz = re.sub(r"\s+", "", clean(text)).upper()
    if len(mrz) == 90 and _MRZ_CHARACTERS.fullmatch(mrz):
        number, birth, expiry = mrz[5:15], mrz[30:37], mrz[38:45]
    elif len(mrz) == 88 and _MRZ_CHARACTERS.fullmatch(mrz):
        number, birth, expiry = mrz[44:54], mrz[57:64], mrz[65:72]
    else:
        raise DomainError(_("Dòng MRZ phải có 3 dòng 30 ký tự (mặt sau thẻ căn cước) hoặc 2 dòng "
                            "44 ký tự, gồm chữ in hoa, chữ số và “<” (đang có {0} ký tự).").format(
                                len(mrz)), field="mrz")
    for field in (number, birth, expiry):
        if check_digit(field[:-1]) != field[-1]:
            raise DomainError(_("Dòng MRZ đọc sai: chữ số kiểm tra của “{0}” không khớp; hãy nhập "
                                "lại.").format(field[:-1]), field="mrz")
    birth_date = _mrz_date(birth[:6], past=True)
    return access_key(number[:-1].rstrip("<"), birth_date, _mrz_date(expiry[:6], past=False))


def _mrz_date(text: str, past: bool) -> date:
    try:
        day = date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise DomainError(_("Dòng MRZ có ngày không có thật: “{0}”.").format(text),
                          field="mrz") from None
    if past and day > date.today():
        day = day.replace(year=day.year - 100)
    return day


def key_from_card_number(id_number: str, birth_date: date, issue_date: date | None) -> AccessKey:
    """The key from the QR: the ID number's last nine digits and the birth date; the expiry from
    the validity rules, which need the issue date."""
    if issue_date is None:
        raise DomainError(_("Mã QR không có ngày cấp thẻ nên không tính được ngày hết hạn: hãy nhập "
                            "dòng MRZ ở mặt sau thẻ."), field="mrz")
    expiry = expiry_by_rules(birth_date, issue_date)
    if expiry is None:
        raise DomainError(_("Thẻ này không có thời hạn nên chưa biết khoá mở chip: hãy nhập dòng MRZ "
                            "ở mặt sau thẻ."), field="mrz")
    return access_key(id_number[-9:], birth_date, expiry)


@cache
def _validity_rules() -> dict[str, Any]:
    rules: dict[str, Any] = json.loads(
        resource_path("card_validity.json").read_text(encoding="utf-8"))
    return rules


def _birthday(birth_date: date, age: int) -> date:
    year = birth_date.year + age
    if birth_date.month == 2 and birth_date.day == 29:
        return date(year, 3, 1) if year % 4 else date(year, 2, 29)
    return birth_date.replace(year=year)


def expiry_by_rules(birth_date: date, issue_date: date) -> date | None:
    """The card's expiry: the next renewal birthday not within the grace years of its issue;
    None for a card without one."""
    rules = _validity_rules()
    grace = int(rules["grace_years"])
    for age in rules["renewal_ages"]:
        renewal = _birthday(birth_date, int(age))
        if issue_date < _birthday(birth_date, int(age) - grace):
            return renewal
    return None
