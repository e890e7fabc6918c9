"""Times, days and text on the wire to the province."""

import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.wire import (
    PROVINCE_ZONE,
    nfc_tree,
    parse_wire_day,
    parse_wire_time,
    wire_day,
    wire_time,
)


def test_a_time_travels_in_vietnam_time() -> None:
    assert wire_time(datetime(2027, 3, 22, 1, 30, tzinfo=UTC)) == "20270322083000"
    assert wire_time(datetime(2027, 12, 31, 20, 0, 5, tzinfo=UTC)) == "20280101030005"
    assert parse_wire_time("20270322083000") == datetime(2027, 3, 22, 1, 30, tzinfo=UTC)


def test_a_time_without_its_zone_is_refused() -> None:
    with pytest.raises(ValueError):
        wire_time(datetime(2027, 3, 22, 8, 30))


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 31),
                    timezones=st.just(UTC)))
def test_times_come_back_as_sent_to_the_second(moment: datetime) -> None:
    assert parse_wire_time(wire_time(moment)) == moment.replace(microsecond=0)
    assert parse_wire_time(wire_time(moment)).utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("text", ["", "2027032208300", "202703220830000", "2027-03-22 08:30",
                                  "20271322083000", "2027032208300٣", "20270230083000"])
def test_malformed_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_wire_time(text)


def test_days() -> None:
    assert wire_day(date(2027, 9, 2)) == "20270902"
    assert parse_wire_day("20270902") == date(2027, 9, 2)
    for text in ("2027092", "20270931", "2027-9-2"):
        with pytest.raises(ValueError):
            parse_wire_day(text)


def test_text_is_nfc_throughout_a_record() -> None:
    decomposed = unicodedata.normalize("NFD", "Hoà")
    record = {decomposed: [decomposed, {"k": decomposed}], "n": 1, "b": True, "z": None}
    assert nfc_tree(record) == {"Hoà": ["Hoà", {"k": "Hoà"}], "n": 1, "b": True, "z": None}
    assert PROVINCE_ZONE.utcoffset(None) == timedelta(hours=7)
