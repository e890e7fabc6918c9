"""The work calendar: office hours, weekends, public holidays, declared days off and swapped
working days, and the appointment date each kind of duration gives."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
WORKING_DAY_SECONDS = 8 * 3600

Periods = tuple[tuple[time, time], ...]

STANDARD_HOURS: dict[int, Periods] = {
    weekday: ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))) for weekday in range(5)
} | {5: (), 6: ()}

# Durations, in the catalogue's own words.
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
HOURS = "hours"
SAME_DAY = "same_day"
NO_DATE = "none"
DURATION_UNITS = (WORKING_DAYS, CALENDAR_DAYS, HOURS, SAME_DAY, NO_DATE)


@dataclass(frozen=True)
class Duration:
    unit: str
    value: int | None = None
    cutoff: time | None = None


@dataclass(frozen=True)
class Appointment:
    counting_from: datetime
    due_at: datetime | None


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


@dataclass
class WorkCalendar:
    hours: Mapping[int, Periods] = field(default_factory=lambda: dict(STANDARD_HOURS))
    days_off: frozenset[date] = frozenset()
    swapped_working_days: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.days_off:
            return False
        if day in self.swapped_working_days:
            return True
        if day in public_holidays(day.year):
            return False
        return bool(self.hours.get(day.weekday()))

    def periods(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        # A swapped working day (often a Saturday) is worked as a full Monday.
        weekday = 0 if day in self.swapped_working_days else day.weekday()
        spans = self.hours.get(weekday) or ()
        return [
            (datetime.combine(day, a, LOCAL_ZONE), datetime.combine(day, b, LOCAL_ZONE))
            for a, b in spans
        ]

    def _periods_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        day = moment.date()
        for _ in range(3660):
            for start, end in self.periods(day):
                if end > moment:
                    yield max(start, moment), end
            day += timedelta(days=1)
        raise ValueError("no working hours in ten years: the office hours are empty")

    def counting_start(self, moment: datetime) -> datetime:
        """When the clock starts for a dossier handed in at `moment` (before opening, at lunch,
        after closing or on a day off, it starts at the next working period)."""
        local = moment.astimezone(LOCAL_ZONE)
        return next(self._periods_from(local))[0]

    def next_working_morning(self, moment: datetime) -> datetime:
        local = moment.astimezone(LOCAL_ZONE)
        after_today = datetime.combine(local.date() + timedelta(days=1), time(0), LOCAL_ZONE)
        return self.counting_start(after_today)

    def add_working_time(self, start: datetime, seconds: float) -> datetime:
        remaining = timedelta(seconds=seconds)
        local = start.astimezone(LOCAL_ZONE)
        if remaining <= timedelta(0):
            return local
        for begin, end in self._periods_from(local):
            if remaining <= end - begin:
                return begin + remaining
            remaining -= end - begin
        raise AssertionError("unreachable")

    def working_seconds_between(self, a: datetime, b: datetime) -> float:
        if b <= a:
            return 0.0
        total = 0.0
        end_local = b.astimezone(LOCAL_ZONE)
        for begin, end in self._periods_from(a.astimezone(LOCAL_ZONE)):
            if begin >= end_local:
                break
            total += (min(end, end_local) - begin).total_seconds()
        return total

    def closing_time(self, day: date) -> datetime:
        return self.periods(day)[-1][1]

    def appointment(self, received_at: datetime, duration: Duration) -> Appointment:
        local = received_at.astimezone(LOCAL_ZONE)
        start = self.counting_start(local)
        if (
            duration.cutoff is not None
            and start.date() == local.date()
            and local.timetz().replace(tzinfo=None) >= duration.cutoff
        ):
            start = self.next_working_morning(local)
        unit, value = duration.unit, duration.value or 0
        if unit == NO_DATE:
            return Appointment(start, None)
        if unit == SAME_DAY:
            return Appointment(start, self.closing_time(start.date()))
        if unit == HOURS:
            return Appointment(start, self.add_working_time(start, value * 3600))
        if unit == WORKING_DAYS:
            return Appointment(start, self.add_working_time(start, value * WORKING_DAY_SECONDS))
        if unit == CALENDAR_DAYS:
            due = start + timedelta(days=value)
            if not self.is_working_day(due.date()):
                due = self.closing_time(self.counting_start(due).date())
            return Appointment(start, due)
        raise ValueError(f"unknown duration unit {unit!r}")

    def working_days_in(self, year: int) -> Iterable[date]:
        day = date(year, 1, 1)
        while day.year == year:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)
