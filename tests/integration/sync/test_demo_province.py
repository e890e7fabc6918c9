"""The demo data dir brings its own province, so that a newcomer sees dossiers reach it and the
province's work on them come back."""

import time
from pathlib import Path

import keyring
import pytest
from keyring.errors import KeyringError
from sqlalchemy import select

from onestop import demo, dossiers, settings
from onestop.demo import users_actor
from onestop.store.engine import open_store
from onestop.store.models import Dossier
from sync.demo_province import start_demo_province
from sync.link_state import sync_now
from sync.province_password import KEYRING_SERVICE, PASSWORD_VARIABLE, find_password


def _no_province_password(service: str, username: str, password: str) -> None:
    """A real account's province password may be in the keyring; the demo's must not take its
    place. Other secrets (the audit key) find no keyring here and go to their file."""
    assert service != KEYRING_SERVICE, "the demo's password went to the keyring"
    raise KeyringError("no keyring in this test")


@pytest.fixture
def demo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setattr(keyring, "set_password", _no_province_password)
    data_dir = tmp_path / "demo"
    store = open_store(data_dir)
    try:
        demo.fill(store, data_dir, dossiers=4)
    finally:
        store.close()
    return data_dir


def test_the_demo_counter_syncs_with_its_own_province(demo_dir: Path) -> None:
    data_dir = demo_dir
    with start_demo_province(data_dir) as province:
        store = open_store(data_dir)
        try:
            with store.read() as session:
                assert settings.get_in(session, "province.url") == province.url
            kept = find_password(store, "motcua")
            assert kept is not None and kept.kept_in == "file"
            state = sync_now(store)
            assert state.online and state.waiting == 0, state.message
            assert len(province.server.province.dossier_versions()) == 4
        finally:
            store.close()
    assert (data_dir / "province" / "province.sqlite3").is_file()


def statuses(data_dir: Path) -> dict[str, str]:
    store = open_store(data_dir)
    try:
        with store.read() as session:
            return {code: status for code, status in session.execute(select(Dossier.code, Dossier.status))}
    finally:
        store.close()


def sync(data_dir: Path) -> None:
    store = open_store(data_dir)
    try:
        state = sync_now(store)
        assert state.online and state.waiting == 0, state.message
    finally:
        store.close()


def test_the_demo_province_works_on_what_the_counter_sent_and_the_counter_hears(
        demo_dir: Path) -> None:
    before = statuses(demo_dir)
    received = {code for code, status in before.items() if status == "received"}
    assert received, "the demo should hold dossiers just received"
    with start_demo_province(demo_dir, pace=3600) as province:
        sync(demo_dir)
        province.clerk.work_once()
        sync(demo_dir)
        after_one = statuses(demo_dir)
        province.clerk.work_once()
        sync(demo_dir)
        after_two = statuses(demo_dir)
    for code in received:
        assert after_one[code] == "in_process"
        assert after_two[code] == "result_ready"
    for code, status in before.items():
        if status == "returned":
            assert after_two[code] == "returned"
    store = open_store(demo_dir)
    try:
        code = sorted(received)[0]
        officer = users_actor(store, "canbo")
        history = dossiers.show(store, officer, code).history
    finally:
        store.close()
    assert "Đã có kết quả, mời công dân đến nhận." in [step.note for step in history]


def test_the_demo_province_clerk_works_by_itself_until_stopped(demo_dir: Path) -> None:
    with start_demo_province(demo_dir, pace=0.05) as province:
        sync(demo_dir)
        held = province.server.province
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if all(held.dossier(code)["TrangThaiHoSo"] in (9, 10)
                   for code in held.dossier_versions()):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the demo province did not work on the dossiers")
    assert not province.clerk.working()
