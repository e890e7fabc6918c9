"""The demo's first hour: what `onestop demo` says, dossiers in the past, a scanner of sample
pages."""

import json
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from onestop import demo, settings
from onestop.store.engine import open_store
from onestop.store.models import Dossier, StatusChange
from tests.integration.core.command_line import onestop


def test_the_demo_shows_a_past_and_no_future(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        filled = demo.fill(store, tmp_path, dossiers=40, seed=3)
        now = datetime.now(UTC)
        with store.read() as session:
            received = session.scalars(select(Dossier.received_at)).all()
            steps = session.scalars(select(StatusChange.at)).all()
    finally:
        store.close()
    assert len(received) == filled.dossiers == 40
    assert len(steps) > len(received)
    assert max([*received, *steps]) <= now


def test_the_demo_says_where_its_things_are_and_how_to_reopen_it(tmp_path: Path) -> None:
    folder = (tmp_path / "demo-data").resolve()
    made = onestop("demo", "--data-dir", str(folder), "--dossiers", "3", password=None)
    assert made.returncode == 0, made.stderr
    said = made.stdout
    assert f"Đã tạo dữ liệu mẫu trong {folder}: 21 thủ tục, 3 hồ sơ" in said
    assert "canbo, lanhdao, kythuat, quantri; mật khẩu motcua2026" in said
    assert f"Phiếu in ra thành ảnh PNG trong {folder / 'slips'}." in said
    assert f"Hệ thống tỉnh mẫu lưu trong {folder / 'province'}" in said
    assert said.splitlines()[-1].strip() == f"onestop demo --open --data-dir {folder}"

    again = onestop("demo", "--data-dir", str(tmp_path / "other"), "--dossiers", "0",
                    "--lang", "en", password=None)
    assert "Slips print as PNG pictures in" in again.stdout
    assert again.stdout.splitlines()[-1].strip().startswith("onestop demo --open --data-dir")


def test_the_demo_scans_its_sample_pages(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        demo.fill(store, tmp_path, dossiers=0)
        device = settings.get(store, "scanner.device")
    finally:
        store.close()
    scanned = onestop("scan", "--device", device, "--out", str(tmp_path / "pages"), "--json",
                      "--data-dir", str(tmp_path), "--user", "canbo")
    assert scanned.returncode == 0, scanned.stderr
    assert json.loads(scanned.stdout)["pages"] == 2
    pages = sorted((tmp_path / "pages").glob("page-*.jpg"))
    assert len(pages) == 2
    with Image.open(pages[0]) as first:
        assert first.width > 1000 and first.getextrema()[0] < 100  # a page of text, not a blank
