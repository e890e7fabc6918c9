"""Dates as an officer types them: d/m/yyyy, dd/mm/yyyy or ddmmyyyy (dots or dashes also do)."""

import re
from datetime import date

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.text import clean

_SEPARATED = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_RUN_TOGETHER = re.compile(r"(\d{2})(\d{2})(\d{4})")


def parse_typed_date(text: str, what: str, field: str, *, today: date | None = None) -> date:
    """The day `text` names; `what` names the field in the message, `field` marks it."""
    typed = clean(text).replace(" ", "")
    found = _SEPARATED.fullmatch(typed) or _RUN_TOGETHER.fullmatch(typed)
    if found is None:
        raise DomainError(_("{0} “{1}” chưa đúng dạng: gõ ngày/tháng/năm, ví dụ 5/7/1995 hoặc "
                            "05071995.").format(what, text.strip()), field=field)
    day, month, year = (int(part) for part in found.groups())
    try:
        typed_day = date(year, month, day)
    except ValueError:
        raise DomainError(_("{0} “{1}” không phải ngày có thật.").format(what, text.strip()),
                          field=field) from None
    if typed_day > (today or date.today()):
        raise DomainError(_("{0} “{1}” là ngày trong tương lai.").format(what, text.strip()),
                          field=field)
    return typed_day
