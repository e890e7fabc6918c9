"""Schema changes go through Alembic; a store is upgraded to the newest revision when opened.

Revisions are numbered files (0001_…, 0002_…) so that a store already at the newest one is
recognised without loading Alembic, which keeps the program's start quick.
"""

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


def upgrade(engine: Engine) -> None:
    if current_revision(engine) == newest_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
