"""What every subcommand shares: the store it opens on demand and the account it acts for."""

import argparse
import dataclasses
import getpass
import os
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from onestop import users
from onestop.data_dir import default_data_dir
from onestop.errors import DomainError, NotAllowed
from onestop.i18n import _
from onestop.roles import SYSTEM, Actor
from onestop.store.engine import Store, open_store
from onestop.store_failures import check_database_url

ACCOUNT_PASSWORD_VARIABLE = "ONESTOP_PASSWORD"

# (command, action) that read no citizen's data and change nothing, or that run unattended (the
# sync service, `sync` or `sync run`): with no --user they act as the system account, named as
# such in the audit log.
NO_ACCOUNT_NEEDED = frozenset({
    ("demo", None), ("provincial-sim", None), ("calendar", "due"), ("calendar", "show"),
    ("sync", None), ("sync", "run"),
    ("setup", None),  # an empty data dir has no account yet; the core refuses any other
    ("queue", "take"), ("queue", "board"), ("queue", "setup"),  # no citizen's data in these
})


class CommandContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self._args = args
        self._store: Store | None = None
        self._actor: Actor | None = None

    @property
    def data_dir(self) -> Path | None:
        return Path(self._args.data_dir) if self._args.data_dir else None

    @property
    def store(self) -> Store:
        if self._store is None:
            data_dir = self.data_dir
            if data_dir is None and not self._args.database_url:
                data_dir = default_data_dir()
            if self._args.database_url:
                check_database_url(self._args.database_url)
            self._store = open_store(data_dir, self._args.database_url)
        return self._store

    def prove_account(self) -> None:
        """Log in the account named by --user, checked as the window checks a login, before the
        command does anything."""
        command = (self._args.command, getattr(self._args, "action", None))
        if not self._args.user:
            if command not in NO_ACCOUNT_NEEDED:
                raise NotAllowed(_("Lệnh này cần tài khoản: thêm --user TÊN_ĐĂNG_NHẬP (mật khẩu "
                                   "nhập khi được hỏi, hoặc qua biến môi trường {0}).").format(
                    ACCOUNT_PASSWORD_VARIABLE))
            self._actor = SYSTEM
            return
        self._actor = users.login(self.store, self._args.user, _password(self._args.user),
                                  command_line=True)

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            raise RuntimeError("the account is proved before a command runs")
        return self._actor

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _password(username: str) -> str:
    """From the environment (scripts) or typed at the terminal; never a command-line argument,
    which every account of the machine can read in the process list."""
    given = os.environ.get(ACCOUNT_PASSWORD_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise DomainError(_("Cần mật khẩu của “{0}”: chạy lệnh ở cửa sổ dòng lệnh để nhập, hoặc "
                            "đặt biến môi trường {1}.").format(username, ACCOUNT_PASSWORD_VARIABLE))
    return getpass.getpass(_("Mật khẩu của {0}: ").format(username))


def to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [to_plain(v) for v in items]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value
