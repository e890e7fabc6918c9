"""Numbers, days and times as typed on the command line, each within the bounds the counter
uses, so that a typo ends as one line of bad input and never deep inside the store."""

import argparse
import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.workdays import LOCAL_ZONE

FIRST_YEAR, LAST_YEAR = 2000, 2100


def whole_number(low: int, high: int) -> Callable[[str], int]:
    def parsed(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("“{0}” không phải số nguyên").format(text)) from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(_("{0} phải từ {1} đến {2}").format(text, low, high))
        return number

    return parsed


def seconds(low: float, high: float) -> Callable[[str], float]:
    def parsed(text: str) -> float:
        try:
            number = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("“{0}” không phải số").format(text)) from None
        if not math.isfinite(number) or not low <= number <= high:
            raise argparse.ArgumentTypeError(_("{0} phải từ {1} đến {2}").format(text, low, high))
        return number

    return parsed


def year(text: str) -> int:
    return whole_number(FIRST_YEAR, LAST_YEAR)(text)


def day(text: str) -> date:
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("ngày “{0}” không đúng dạng YYYY-MM-DD").format(
            text)) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(_year_outside(text))
    return parsed


def local_time(text: str) -> datetime:
    """An ISO time from the command line; without a zone it is Vietnam's local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise DomainError(_("Thời điểm “{0}” không đúng dạng ISO (vd. 2026-11-23T09:30).").format(
            text)) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DomainError(_year_outside(text))
    return moment.replace(tzinfo=LOCAL_ZONE) if moment.tzinfo is None else moment


def _year_outside(text: str) -> str:
    return _("“{0}”: năm phải từ {1} đến {2}.").format(text, FIRST_YEAR, LAST_YEAR)


def subcommands_of(commands: Any, name: str) -> Any:
    """The subcommands of a command another module registered (argparse keeps them unexposed)."""
    parser = commands.choices[name]
    return next(action for action in parser._actions
                if isinstance(action, argparse._SubParsersAction))
