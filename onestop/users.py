"""Accounts: argon2id password hashes, roles, lockout after repeated failures."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop import audit
from onestop.errors import Conflict, DomainError, NotFound
from onestop.i18n import _
from onestop.roles import ADMIN, ROLES, SYSTEM, Actor, require
from onestop.store.engine import Store
from onestop.store.models import User
from onestop.text import clean
from onestop.workdays import LOCAL_ZONE

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
USERNAME_IN_AUDIT = 64

_hasher = PasswordHasher()


@dataclass(frozen=True)
class UserRecord:
    username: str
    full_name: str
    title: str
    roles: frozenset[str]
    counter_code: str | None
    active: bool
    language: str
    must_change_password: bool
    locked_until: datetime | None


def actor_of(user: User) -> Actor:
    return Actor(user.username, user.full_name, frozenset(user.roles.split()), user.title,
                 user.counter_code)


def _record(user: User) -> UserRecord:
    return UserRecord(user.username, user.full_name, user.title, frozenset(user.roles.split()),
                      user.counter_code, user.active, user.language, user.must_change_password,
                      user.locked_until)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(_("Mật khẩu cần ít nhất {0} ký tự.").format(MIN_PASSWORD_LENGTH),
                          field="password")


def _check_roles(roles: frozenset[str]) -> None:
    unknown = roles - set(ROLES)
    if not roles or unknown:
        raise DomainError(_("Vai trò phải là một hoặc nhiều trong: {0}.").format(", ".join(ROLES)),
                          field="roles")


def create_user_in(session: Session, actor: Actor, username: str, full_name: str, password: str,
                   roles: frozenset[str], *, title: str = "", counter_code: str | None = None,
                   must_change_password: bool = True) -> UserRecord:
    require(actor, "users.manage")
    username = clean(username).lower()
    if not username or " " in username:
        raise DomainError(_("Tên đăng nhập không được trống hay chứa dấu cách."), field="username")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise Conflict(_("Tên đăng nhập “{0}” đã có.").format(username), field="username")
    _check_password(password)
    _check_roles(roles)
    user = User(username=username, full_name=clean(full_name), title=clean(title),
                roles=" ".join(sorted(roles)), counter_code=counter_code,
                password_hash=_hasher.hash(password), must_change_password=must_change_password,
                active=True, language="vi", failed_logins=0)
    session.add(user)
    audit.record(session, actor, "user.create", username, {"roles": sorted(roles)})
    return _record(user)


def create_user(store: Store, actor: Actor, username: str, full_name: str, password: str,
                roles: frozenset[str], *, title: str = "", counter_code: str | None = None,
                must_change_password: bool = True) -> UserRecord:
    with store.write() as session:
        return create_user_in(session, actor, username, full_name, password, roles, title=title,
                              counter_code=counter_code, must_change_password=must_change_password)


def first_admin_needed_in(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is None


def first_admin_needed(store: Store) -> bool:
    with store.read() as session:
        return first_admin_needed_in(session)


def create_first_admin(session: Session, username: str, full_name: str,
                       password: str) -> UserRecord:
    if not first_admin_needed_in(session):
        raise Conflict(_("Dữ liệu này đã có tài khoản quản trị."))
    return create_user_in(session, SYSTEM, username, full_name, password, frozenset({"admin"}),
                          must_change_password=False)


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == clean(username).lower()))
    if user is None:
        raise NotFound(_("Không có tài khoản “{0}”.").format(clean(username)), field="username")
    return user


def login(store: Store, username: str, password: str, now: datetime | None = None, *,
          command_line: bool = False) -> Actor:
    """Check a login; a refusal is counted, audited and committed before it is raised. The window
    lets a user whose password must change log in to change it; the command line cannot, so
    it refuses them."""
    with store.write() as session:
        outcome = _attempt_login(session, username, password, now or datetime.now(UTC),
                                 command_line)
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def _attempt_login(session: Session, username: str, password: str, now: datetime,
                   command_line: bool) -> Actor | DomainError:
    wrong = DomainError(_("Sai tên đăng nhập hoặc mật khẩu."), field="password")
    via = {"via": "command_line"} if command_line else None
    user = session.scalar(select(User).where(User.username == clean(username).lower()))
    if user is None:
        audit.record(session, SYSTEM, "login.failed", clean(username)[:USERNAME_IN_AUDIT],
                     {"reason": "unknown_account", **(via or {})})
        return wrong
    if user.locked_until is not None and user.locked_until > now:
        audit.record(session, actor_of(user), "login.refused", user.username, via)
        return DomainError(_("Tài khoản tạm khoá đến {0} vì nhập sai mật khẩu nhiều lần.").format(
            user.locked_until.astimezone(LOCAL_ZONE).strftime("%H:%M")), field="password")
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
        audit.record(session, actor_of(user), "login.failed", user.username, via)
        return wrong
    # Only the right password learns why a known account is refused.
    if not user.active:
        audit.record(session, actor_of(user), "login.refused", user.username,
                     {"reason": "disabled", **(via or {})})
        return DomainError(_("Tài khoản “{0}” đã bị vô hiệu hoá.").format(user.username),
                           field="username")
    if command_line and user.must_change_password:
        audit.record(session, actor_of(user), "login.refused", user.username,
                     {"reason": "must_change_password", **(via or {})})
        return DomainError(_("Tài khoản “{0}” phải đổi mật khẩu trước: hãy đăng nhập một lần ở "
                             "cửa sổ OneStop để đặt mật khẩu riêng.").format(user.username),
                           field="password")
    user.failed_logins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    if not command_line:
        # a command's own rows say who acted; a login row of its own would also land before
        # `audit verify` reads the very trail it is asked to check
        audit.record(session, actor_of(user), "login", user.username)
    return actor_of(user)


def actor_named(session: Session, username: str) -> Actor:
    user = _user(session, username)
    if not user.active:
        raise DomainError(_("Tài khoản “{0}” đã bị vô hiệu hoá.").format(user.username))
    return actor_of(user)


def get_user(store: Store, username: str) -> UserRecord:
    with store.read() as session:
        return _record(_user(session, username))


def list_users(store: Store, actor: Actor) -> list[UserRecord]:
    with store.read() as session:
        require(actor, "users.manage")
        return [_record(u) for u in session.scalars(select(User).order_by(User.username))]


def change_own_password(store: Store, actor: Actor, old: str, new: str) -> None:
    with store.write() as session:
        user = _user(session, actor.username)
        try:
            _hasher.verify(user.password_hash, old)
        except (VerificationError, InvalidHashError):
            raise DomainError(_("Mật khẩu hiện tại không đúng."), field="password") from None
        _check_password(new)
        if new == old:
            raise DomainError(_("Mật khẩu mới phải khác mật khẩu cũ."), field="new_password")
        user.password_hash = _hasher.hash(new)
        user.must_change_password = False
        audit.record(session, actor, "user.password", user.username)


def _other_active_admins(session: Session, username: str) -> int:
    return sum(1 for u in session.scalars(select(User).where(User.active.is_(True),
                                                             User.username != username))
               if ADMIN in u.roles.split())


def _keep_an_admin(session: Session, user: User) -> None:
    if ADMIN in user.roles.split() and _other_active_admins(session, user.username) == 0:
        raise Conflict(_("“{0}” là tài khoản quản trị cuối cùng còn hoạt động; hãy cấp quyền "
                         "quản trị cho người khác trước.").format(user.username))


def disable_user(store: Store, actor: Actor, username: str) -> UserRecord:
    """A person who leaves: the account stays for the audit log but can no longer log in."""
    with store.write() as session:
        require(actor, "users.manage")
        user = _user(session, username)
        if user.username == actor.username:
            raise Conflict(_("Không thể tự vô hiệu hoá tài khoản đang dùng."))
        if user.active:
            _keep_an_admin(session, user)
            user.active = False
            audit.record(session, actor, "user.disable", user.username)
        return _record(user)


def enable_user(store: Store, actor: Actor, username: str) -> UserRecord:
    with store.write() as session:
        require(actor, "users.manage")
        user = _user(session, username)
        if not user.active:
            user.active = True
            user.failed_logins, user.locked_until = 0, None
            audit.record(session, actor, "user.enable", user.username)
        return _record(user)


def reset_password(store: Store, actor: Actor, username: str,
                   temporary_password: str) -> UserRecord:
    """A forgotten password: the admin hands over a temporary one, to be changed at next login."""
    with store.write() as session:
        require(actor, "users.manage")
        user = _user(session, username)
        _check_password(temporary_password)
        user.password_hash = _hasher.hash(temporary_password)
        user.must_change_password = True
        user.failed_logins, user.locked_until = 0, None
        audit.record(session, actor, "user.reset_password", user.username)
        return _record(user)


def set_roles(store: Store, actor: Actor, username: str, roles: frozenset[str],
              counter_code: str | None) -> UserRecord:
    with store.write() as session:
        require(actor, "users.manage")
        user = _user(session, username)
        _check_roles(roles)
        if ADMIN not in roles and user.active:
            _keep_an_admin(session, user)
        counter = clean(counter_code) or None
        old = {"roles": sorted(user.roles.split()), "counter": user.counter_code}
        user.roles = " ".join(sorted(roles))
        user.counter_code = counter
        audit.record(session, actor, "user.roles", user.username,
                     {"old": old, "new": {"roles": sorted(roles), "counter": counter}})
        return _record(user)


def set_language(store: Store, actor: Actor, language: str) -> None:
    with store.write() as session:
        _user(session, actor.username).language = language
