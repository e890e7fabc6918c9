"""The demo data dir brings its own province, so that a newcomer sees dossiers reach it."""

from pathlib import Path

import keyring
import pytest

from onestop import demo, settings
from onestop.store.engine import open_store
from sync.demo_province import start_demo_province
from sync.link_state import sync_now
from sync.province_password import PASSWORD_VARIABLE, find_password


def test_the_demo_counter_syncs_with_its_own_province(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setattr(keyring, "set_password", pytest.fail)  # a real account's may be there
    data_dir = tmp_path / "demo"
    store = open_store(data_dir)
    try:
        demo.fill(store, data_dir, dossiers=4)
    finally:
        store.close()

    with start_demo_province(data_dir) as province:
        store = open_store(data_dir)
        try:
            with store.read() as session:
                assert settings.get(session, "province.url") == province.url
            kept = find_password(store, "motcua")
            assert kept is not None and kept.kept_in == "file"
            state = sync_now(store)
            assert state.online and state.waiting == 0, state.message
            assert len(province.province.dossier_versions()) == 4
        finally:
            store.close()
    assert (data_dir / "province" / "province.sqlite3").is_file()
