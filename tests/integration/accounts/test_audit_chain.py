"""The audit log as a hash chain: `onestop audit verify` finds a changed row, a deleted row and two
rows put in each other's place, and names them."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from cli import main
from onestop import audit, dossiers
from onestop.audit import AuditFilter
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import NotAllowed
from tests.conftest import Office


def a_day_at_the_counter(office: Office) -> int:
    """Receiving, looking and moving: the log grows the way it does at a counter."""
    for name in ("Nguyễn Văn An", "Trần Thị Bích"):
        code = dossiers.receive(office.store, office.officer,
                                Intake("1.004873", ApplicantInput(name))).code
        dossiers.show(office.store, office.officer, code)
        dossiers.transition(office.store, office.officer, code, "in_process")
    with office.store.read() as session:
        return audit.entry_count(session)


def verify_from_the_command_line(office: Office, capsys: pytest.CaptureFixture[str]
                                 ) -> tuple[int, dict[str, Any]]:
    where = ["--data-dir", str(office.store.attachments_dir.parent)]
    if not office.store.is_sqlite:
        where += ["--database-url", office.store.engine.url.render_as_string(hide_password=False)]
    code = main(["audit", "verify", "--json", *where])
    return code, json.loads(capsys.readouterr().out)


def sql(office: Office, statement: str, **values: object) -> None:
    with office.store.engine.begin() as connection:
        connection.execute(text(statement), values)


def swap(office: Office, first: int, second: int) -> None:
    with office.store.engine.begin() as connection:
        for old, new in ((first, -1), (second, first), (-1, second)):
            connection.execute(text("UPDATE audit_log SET id = :new WHERE id = :old"),
                               {"old": old, "new": new})


def test_an_untouched_log_checks_out(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    rows = a_day_at_the_counter(office)
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 0
    assert result == {"ok": True, "entries": rows, "breaks": []}


Tamper = Callable[[Office, int], None]
CHANGES: dict[str, Tamper] = {
    "actor": lambda o, i: sql(o, "UPDATE audit_log SET actor = 'lanhdao' WHERE id = :i", i=i),
    "subject": lambda o, i: sql(o, "UPDATE audit_log SET subject = 'X' WHERE id = :i", i=i),
    "action": lambda o, i: sql(o, "UPDATE audit_log SET action = 'login' WHERE id = :i", i=i),
    "time": lambda o, i: sql(o, "UPDATE audit_log SET at = :at WHERE id = :i", i=i,
                             at="2020-01-01 08:00:00.000000"),
    "details": lambda o, i: sql(o, "UPDATE audit_log SET details = :d WHERE id = :i", i=i,
                                d='{"note": "đã sửa"}'),
    "details not even json": lambda o, i: sql(
        o, "UPDATE audit_log SET details = :d WHERE id = :i", i=i, d='{"note": "đã sửa'),
    "its own seal": lambda o, i: sql(o, "UPDATE audit_log SET hash = :h WHERE id = :i", i=i,
                                     h="f" * 64),
}


@pytest.mark.parametrize(("what", "where"), [
    ("actor", "first"), ("subject", "middle"), ("action", "last"), ("time", "middle"),
    ("details", "first"), ("details not even json", "middle"), ("its own seal", "last")])
def test_a_changed_row_is_named(office: Office, capsys: pytest.CaptureFixture[str], what: str,
                                where: str) -> None:
    rows = a_day_at_the_counter(office)
    if what == "details not even json" and not office.store.is_sqlite:
        pytest.skip("PostgreSQL refuses text that is not JSON in a JSON column")
    row = {"first": 1, "middle": rows // 2, "last": rows}[where]
    CHANGES[what](office, row)
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1
    breaks = result["breaks"]
    assert isinstance(breaks, list)
    assert row in {b["entry_id"] for b in breaks}
    assert any(f"Dòng {row}:" in b["message"] for b in breaks)


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_deleted_row_is_named(office: Office, capsys: pytest.CaptureFixture[str],
                                where: str) -> None:
    rows = a_day_at_the_counter(office)
    row = {"first": 1, "middle": rows // 2, "last": rows}[where]
    sql(office, "DELETE FROM audit_log WHERE id = :i", i=row)
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1
    assert {"entry_id": row, "problem": "missing", "message": f"Dòng {row}: đã bị xoá."} \
        in result["breaks"]


def test_several_deleted_rows_are_each_named(office: Office,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    rows = a_day_at_the_counter(office)
    sql(office, "DELETE FROM audit_log WHERE id BETWEEN 3 AND 5")
    sql(office, "DELETE FROM audit_log WHERE id >= :i", i=rows - 1)
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1
    missing = {b["entry_id"] for b in result["breaks"] if b["problem"] == "missing"}
    assert missing == {3, 4, 5, rows - 1, rows}


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_two_rows_put_in_each_others_place_are_named(
        office: Office, capsys: pytest.CaptureFixture[str], where: str) -> None:
    rows = a_day_at_the_counter(office)
    row = {"first": 1, "middle": rows // 2, "last": rows - 1}[where]
    swap(office, row, row + 1)
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1
    named = {b["entry_id"] for b in result["breaks"]}
    assert {row, row + 1} <= named


def test_the_check_itself_is_logged_and_only_overseers_may_run_it(office: Office) -> None:
    with office.store.write() as session:
        assert audit.check_chain(session, office.supervisor) == []
    with office.store.read() as session:
        newest = audit.entries(session, office.admin, AuditFilter(action="audit.verify"))
    assert [(r.actor, r.details) for r in newest] == [("lanhdao", {"breaks": 0})]
    for actor in (office.officer, office.technician):
        with office.store.write() as session, pytest.raises(NotAllowed):
            audit.check_chain(session, actor)
