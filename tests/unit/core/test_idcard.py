from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.errors import DomainError
from onestop.idcard import check_id_number, check_phone, parse_qr

GOOD = "001099012345|123456789|Nguyễn Văn An|01011999|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021"


def test_a_card_qr_fills_the_applicant() -> None:
    card = parse_qr(GOOD)
    assert card.id_number == "001099012345"
    assert card.old_id_number == "123456789"
    assert card.full_name == "Nguyễn Văn An"
    assert card.birth_date == date(1999, 1, 1)
    assert card.sex == "Nam"
    assert card.address.startswith("Số 1 Tràng Tiền")
    assert card.issued_on == date(2021, 1, 1)


def test_missing_trailing_fields_and_extra_fields_are_tolerated() -> None:
    assert parse_qr("079303001234||Trần Thị Bích|15062003|Nữ").address == ""
    assert parse_qr(GOOD + "|extra|more").full_name == "Nguyễn Văn An"


def test_decomposed_text_from_a_keyboard_wedge_is_composed() -> None:
    decomposed = GOOD.replace("Nguyễn", "Nguye\u0302\u0303n")
    assert parse_qr(decomposed).full_name == "Nguyễn Văn An"


@pytest.mark.parametrize(
    ("qr", "says"),
    [
        ("", "trống"),
        ("hello world", "ít nhất 5 trường"),
        ("001099012345|123456789|Nguyễn Văn An|31021999|Nam", "không phải ngày có thật"),
        ("001199012345|123456789|Nguyễn Văn An|01011999|Nam", "giới tính"),
        ("001098012345|123456789|Nguyễn Văn An|01011999|Nam", "năm sinh"),
        ("999099012345|123456789|Nguyễn Văn An|01011999|Nam", "mã tỉnh"),
        ("00109901234|123456789|Nguyễn Văn An|01011999|Nam", "12 chữ số"),
        ("001099012345|12345|Nguyễn Văn An|01011999|Nam", "9 chữ số"),
        ("001099012345||Nguyễn Văn An|01011999|Khác", "Nam"),
    ],
)
def test_a_mangled_qr_says_what_is_wrong(qr: str, says: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_qr(qr)
    assert says in str(error.value)


def test_twenty_first_century_woman() -> None:
    assert check_id_number("079303001234", date(2003, 6, 15), "Nữ") == "079303001234"


@pytest.mark.parametrize("phone", ["0912345678", "+84 912 345 678", "091.234.5678", "84912345678"])
def test_phone_numbers_in_common_spellings(phone: str) -> None:
    assert check_phone(phone) == "0912345678"


@pytest.mark.parametrize("phone", ["012345", "0112345678", "09123456789", "abc"])
def test_wrong_phone_numbers_are_refused(phone: str) -> None:
    with pytest.raises(DomainError):
        check_phone(phone)


@given(st.text())
def test_any_text_gives_a_card_or_a_clear_error(text: str) -> None:
    try:
        card = parse_qr(text)
    except DomainError as error:
        assert str(error).strip()
    else:
        assert len(card.id_number) == 12 and card.full_name


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="|"), max_size=30),
                min_size=5, max_size=9))
def test_any_fields_give_a_card_or_a_clear_error(fields: list[str]) -> None:
    try:
        parse_qr("|".join(fields))
    except DomainError as error:
        assert str(error).strip()


@pytest.mark.parametrize(("qr", "field"), [
    ("001099012345||Nguyễn Văn \u202eAn|01011999|Nam|Hà Nội|01012021", "full_name"),
    ("001099012345||Nguyễn Văn An \U0001f600|01011999|Nam|Hà Nội|01012021", "full_name"),
    ("001099012345||Nguyễn Văn An|01011999|Nam|Hà\u200b Nội|01012021", "address"),
    ("001099012345||Nguyễn Văn An|01011999|Nam|" + "Hà Nội " * 100 + "|01012021", "address"),
])
def test_a_card_with_unprintable_or_oversized_text_is_refused(qr: str, field: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_qr(qr)
    assert error.value.field == field
