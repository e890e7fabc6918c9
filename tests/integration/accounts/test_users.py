"""Accounts: an admin creates, disables, resets and re-roles them; a password guessed over and
over never gets in and keeps the account locked."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from onestop import audit, users
from onestop.errors import Conflict, DomainError
from onestop.roles import ADMIN, OFFICER, SUPERVISOR
from onestop.store.models import AuditEntry
from tests.conftest import PASSWORD, Office

# Each wrong guess costs an argon2 check (a third of a second, on purpose): the guessing tests run
# on the embedded store only, the account code being the same on both.
GUESSING = pytest.mark.parametrize("office", ["sqlite"], indirect=True)


def test_a_new_account_must_change_its_first_password(office: Office) -> None:
    created = users.create_user(office.store, office.admin, "Thu.Ha", "Phạm Thu Hà", "tam-thoi-1",
                                frozenset({OFFICER}), counter_code="Q2")
    assert (created.username, created.counter_code, created.must_change_password) == \
        ("thu.ha", "Q2", True)
    actor = users.login(office.store, "thu.ha", "tam-thoi-1")
    assert users.get_user(office.store, actor.username).must_change_password
    users.change_own_password(office.store, actor, "tam-thoi-1", "mat-khau-rieng")
    assert not users.get_user(office.store, "thu.ha").must_change_password
    users.login(office.store, "thu.ha", "mat-khau-rieng")


def test_a_new_password_must_differ_and_the_old_one_must_be_right(office: Office) -> None:
    with pytest.raises(DomainError, match="khác mật khẩu cũ"):
        users.change_own_password(office.store, office.officer, PASSWORD, PASSWORD)
    with pytest.raises(DomainError, match="không đúng"):
        users.change_own_password(office.store, office.officer, "doan-bua-thoi", "mat-khau-moi-1")


def test_a_disabled_account_cannot_log_in_until_enabled_again(office: Office) -> None:
    assert not users.disable_user(office.store, office.admin, "canbo").active
    with pytest.raises(DomainError, match="Sai tên đăng nhập hoặc mật khẩu"):
        users.login(office.store, "canbo", "doan-bua-thoi")
    # only the one who knows the password learns why
    with pytest.raises(DomainError, match="đã bị vô hiệu hoá"):
        users.login(office.store, "canbo", PASSWORD)
    refusals = audit.entries(office.store, office.admin, audit.AuditFilter(subject="canbo"))
    assert [(row.action, row.details.get("reason")) for row in refusals[:2]] == \
        [("login.refused", "disabled"), ("login.failed", None)]
    assert users.enable_user(office.store, office.admin, "canbo").active
    assert users.login(office.store, "canbo", PASSWORD).username == "canbo"


@GUESSING
def test_a_reset_password_unlocks_and_must_be_changed(office: Office) -> None:
    for _attempt in range(users.MAX_FAILED_LOGINS):
        with pytest.raises(DomainError):
            users.login(office.store, "canbo", "doan-bua-thoi")
    reset = users.reset_password(office.store, office.admin, "canbo", "tam-thoi-2")
    assert reset.must_change_password and reset.locked_until is None
    assert users.login(office.store, "canbo", "tam-thoi-2").username == "canbo"
    with pytest.raises(DomainError):
        users.login(office.store, "canbo", PASSWORD)


def test_roles_and_counter_change_and_are_logged(office: Office) -> None:
    changed = users.set_roles(office.store, office.admin, "canbo",
                              frozenset({OFFICER, SUPERVISOR}), " Q3 ")
    assert changed.roles == {OFFICER, SUPERVISOR} and changed.counter_code == "Q3"
    with office.store.read() as session:
        assert users.actor_named(session, "canbo").roles == {OFFICER, SUPERVISOR}
        entry = audit.entries_in(session, office.admin, audit.AuditFilter(action="user.roles"))[0]
    assert entry.details == {"old": {"roles": ["officer"], "counter": None},
                             "new": {"roles": ["officer", "supervisor"], "counter": "Q3"}}
    with pytest.raises(DomainError, match="Vai trò"):
        users.set_roles(office.store, office.admin, "canbo", frozenset({"janitor"}), None)


def test_the_last_active_admin_stays(office: Office) -> None:
    with pytest.raises(Conflict, match="tự vô hiệu hoá"):
        users.disable_user(office.store, office.admin, "quantri")
    with pytest.raises(Conflict, match="quản trị cuối cùng"):
        users.set_roles(office.store, office.admin, "quantri", frozenset({OFFICER}), None)
    users.set_roles(office.store, office.admin, "kythuat", frozenset({"technician", ADMIN}), None)
    users.set_roles(office.store, office.admin, "quantri", frozenset({OFFICER}), None)
    with office.store.read() as session:
        assert users.actor_named(session, "quantri").roles == {OFFICER}


@GUESSING
def test_five_wrong_passwords_lock_for_fifteen_minutes(office: Office) -> None:
    start = datetime.now(UTC)
    for minute in range(users.MAX_FAILED_LOGINS):
        with pytest.raises(DomainError, match="Sai"):
            users.login(office.store, "canbo", "doan-bua", start + timedelta(minutes=minute))
    locked_at = start + timedelta(minutes=users.MAX_FAILED_LOGINS - 1)
    with pytest.raises(DomainError, match="tạm khoá"):
        users.login(office.store, "canbo", PASSWORD, locked_at + timedelta(minutes=14))
    assert users.login(office.store, "canbo", PASSWORD,
                       locked_at + timedelta(minutes=15, seconds=1)).username == "canbo"


@GUESSING
def test_a_thousand_guesses_never_get_in_and_keep_the_account_locked(office: Office) -> None:
    outcomes: dict[str, int] = {}
    times: dict[str, float] = {}
    for guess in range(1000):
        started = time.perf_counter()
        try:
            users.login(office.store, "canbo", f"doan-{guess:04d}")
        except DomainError as refusal:
            kind = "locked" if "tạm khoá" in str(refusal) else "wrong"
            outcomes[kind] = outcomes.get(kind, 0) + 1
            times[kind] = times.get(kind, 0.0) + time.perf_counter() - started
        else:
            pytest.fail(f"guess {guess} logged in")
    assert outcomes == {"wrong": users.MAX_FAILED_LOGINS,
                        "locked": 1000 - users.MAX_FAILED_LOGINS}
    with pytest.raises(DomainError, match="tạm khoá"):
        users.login(office.store, "canbo", PASSWORD)
    record = users.get_user(office.store, "canbo")
    with office.store.read() as session:
        logged = dict(session.execute(
            select(AuditEntry.action, func.count()).where(AuditEntry.subject == "canbo")
            .group_by(AuditEntry.action)).all())
    assert record.locked_until is not None and record.locked_until > datetime.now(UTC)
    assert logged == {"user.create": 1, "login.failed": users.MAX_FAILED_LOGINS,
                      "login.refused": 1000 - users.MAX_FAILED_LOGINS + 1}
    print(f"\n1,000 guesses, {office.store.engine.dialect.name}: "
          f"{1000 * times['wrong'] / outcomes['wrong']:.0f} ms per guess checked against the hash, "
          f"{1000 * times['locked'] / outcomes['locked']:.1f} ms per guess refused by the lock, "
          f"{sum(times.values()):.1f} s in all")
