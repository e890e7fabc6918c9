"""The counter's dossier list and the order procedures are offered in at intake."""

from datetime import UTC, datetime, timedelta

from onestop import catalogue, dossiers
from onestop.dossier_list import DUE_SOON, DUE_TODAY, OVERDUE, DossierFilter, list_dossiers, urgency
from onestop.procedure_choice import ProcedureUse, procedure_uses, ranked, with_use
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office


def receive(office: Office, procedure: str, name: str, at: datetime) -> str:
    return dossiers.receive(office.store, office.officer, dossiers.Intake(
        procedure, dossiers.ApplicantInput(name), received_at=at)).code


def test_filters_narrow_the_list(office: Office) -> None:
    now = datetime.now(UTC)
    old = receive(office, "1.001193", "Nguyễn Văn Cũ", now - timedelta(days=40))
    new = receive(office, "1.004873", "Trần Thị Mới", now - timedelta(minutes=5))
    dossiers.transition(office.store, office.officer, new, "in_process")

    def codes(**wanted: object) -> list[str]:
        return [d.code for d in list_dossiers(office.store, office.officer,
                                              DossierFilter(**wanted))]  # type: ignore[arg-type]

    assert codes() == [new, old]
    assert codes(status="in_process") == [new]
    assert codes(procedure_code="1.001193") == [old]
    assert codes(received_from=datetime.now(LOCAL_ZONE).date() - timedelta(days=7)) == [new]
    assert codes(typed="tran thi") == [new]
    assert codes(typed="tran thi", status="received") == []
    assert old in codes(overdue_only=True) and new not in codes(overdue_only=True)


def test_urgency_of_an_appointment() -> None:
    now = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert urgency(now - timedelta(minutes=1), None, now) == OVERDUE
    assert urgency(now + timedelta(hours=2), None, now) == DUE_TODAY
    assert urgency(now + timedelta(days=1), None, now) == DUE_SOON
    assert urgency(now + timedelta(days=5), None, now) is None
    assert urgency(now - timedelta(days=1), now, now) is None


def test_recent_and_frequent_procedures_come_first(office: Office) -> None:
    procedures = catalogue.list_procedures(office.store)
    now = datetime.now(UTC)
    for minutes in (30, 20):
        receive(office, "1.004873", "Lê Văn A", now - timedelta(minutes=minutes))
    receive(office, "1.001193", "Lê Văn B", now - timedelta(minutes=10))
    uses = procedure_uses(office.store, office.officer)
    order = [p.code for p in ranked(procedures, uses)]
    assert order[:2] == ["1.001193", "1.004873"]
    assert [p.code for p in ranked(procedures, [], "dang ky khai sinh")][0] == "1.001193"
    assert [p.code for p in ranked(procedures, [], "1.004873")] == ["1.004873"]
    many = [ProcedureUse(p.code, 1, now - timedelta(days=i)) for i, p in enumerate(procedures)]
    assert ranked(procedures, many)[0].code == procedures[0].code


def test_a_use_noted_at_the_counter_ranks_as_the_store_would(office: Office) -> None:
    procedures = catalogue.list_procedures(office.store)
    now = datetime.now(UTC)
    receive(office, "1.004873", "Lê Văn A", now - timedelta(minutes=30))
    noted = procedure_uses(office.store, office.officer)
    for code, minutes in (("1.001193", 20), ("1.004873", 10), ("1.001193", 5)):
        at = now - timedelta(minutes=minutes)
        receive(office, code, "Lê Văn B", at)
        noted = with_use(noted, code, at)
    stored = procedure_uses(office.store, office.officer)
    assert sorted(noted, key=lambda u: u.code) == sorted(stored, key=lambda u: u.code)
    assert [p.code for p in ranked(procedures, noted)][:2] == ["1.001193", "1.004873"]
