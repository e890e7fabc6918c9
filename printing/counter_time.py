"""Times as the counter writes them on paper, in Vietnam's time zone."""

from datetime import date, datetime

from onestop.i18n import _
from onestop.workdays import LOCAL_ZONE


def local(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError("a naive datetime has no place on a slip")
    return moment.astimezone(LOCAL_ZONE)


def format_moment(moment: datetime) -> str:
    """'08 giờ 05 phút, ngày 22/11/2026', the wording of the receipt form."""
    shown = local(moment)
    return _("{hour:02d} giờ {minute:02d} phút, ngày {day:02d}/{month:02d}/{year:04d}").format(
        hour=shown.hour, minute=shown.minute, day=shown.day, month=shown.month, year=shown.year
    )


def format_appointment(moment: datetime | None) -> str:
    if moment is None:
        return _("Không có ngày hẹn trả cụ thể")
    return format_moment(moment)


def format_day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_dated_line(place: str, day: date) -> str:
    """'Xã An Bình, ngày 22 tháng 11 năm 2026', the place-and-date line of an official letter."""
    return _("{place}, ngày {day:02d} tháng {month:02d} năm {year:04d}").format(
        place=place, day=day.day, month=day.month, year=day.year
    )


def format_compact(moment: datetime | None) -> str:
    """'08:05 22/11/2026', for table cells; empty when there is no time yet."""
    if moment is None:
        return ""
    shown = local(moment)
    return f"{shown:%H:%M} {format_day(shown.date())}"
