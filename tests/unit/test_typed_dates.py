"""Birth dates typed the ways officers type them."""

from datetime import date

import pytest

from onestop.errors import DomainError
from onestop.typed_dates import parse_typed_date

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize("typed", ["5/7/1995", "05/07/1995", "05071995", "5.7.1995", "05-07-1995",
                                   " 5/7/1995 "])
def test_the_ways_officers_type_a_date(typed: str) -> None:
    assert parse_typed_date(typed, "Ngày sinh", "birth_date", today=TODAY) == date(1995, 7, 5)


@pytest.mark.parametrize(("typed", "words"), [("31/2/1995", "có thật"), ("5/7/95", "dạng"),
                                              ("1/1/2030", "tương lai"), ("abc", "dạng")])
def test_a_wrong_date_is_refused_in_words_about_typing_not_the_qr(typed: str, words: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse_typed_date(typed, "Ngày sinh", "birth_date", today=TODAY)
    assert words in str(refused.value)
    assert "QR" not in str(refused.value)
    assert refused.value.field == "birth_date"
