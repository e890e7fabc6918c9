"""A store made by each earlier release opens in this one with every row it had, after a copy of
it was put aside; its dossiers can be shown and found. The stores in stores/ were made by `onestop
demo` of the release that introduced their schema."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from onestop import dossiers
from onestop.search import search
from onestop.store.engine import DATABASE_FILE, open_store
from onestop.store.migrations import newest_revision
from onestop.users import actor_named

STORES = sorted((Path(__file__).parent / "stores").glob("schema-*.sqlite3"))


def rows_per_table(database: Path) -> dict[str, int]:
    connection = sqlite3.connect(database)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'dossier_search%' AND name != 'alembic_version'")]
        return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in tables}
    finally:
        connection.close()


def revision_of(database: Path) -> str:
    connection = sqlite3.connect(database)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def test_every_earlier_release_has_a_store_here() -> None:
    assert [revision_of(store) for store in STORES] == sorted(
        {revision_of(store) for store in STORES})
    assert len(STORES) >= 2


@pytest.mark.parametrize("made", STORES, ids=lambda path: path.stem)
def test_a_store_of_an_earlier_release_upgrades_with_all_its_rows(made: Path, tmp_path: Path) -> None:
    data = tmp_path / "office"
    data.mkdir()
    shutil.copyfile(made, data / DATABASE_FILE)
    before = rows_per_table(data / DATABASE_FILE)
    old_revision = revision_of(data / DATABASE_FILE)

    store = open_store(data)
    try:
        with store.read() as session:
            supervisor = actor_named(session, "lanhdao")
        after = rows_per_table(data / DATABASE_FILE)
        lost = {table: (count, after.get(table)) for table, count in before.items()
                if (after.get(table) or 0) < count}
        assert not lost, f"rows lost in the upgrade: {lost}"
        assert revision_of(data / DATABASE_FILE) == newest_revision()

        found = search(store, supervisor, "nguyen")
        assert found, "the upgraded store's dossiers are not found by name"
        view = dossiers.show(store, supervisor, found[0].code)
        assert view.code == found[0].code and view.applicant.full_name
    finally:
        store.close()

    copies = list(data.glob(f"*.before-upgrade-{old_revision}-*"))
    if old_revision == newest_revision():
        assert not copies
        return
    assert len(copies) == 1
    assert rows_per_table(copies[0]) == before
    assert revision_of(copies[0]) == old_revision
    assert copies[0].stat().st_mode & 0o077 == 0


def test_a_new_store_is_not_copied(tmp_path: Path) -> None:
    data = tmp_path / "office"
    open_store(data).close()
    open_store(data).close()
    assert not list(data.glob("*.before-upgrade-*"))
