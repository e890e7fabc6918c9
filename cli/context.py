"""What every subcommand shares: the store it opens on demand and the person it acts for."""

import argparse
import dataclasses
import getpass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from onestop.roles import ROLES, Actor
from onestop.store.engine import Store, open_store
from onestop.users import actor_named


class CommandContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self._args = args
        self._store: Store | None = None

    @property
    def data_dir(self) -> Path | None:
        return Path(self._args.data_dir) if self._args.data_dir else None

    @property
    def store(self) -> Store:
        if self._store is None:
            data_dir = self.data_dir
            if data_dir is None and not self._args.database_url:
                from platformdirs import user_data_path

                data_dir = user_data_path("OneStop", appauthor=False)
            self._store = open_store(data_dir, self._args.database_url)
        return self._store

    @property
    def actor(self) -> Actor:
        """The named user's roles; with no --user, the person at this machine's console, who
        owns the data dir's files anyway, with every role, named as such in the audit log."""
        if self._args.user:
            with self.store.read() as session:
                return actor_named(session, self._args.user)
        return Actor(f"console:{getpass.getuser()}", "Console", frozenset(ROLES))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


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
