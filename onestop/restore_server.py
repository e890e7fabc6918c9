"""The office server's side of a restore: a scratch database on the same server, where a backup
is put and checked before the office's own database is touched."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ProgrammingError, SQLAlchemyError

from onestop.backup_server import unreachable
from onestop.errors import DomainError, ErrorKind
from onestop.i18n import _

_LONGEST_NAME = 63


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def scratch_database(engine: Engine) -> Iterator[URL]:
    """A new, empty database beside the store's, dropped again when the check is over."""
    suffix = f"_restore_{uuid.uuid4().hex[:8]}"
    name = (engine.url.database or "onestop")[:_LONGEST_NAME - len(suffix)] + suffix
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"CREATE DATABASE {_quoted(name)}"))
    except ProgrammingError:
        raise DomainError(_("Tài khoản {0} trên máy chủ PostgreSQL không được tạo cơ sở dữ liệu "
                            "tạm để kiểm tra bản sao lưu trước khi phục hồi. Trên máy chủ hãy "
                            "chạy: ALTER ROLE {0} CREATEDB;").format(engine.url.username),
                          kind=ErrorKind.NOT_ALLOWED) from None
    except SQLAlchemyError as error:
        raise unreachable(error) from None
    try:
        yield engine.url.set(database=name)
    finally:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)"))
