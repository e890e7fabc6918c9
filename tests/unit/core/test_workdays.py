from datetime import date, datetime, time

import pytest

from onestop.workdays import (
    CALENDAR_DAYS,
    HOURS,
    LOCAL_ZONE,
    NO_DATE,
    SAME_DAY,
    WORKING_DAYS,
    Duration,
    WorkCalendar,
)


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_ZONE)


CAL = WorkCalendar()


def test_one_working_day_from_a_weekday_morning() -> None:
    # Thursday 09:00 + 1 working day (8 working hours) = Friday 09:00.
    assert CAL.appointment(at(2026, 11, 26, 9), Duration(WORKING_DAYS, 1)).due_at == at(2026, 11, 27, 9)


def test_received_after_closing_counts_from_the_next_working_morning() -> None:
    # Friday 18:00 → counting from Monday 07:00; 1 working day → the end of Monday.
    result = CAL.appointment(at(2026, 11, 27, 18), Duration(WORKING_DAYS, 1))
    assert result.counting_from == at(2026, 11, 30, 7)
    assert result.due_at == at(2026, 11, 30, 17)


def test_before_opening_and_at_lunch() -> None:
    assert CAL.counting_start(at(2026, 11, 26, 6)) == at(2026, 11, 26, 7)
    assert CAL.counting_start(at(2026, 11, 26, 12)) == at(2026, 11, 26, 13, 30)


def test_public_holidays_are_skipped() -> None:
    # 29 April 2026 at lunch; 30/4 and 1/5 are holidays, 2–3/5 a weekend.
    result = CAL.appointment(at(2026, 4, 29, 12), Duration(WORKING_DAYS, 3))
    assert result.due_at == at(2026, 5, 6, 11, 30)


def test_declared_day_off_and_swapped_saturday() -> None:
    calendar = WorkCalendar(days_off=frozenset({date(2026, 11, 27)}),
                            swapped_working_days=frozenset({date(2026, 11, 28)}))
    # Thursday 09:00 + 1 day: Friday is off, Saturday is worked.
    assert calendar.appointment(at(2026, 11, 26, 9), Duration(WORKING_DAYS, 1)).due_at == \
        at(2026, 11, 28, 9)


def test_certification_after_the_cut_off_is_done_the_next_working_day() -> None:
    same_day = Duration(SAME_DAY, None, time(15, 0))
    assert CAL.appointment(at(2026, 11, 26, 14, 59), same_day).due_at == at(2026, 11, 26, 17)
    assert CAL.appointment(at(2026, 11, 26, 15, 1), same_day).due_at == at(2026, 11, 27, 17)


@pytest.mark.parametrize(
    ("duration", "due"),
    [
        (Duration(HOURS, 4), at(2026, 11, 26, 15)),
        (Duration(CALENDAR_DAYS, 15), at(2026, 12, 11, 9)),
        (Duration(NO_DATE), None),
    ],
)
def test_other_kinds_of_duration(duration: Duration, due: datetime | None) -> None:
    assert CAL.appointment(at(2026, 11, 26, 9), duration).due_at == due


def test_working_time_between_skips_nights_and_lunch() -> None:
    assert CAL.working_seconds_between(at(2026, 11, 26, 11), at(2026, 11, 27, 8)) == \
        (0.5 + 3.5 + 1) * 3600


def test_office_hours_are_data() -> None:
    from onestop.settings import parse_office_hours

    hours = parse_office_hours("T2-T6 07:30-11:30 13:00-17:00; T7 07:30-11:30")
    calendar = WorkCalendar(hours=hours)
    # Friday 16:00 + 4 working hours: one hour on Friday, three on Saturday morning.
    assert calendar.appointment(at(2026, 12, 11, 16), Duration(HOURS, 4)).due_at == \
        at(2026, 12, 12, 10, 30)


@pytest.mark.parametrize("text", ["", "T2-T6", "T9 07:00-11:00", "T2 11:00-07:00",
                                  "T2 07:00-11:30 11:00-12:00", "T2 7h-11h"])
def test_wrong_office_hours_are_refused(text: str) -> None:
    from onestop.errors import DomainError
    from onestop.settings import parse_office_hours

    with pytest.raises(DomainError):
        parse_office_hours(text)
