import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from onestop import catalogue, settings, users
from onestop.roles import SYSTEM, Actor
from onestop.store.engine import DATABASE_FILE, Store, open_store
from sync.province_password import PASSWORD_VARIABLE
from tests.pcsc import own_pcsc_socket
from tests.postgres_server import PostgresServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "mat-khau-dung"
_STAFF = (("canbo", "officer"), ("lanhdao", "supervisor"), ("kythuat", "technician"),
          ("quantri", "admin"))


@pytest.fixture(scope="session", autouse=True)
def no_keyring_unless_a_test_brings_one() -> Iterator[None]:
    """The computer's own keyring is never touched, and a keyring class some test module defines
    never becomes the default by being found first: secrets go where they go on a computer
    without a keyring (the audit key to its file, which copies of a store take along)."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture(scope="session", autouse=True)
def no_pcscd_of_the_machine() -> Iterator[None]:
    """PC/SC goes to this process's own socket (tests/pcsc.py), before anything calls it."""
    with own_pcsc_socket():
        yield


@pytest.fixture
def refusing_port() -> Iterator[int]:
    """A loopback port that refuses connections for the whole test: bound and never listening, so
    no other test process's server can come to be on it, as on a port found free and let go."""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        yield bound.getsockname()[1]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """None for the embedded SQLite store in tmp_path; a fresh PostgreSQL database otherwise."""
    if request.param == "sqlite":
        return None
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture
def store(store_url: str | None, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data", store_url)
    yield opened
    opened.close()


@dataclass
class Office:
    store: Store
    officer: Actor
    supervisor: Actor
    technician: Actor
    admin: Actor


def set_up_office(store: Store) -> Office:
    """The sample catalogue, an agency code, and one user per role."""
    with store.write() as session:
        settings.put_in(session, SYSTEM, "agency.code", "000.00.13.H24")
        settings.put_in(session, SYSTEM, "agency.name", "UBND xã Thử Nghiệm")
        catalogue.upsert_procedures(session, catalogue.read_catalogue_file(
            catalogue.sample_catalogue_path()), is_sample=True)
        for username, role in _STAFF:
            users.create_user_in(session, SYSTEM, username, f"Người {username}", PASSWORD,
                                 frozenset({role}), title=role, must_change_password=False)
    return _actors(store)


def _actors(store: Store) -> Office:
    with store.read() as session:
        named = {role: users.actor_named(session, username) for username, role in _STAFF}
    return Office(store, named["officer"], named["supervisor"], named["technician"],
                  named["admin"])


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One office set up once (password hashing is slow on purpose); each test gets a copy."""
    folder = tmp_path_factory.mktemp("office-template")
    template = open_store(folder)
    set_up_office(template)
    template.close()
    return folder / DATABASE_FILE


def copy_audit_keys(template_dir: Path, data: Path) -> None:
    """A copy of a template store needs the key that seals its audit chain, kept beside it."""
    data.mkdir(parents=True, exist_ok=True)
    for key in template_dir.glob("audit-key-*"):
        shutil.copy(key, data / key.name)


def postgres_template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "office-template-postgres"


@pytest.fixture(scope="session")
def office_template_postgres(postgres: PostgresServer,
                             tmp_path_factory: pytest.TempPathFactory) -> str:
    url = postgres.new_database()
    template = open_store(postgres_template_dir(tmp_path_factory), url)
    set_up_office(template)
    template.close()
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", "postgres"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Office]:
    """A ready office (sample catalogue, one user per role) on SQLite and on PostgreSQL."""
    data = tmp_path / "data"
    url = None
    if request.param == "sqlite":
        data.mkdir()
        shutil.copy(request.getfixturevalue("office_template"), data / DATABASE_FILE)
        copy_audit_keys(request.getfixturevalue("office_template").parent, data)
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        url = server.new_database(template=request.getfixturevalue("office_template_postgres"))
        copy_audit_keys(postgres_template_dir(request.getfixturevalue("tmp_path_factory")), data)
    opened = open_store(data, url)
    yield _actors(opened)
    opened.close()


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer has no keyring that works, as a Linux box without a desktop, and no province
    password in the environment."""
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)
