"""Schema changes go through Alembic; a store is upgraded to the newest revision when opened.

Revisions are numbered files (0001_…, 0002_…) so that a store already at the newest one is
recognised without loading Alembic, which keeps the program's start quick.
"""

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

_HERE = Path(__file__).resolve().parent


def alembic_config(engine: Engine) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.attributes["engine"] = engine
    return config


def newest_revision() -> str:
    return max(p.name.split("_", 1)[0] for p in (_HERE / "versions").glob("[0-9]*_*.py"))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def copy_before_upgrade(database: Path, revision: str) -> Path:
    """A copy of an embedded store as it was before an upgrade, beside it and as private as it,
    so that an upgrade that goes wrong costs nothing: the office puts the copy back."""
    copy = database.with_name(
        f"{database.stem}.before-upgrade-{revision}-{datetime.now(UTC):%Y%m%d%H%M%S}{database.suffix}")
    source = sqlite3.connect(database)
    try:
        descriptor = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return copy


def upgrade(engine: Engine) -> None:
    current = current_revision(engine)
    if current == newest_revision():
        return
    database = engine.url.database
    if current is not None and engine.dialect.name == "sqlite" and database:
        copy_before_upgrade(Path(database), current)
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
