"""The day a person picked in a date field, as a Python date."""

from datetime import date

from PySide6.QtWidgets import QDateEdit


def picked_day(field: QDateEdit) -> date:
    day = field.date().toPython()
    assert isinstance(day, date)
    return day
