from datetime import date, datetime, timedelta

import pytest

from onestop import dossiers, reports
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import NotAllowed
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office

DAY = date(2026, 12, 7)
NINE = datetime(2026, 12, 7, 9, 0, tzinfo=LOCAL_ZONE)


def receive(office: Office, procedure: str, at: datetime, channel: int = 1) -> str:
    return dossiers.receive(office.store, office.officer, Intake(
        procedure, ApplicantInput("Lê Thị Mai", phone="0912345678"), channel=channel,
        received_at=at)).code


def test_a_day_at_the_counter(office: Office) -> None:
    first = receive(office, "1.004873", NINE)
    receive(office, "2.000815", NINE + timedelta(hours=1), channel=2)
    receive(office, "2.000815", NINE + timedelta(days=1))
    dossiers.transition(office.store, office.officer, first, "supplement_requested", "Thiếu giấy",
                        at=NINE + timedelta(hours=2))
    report = reports.daily(office.store, office.supervisor, DAY, now=NINE + timedelta(hours=8))
    assert (report.received.in_person, report.received.online) == (1, 1)
    assert report.supplement_requests == 1
    assert report.fees_collected == 0  # taken as results are handed over: none was yet
    assert {p.code: p.received for p in report.by_procedure} == {"1.004873": 1, "2.000815": 1}
    assert [o.officer for o in report.by_officer] == ["canbo"]
    assert report.overdue == ()


def test_period_counts_early_late_carried_over_and_overdue(office: Office) -> None:
    early = receive(office, "1.004873", NINE)
    late = receive(office, "1.004873", NINE)
    carried = receive(office, "1.004873", NINE - timedelta(days=14))
    receive(office, "1.004873", NINE + timedelta(days=1))
    dossiers.transition(office.store, office.supervisor, early, "result_ready",
                        at=NINE + timedelta(days=1))
    dossiers.transition(office.store, office.supervisor, late, "result_ready",
                        at=NINE + timedelta(days=9))
    report = reports.period(office.store, office.supervisor, date(2026, 12, 1),
                            date(2026, 12, 31), now=NINE + timedelta(days=20))
    [row] = report.rows
    f = row.figures
    assert (f.received_in_person_or_postal, f.carried_over) == (3, 1)
    assert (f.resolved_early, f.resolved_on_time, f.resolved_late) == (1, 0, 1)
    assert (f.in_process_within_time, f.in_process_overdue) == (0, 2)
    assert carried
    assert row.field == "Hộ tịch"


def test_only_supervisors_read_reports(office: Office) -> None:
    with pytest.raises(NotAllowed):
        reports.daily(office.store, office.officer, DAY)
