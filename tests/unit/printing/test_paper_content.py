from datetime import date

import pytest

from onestop.report_figures import ChannelCounts, PeriodFigures
from printing.form_set import FORM_SET_2018, FORM_SET_2025, FormKind
from printing.money import format_vnd
from tests.unit.printing.paper_samples import period_report


def test_form_labels_follow_the_set() -> None:
    assert FORM_SET_2025.label(FormKind.CONTROL_SLIP) == "Mẫu số 06"
    assert FORM_SET_2018.label(FormKind.CONTROL_SLIP) == "Mẫu số 05"
    assert FORM_SET_2025.label(FormKind.TRACKING_BOOK) == "Mẫu số 07"
    with pytest.raises(ValueError):
        FORM_SET_2018.label(FormKind.STOP_NOTICE)


def test_money_reads_the_vietnamese_way() -> None:
    assert format_vnd(0) == "0 đ"
    assert format_vnd(1_250_000) == "1.250.000 đ"


def test_totals_are_derived() -> None:
    figures = PeriodFigures(
        received_online=2,
        received_in_person_or_postal=3,
        carried_over=1,
        resolved_early=1,
        resolved_on_time=2,
        resolved_late=3,
        in_process_within_time=4,
        in_process_overdue=5,
    )
    assert (figures.received_total, figures.resolved_total, figures.in_process_total) == (6, 6, 9)
    assert (figures + figures).in_process_overdue == 10
    assert ChannelCounts(1, 2, 3).total == 6


def test_period_totals_by_field() -> None:
    report = period_report()
    assert report.field_names() == ["Hộ tịch", "Chứng thực", "Cư trú"]
    assert report.field_total("Hộ tịch").received_online == 10 + 11
    assert report.total().resolved_total == sum(row.figures.resolved_total for row in report.rows)
    assert report.start < report.end <= date(2026, 12, 31)
