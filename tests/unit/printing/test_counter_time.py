from datetime import UTC, date, datetime

import pytest

from printing.counter_time import (
    format_appointment,
    format_dated_line,
    format_day,
    format_moment,
)


def test_times_are_shown_in_vietnam() -> None:
    assert format_moment(datetime(2026, 11, 22, 1, 5, tzinfo=UTC)) == ("08 giờ 05 phút, ngày 22/11/2026")
    assert format_moment(datetime(2026, 12, 31, 17, 30, tzinfo=UTC)) == ("00 giờ 30 phút, ngày 01/01/2027")


def test_no_appointment_says_so() -> None:
    assert format_appointment(None) == "Không có ngày hẹn trả cụ thể"


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_moment(datetime(2026, 11, 22, 8, 5))


def test_days_and_letter_dates() -> None:
    assert format_day(date(2026, 3, 5)) == "05/03/2026"
    assert format_dated_line("Xã Hoà Bình", date(2026, 3, 5)) == ("Xã Hoà Bình, ngày 05 tháng 03 năm 2026")
