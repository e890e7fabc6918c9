"""What the citizen's screen may show: never a whole ID number."""

from hypothesis import given
from hypothesis import strategies as st

from onestop.citizen_view import citizen_view, masked_id_number


def test_the_middle_digits_are_hidden() -> None:
    assert masked_id_number("001099012345") == "001******345"
    assert masked_id_number(" 123456789 ") == "123***789"
    assert masked_id_number("12345") == "*****"
    assert masked_id_number("") == ""


@given(st.text(alphabet="0123456789", min_size=1, max_size=14))
def test_no_id_number_comes_through_whole(number: str) -> None:
    masked = masked_id_number(number)
    assert len(masked) == len(number) and masked != number
    assert masked.count("*") >= max(len(number) - 6, 1)


def test_the_view_is_cleaned_and_masked() -> None:
    view = citizen_view("  Nguyễn   Thị Hoà ", "001185012345", "Đăng ký khai sinh", (" Tờ khai ",))
    assert (view.full_name, view.id_number, view.papers) == ("Nguyễn Thị Hoà", "001******345",
                                                              ("Tờ khai",))
