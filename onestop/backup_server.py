"""A consistent copy of a store on the office's PostgreSQL server: pg_dump works from the very
snapshot in which the manifest's facts and the attachments' names are read."""

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from onestop import pg_tools
from onestop.errors import DomainError, ErrorKind
from onestop.i18n import _
from onestop.store.engine import Store

DUMP_MEMBER = "onestop.pgdump"
SQLITE, POSTGRESQL = "sqlite", "postgresql"

Query = Callable[[str], Sequence[Sequence[Any]]]


def store_facts(query: Query, defaults: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """What a manifest says of a store, and the attachments its rows name, read through `query`
    (one SQL text in, its rows out) inside one snapshot."""
    stored = {row[0]: row[1] for row in query(
        "SELECT key, value FROM settings WHERE key IN ('agency.code', 'counter.code')")}
    facts: dict[str, Any] = {
        name.replace(".", "_"): str(defaults[name] if name not in stored
                                    else json.loads(stored[name]))
        for name in ("agency.code", "counter.code")}
    facts["schema_revision"] = query("SELECT version_num FROM alembic_version")[0][0]
    facts["dossiers"] = int(query("SELECT count(*) FROM dossiers")[0][0])
    named = [row[0] for row in query("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256")]
    return facts, named


def unreachable(error: SQLAlchemyError) -> DomainError:
    return DomainError(_("Không kết nối được máy chủ PostgreSQL của cơ quan: {0}").format(
        str(error.orig if hasattr(error, "orig") else error).strip().splitlines()[0]),
        kind=ErrorKind.LINK)


def dump_store(store: Store, work: Path, defaults: dict[str, Any]
               ) -> tuple[Path, dict[str, Any], list[str]]:
    """pg_dump of the store into `work`, with the facts and attachment names of the same
    moment."""
    environment = pg_tools.connection_environment(store.engine.url, work)
    target = work / DUMP_MEMBER
    try:
        with store.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()

                def query(sql: str) -> Sequence[Sequence[Any]]:
                    return [tuple(row) for row in connection.execute(text(sql))]

                facts, named = store_facts(query, defaults)
                pg_tools.dump(environment, target, snapshot)
    except SQLAlchemyError as error:
        raise unreachable(error) from None
    return target, facts, named
