"""The citizen ID card (CCCD): its QR text, its 12-digit number, the old 9-digit CMND, phone numbers.

Every input string gives a parsed card or a DomainError saying what to fix.
"""

import re
from dataclasses import dataclass
from datetime import date

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.limits import check_length, check_printable
from onestop.text import clean

# Province of birth registration: the first three digits of a 12-digit number.
PROVINCE_CODES = frozenset(
    f"{n:03d}"
    for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35,
        36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70,
        72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)

SEXES = ("Nam", "Nữ")
_SEXES = {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ"}
_PHONE = re.compile(r"0(3|5|7|8|9)\d{8}|02\d{9}")


@dataclass(frozen=True)
class IdCard:
    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date | None
    sex: str | None
    address: str
    issued_on: date | None


def _century_sex_digit(birth_year: int, sex: str) -> int:
    century_index = (birth_year // 100) - 19
    return century_index * 2 + (1 if sex == "Nữ" else 0)


def check_id_number(number: str, birth_date: date | None = None, sex: str | None = None) -> str:
    """A 12-digit citizen number, checked against the birth date and sex when they are known."""
    number = clean(number).replace(" ", "")
    if not number.isdigit() or not number.isascii() or len(number) != 12:
        raise DomainError(
            _("Số định danh cá nhân phải gồm đúng 12 chữ số (đang có: “{0}”).").format(number),
            field="id_number",
        )
    if number[:3] not in PROVINCE_CODES:
        raise DomainError(
            _("Số định danh {0}: mã tỉnh nơi đăng ký khai sinh “{1}” không tồn tại.").format(
                number, number[:3]
            ),
            field="id_number",
        )
    digit = int(number[3])
    if digit > 5:
        raise DomainError(
            _("Số định danh {0}: chữ số thứ tư (thế kỷ và giới tính) phải từ 0 đến 5.").format(
                number
            ),
            field="id_number",
        )
    if birth_date is not None:
        if int(number[4:6]) != birth_date.year % 100:
            raise DomainError(
                _("Số định danh {0} không khớp năm sinh {1}.").format(number, birth_date.year),
                field="id_number",
            )
        if sex is not None and digit != _century_sex_digit(birth_date.year, sex):
            raise DomainError(
                _("Số định danh {0} không khớp giới tính “{1}” và năm sinh {2}.").format(
                    number, sex, birth_date.year
                ),
                field="id_number",
            )
    return number


def check_old_id_number(number: str) -> str:
    number = clean(number).replace(" ", "")
    if not (number.isascii() and number.isdigit() and len(number) == 9):
        raise DomainError(
            _("Số CMND cũ phải gồm đúng 9 chữ số (đang có: “{0}”).").format(number),
            field="old_id_number",
        )
    return number


def check_phone(phone: str) -> str:
    """A Vietnamese phone number, stored as 0xxxxxxxxx; +84 and spaces, dots, dashes are accepted."""
    raw = clean(phone)
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not (digits.isascii() and _PHONE.fullmatch(digits)):
        raise DomainError(
            _("Số điện thoại “{0}” không hợp lệ: cần 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 "
              "(hoặc số cố định 02…).").format(raw),
            field="phone",
        )
    return digits


def parse_card_date(text: str, what: str) -> date:
    text = clean(text)
    if not (text.isascii() and text.isdigit() and len(text) == 8):
        raise DomainError(
            _("{0} trên mã QR phải có dạng ngàythángnăm (8 chữ số), đang có: “{1}”.").format(
                what, text
            )
        )
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise DomainError(
            _("{0} trên mã QR không phải ngày có thật: “{1}”.").format(what, text)
        ) from None


def parse_sex(text: str) -> str:
    sex = _SEXES.get(clean(text).casefold())
    if sex is None:
        raise DomainError(_("Giới tính trên mã QR phải là “Nam” hoặc “Nữ”, đang có: “{0}”.").format(
            clean(text)
        ))
    return sex


def parse_qr(text: str) -> IdCard:
    """Read the QR printed on a citizen ID card: ID|CMND|name|birth|sex|address|issued[|…]."""
    text = clean(text.replace("\r", " ").replace("\n", " "))
    if not text:
        raise DomainError(_("Mã QR trống: hãy quét lại thẻ căn cước."))
    fields = [clean(f) for f in text.split("|")]
    if len(fields) < 5:
        raise DomainError(
            _("Mã QR không phải của thẻ căn cước: cần ít nhất 5 trường ngăn bởi “|”, đang có {0}. "
              "Hãy quét lại, hoặc nhập tay.").format(len(fields))
        )
    while len(fields) < 7:
        fields.append("")
    number, old_number, name, birth, sex_text, address, issued = fields[:7]
    if not name or any(ch.isdigit() for ch in name):
        raise DomainError(_("Họ tên trên mã QR không đọc được: “{0}”.").format(name))
    check_printable("full_name", check_length("full_name", name))
    check_printable("address", check_length("address", address))
    birth_date = parse_card_date(birth, _("Ngày sinh"))
    sex = parse_sex(sex_text)
    number = check_id_number(number, birth_date, sex)
    old = check_old_id_number(old_number) if old_number else ""
    issued_on = parse_card_date(issued, _("Ngày cấp")) if issued else None
    if issued_on is not None and issued_on < birth_date:
        raise DomainError(_("Ngày cấp trên mã QR ({0}) trước ngày sinh.").format(issued))
    return IdCard(number, old, name, birth_date, sex, address, issued_on)
