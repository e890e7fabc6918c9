"""The audit log as a hash chain: `onestop audit verify` finds a changed row, a deleted row and two
rows put in each other's place, and names them."""

import hashlib
import json
import shutil
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from cli import main
from cli.context import ACCOUNT_PASSWORD_VARIABLE
from onestop import audit, audit_key, dossiers
from onestop.audit import AuditBreak, AuditFilter
from onestop.audit_key_sharing import export_chain_key, install_chain_key
from onestop.dossiers import ApplicantInput, Intake
from onestop.errors import DomainError, NotAllowed
from onestop.roles import ADMIN, Actor
from onestop.store import migrations
from onestop.store.engine import DATABASE_FILE, open_store
from tests.conftest import PASSWORD, Office
from tests.integration.accounts.memory_keyring import MemoryKeyring

SYSTEM_READER = Actor("kiemtra", "Kiểm tra", frozenset({ADMIN}))


def a_day_at_the_counter(office: Office) -> int:
    """Receiving, looking and moving: the log grows the way it does at a counter."""
    for name in ("Nguyễn Văn An", "Trần Thị Bích"):
        code = dossiers.receive(office.store, office.officer,
                                Intake("1.004873", ApplicantInput(name))).code
        dossiers.show(office.store, office.officer, code)
        dossiers.transition(office.store, office.officer, code, "in_process")
    return audit.entry_count(office.store)


def verify_from_the_command_line(office: Office, capsys: pytest.CaptureFixture[str]
                                 ) -> tuple[int, dict[str, Any]]:
    """As the supervisor, who proves the account without adding to the log being checked."""
    where = ["--data-dir", str(office.store.attachments_dir.parent)]
    if not office.store.is_sqlite:
        where += ["--database-url", office.store.engine.url.render_as_string(hide_password=False)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ACCOUNT_PASSWORD_VARIABLE, PASSWORD)
        code = main(["audit", "verify", "--json", "--user", "lanhdao", *where])
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
    assert audit.check_chain(office.store, office.supervisor) == []
    newest = audit.entries(office.store, office.admin, AuditFilter(action="audit.verify"))
    assert [(r.actor, r.details) for r in newest] == [("lanhdao", {"breaks": 0})]
    for actor in (office.officer, office.technician):
        with pytest.raises(NotAllowed):
            audit.check_chain(office.store, actor)


def program_hash(row: dict[str, Any], prev_hash: str) -> str:
    """The plain SHA-256 seal the program itself once used, which anyone can compute."""
    at = datetime.fromisoformat(str(row["at"])).replace(tzinfo=UTC)
    body = json.dumps([row["id"], at.isoformat(timespec="microseconds"), row["actor"],
                       row["action"], row["subject"], row["details"], prev_hash],
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def reseal_without_the_key(office: Office, *, drop_the_seal: bool) -> None:
    """What someone with the database but not the key can do: rewrite a row, then seal every
    row again with the program's own hash and fix the head."""
    with office.store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'lanhdao' WHERE id = 3"))
        rows = connection.execute(text(
            "SELECT id, at, actor, action, subject, details FROM audit_log ORDER BY id")).mappings()
        prev = audit.GENESIS
        for row in [dict(r) for r in rows]:
            if isinstance(row["details"], str):
                row["details"] = json.loads(row["details"])
            digest = program_hash(row, prev)
            connection.execute(text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :i"),
                               {"p": prev, "h": digest, "i": row["id"]})
            prev = digest
        connection.execute(text("UPDATE audit_head SET last_hash = :h"), {"h": prev})
        if drop_the_seal:
            connection.execute(text("DELETE FROM audit_seal"))


@pytest.mark.parametrize("drop_the_seal", [False, True], ids=["seal kept", "seal dropped"])
def test_a_log_resealed_with_the_programs_own_hash_but_without_the_key_fails(
        office: Office, capsys: pytest.CaptureFixture[str], drop_the_seal: bool) -> None:
    a_day_at_the_counter(office)
    reseal_without_the_key(office, drop_the_seal=drop_the_seal)
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1 and result["ok"] is False
    problems = {b["problem"] for b in result["breaks"]}
    assert problems & {"changed", "unkeyed"}


def test_a_log_cut_short_with_its_head_fixed_fails(office: Office,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rows = a_day_at_the_counter(office)
    with office.store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id > :i"), {"i": rows - 2})
        connection.execute(text(
            "UPDATE audit_head SET last_id = :i, last_hash = "
            "(SELECT hash FROM audit_log WHERE id = :i)"), {"i": rows - 2})
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1
    assert {"entry_id": rows - 2, "problem": "cut",
            "message": f"Dòng {rows - 2}: nhật ký bị cắt bớt hoặc phần đầu của nó bị sửa."} \
        in result["breaks"]


def test_an_emptied_log_fails(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    a_day_at_the_counter(office)
    with office.store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
        connection.execute(text("DELETE FROM audit_head"))
        connection.execute(text("DELETE FROM audit_seal"))
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1
    problems = [b["problem"] for b in result["breaks"]]
    assert "empty" in problems
    assert problems.count("unrecorded") == 2  # the two dossiers of the day lost their rows


def test_a_dossier_whose_rows_were_deleted_is_named(office: Office,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    a_day_at_the_counter(office)
    with office.store.engine.begin() as connection:
        code_of_first = connection.execute(text(
            "SELECT code FROM dossiers ORDER BY id LIMIT 1")).scalar_one()
        deleted = [r[0] for r in connection.execute(text(
            "SELECT id FROM audit_log WHERE subject = :c AND action = 'dossier.transition'"),
            {"c": code_of_first})]
    assert deleted
    sql(office, "DELETE FROM audit_log WHERE id = :i", i=deleted[0])
    code, result = verify_from_the_command_line(office, capsys)
    assert code == 1
    assert {"entry_id": 0, "problem": "unrecorded",
            "message": f"Hồ sơ {code_of_first}: có thay đổi không còn dòng nhật ký tương ứng."} \
        in result["breaks"]


def test_the_province_acknowledged_head_must_still_be_reached(office: Office) -> None:
    """Someone keeps an old head and its seal, lets the counter work on, has the head
    acknowledged, then cuts the log back and puts the old head in place."""
    a_day_at_the_counter(office)
    with office.store.engine.begin() as connection:
        kept_head = connection.execute(text("SELECT last_id, last_hash FROM audit_head")).one()
        kept_seal = connection.execute(text("SELECT head_seal FROM audit_seal")).scalar_one()
    a_day_at_the_counter(office)
    anchored = audit.audit_head(office.store)
    audit.note_anchored(office.store, anchored, datetime.now(UTC))
    a_day_at_the_counter(office)
    assert audit.verify(office.store) == []
    with office.store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id > :i"), {"i": kept_head[0]})
        connection.execute(text("UPDATE audit_head SET last_id = :i, last_hash = :h"),
                           {"i": kept_head[0], "h": kept_head[1]})
        connection.execute(text("UPDATE audit_seal SET head_seal = :s"), {"s": kept_seal})
    breaks = audit.verify(office.store)
    assert AuditBreak(anchored.rows, audit.CUT) in breaks


def test_the_head_is_the_count_and_the_seal_of_the_last_row(office: Office) -> None:
    rows = a_day_at_the_counter(office)
    head = audit.audit_head(office.store)
    last = audit.entries(office.store, office.admin, limit=1)[0]
    assert head == audit.AuditHeadInfo(rows, last.hash)


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_a_copy_of_the_store_without_its_key_takes_no_change_and_does_not_check_out(
        office: Office, tmp_path: Path) -> None:
    a_day_at_the_counter(office)
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(office.store.attachments_dir.parent / DATABASE_FILE, copy / DATABASE_FILE)
    store = open_store(copy)
    try:
        with pytest.raises(DomainError, match="không có khoá niêm phong"):
            dossiers.receive(store, office.officer, Intake("1.004873", ApplicantInput("Lê Văn C")))
        assert [b.problem for b in audit.verify(store)] == [audit.NO_KEY]
    finally:
        store.close()


def test_without_a_keyring_the_key_is_a_file_only_the_owner_reads(tmp_path: Path,
                                                                   no_keyring: None) -> None:
    store = open_store(tmp_path / "fresh")
    store.close()
    keys = list((tmp_path / "fresh").glob("audit-key-*.secret"))
    assert len(keys) == 1
    assert stat.S_IMODE(keys[0].stat().st_mode) == 0o600
    with sqlite3.connect(tmp_path / "fresh" / DATABASE_FILE) as connection:
        assert keys[0].read_text() not in "".join(connection.iterdump())


def test_with_a_keyring_the_key_stays_out_of_the_data_folder(
        tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store = open_store(tmp_path / "fresh")
    store.close()
    assert not list((tmp_path / "fresh").glob("audit-key-*"))
    assert [service for service, _name in memory_keyring.secrets] == [audit_key.KEYRING_SERVICE]
    reopened = open_store(tmp_path / "fresh")
    try:
        assert audit.verify(reopened) == []
    finally:
        reopened.close()


LEGACY_ROWS = 5


def store_written_by_an_older_version(data: Path) -> None:
    """A store at the schema before the keyed chain, with rows sealed by the plain rule."""
    data.mkdir()
    engine = create_engine(f"sqlite:///{data / DATABASE_FILE}")
    command.upgrade(migrations.alembic_config(engine), "0002")
    prev = audit.GENESIS
    with engine.begin() as connection:
        for entry_id in range(1, LEGACY_ROWS + 1):
            row = {"id": entry_id, "at": "2026-11-20 08:00:00.000000", "actor": "quantri",
                   "action": "login", "subject": "quantri", "details": {}}
            digest = program_hash(row, prev)
            connection.execute(text(
                "INSERT INTO audit_log (id, at, actor, action, subject, details, prev_hash, hash) "
                "VALUES (:id, :at, :actor, :action, :subject, '{}', :prev, :hash)"),
                {**row, "prev": prev, "hash": digest})
            prev = digest
        connection.execute(text("INSERT INTO audit_head (id, last_id, last_hash) "
                                "VALUES (1, :n, :h)"), {"n": LEGACY_ROWS, "h": prev})
    engine.dispose()


def test_an_older_store_keeps_its_rows_and_is_keyed_from_a_marked_row_on(tmp_path: Path) -> None:
    store_written_by_an_older_version(tmp_path / "old")
    store = open_store(tmp_path / "old")
    try:
        assert audit.verify(store) == []
        marker = audit.entries(store, SYSTEM_READER, limit=1)[0]
        assert (marker.id, marker.action) == (LEGACY_ROWS + 1, audit.KEYED_MARK)
        assert marker.details["legacy_rows"] == LEGACY_ROWS
        with store.engine.begin() as connection:
            # A row after the marker sealed the old way does not pass; one before it does.
            row = {"id": LEGACY_ROWS + 1, "at": str(marker.at.replace(tzinfo=None)),
                   "actor": marker.actor, "action": marker.action, "subject": marker.subject,
                   "details": marker.details}
            connection.execute(text("UPDATE audit_log SET hash = :h WHERE id = :i"),
                               {"h": program_hash(row, marker.prev_hash), "i": LEGACY_ROWS + 1})
        assert AuditBreak(LEGACY_ROWS + 1, audit.CHANGED) in audit.verify(store)
    finally:
        store.close()


@pytest.mark.parametrize("office", ["postgres"], indirect=True)
def test_a_second_counter_on_a_shared_server_writes_once_it_has_the_key(
        office: Office, tmp_path: Path) -> None:
    url = office.store.engine.url.render_as_string(hide_password=False)
    second = open_store(tmp_path / "counter-2", url)
    try:
        with pytest.raises(DomainError, match="không có khoá niêm phong"):
            dossiers.receive(second, office.officer, Intake("1.004873", ApplicantInput("Lê C")))
        with pytest.raises(NotAllowed):
            export_chain_key(office.store, office.officer, tmp_path / "khoa.secret")
        shared = export_chain_key(office.store, office.technician, tmp_path / "khoa.secret")
        assert stat.S_IMODE(shared.path.stat().st_mode) == 0o600
        (tmp_path / "other.secret").write_text("ab" * 32)
        with pytest.raises(DomainError, match="không phải khoá của dữ liệu này"):
            install_chain_key(second, office.technician, tmp_path / "other.secret")
        install_chain_key(second, office.technician, shared.path)
        dossiers.receive(second, office.officer, Intake("1.004873", ApplicantInput("Lê C")))
    finally:
        second.close()
    reopened = open_store(tmp_path / "counter-2", url)
    try:
        dossiers.receive(reopened, office.officer, Intake("1.004873", ApplicantInput("Lê D")))
        assert audit.verify(reopened) == []
    finally:
        reopened.close()
