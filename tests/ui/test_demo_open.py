"""`onestop demo --open`: the demo's own province answers for as long as the window is open, and
the demo counter is linked to it."""

from pathlib import Path

import pytest

from launch import main
from onestop.store.engine import open_store
from sync.link_state import LinkState, sync_now
from ui import app

pytestmark = pytest.mark.usefixtures("no_keyring")


def link_of(data: Path) -> LinkState:
    store = open_store(data)
    try:
        return sync_now(store)
    finally:
        store.close()


def test_the_demo_window_opens_beside_its_province(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[LinkState] = []

    def window_instead(data_dir: str | None = None, database_url: str | None = None) -> int:
        seen.append(link_of(Path(str(data_dir))))
        return 0

    monkeypatch.setattr(app, "run_window", window_instead)
    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data), "--open"]) == 0
    assert len(seen) == 1 and seen[0].configured and seen[0].online is True
    assert seen[0].waiting == 0
    assert link_of(data).online is False
    # a newcomer hears where the demo keeps its data, slips and province, and how to come back
    told = capsys.readouterr().out
    assert str(data.resolve()) in told and str(data.resolve() / "slips") in told
    assert f"onestop demo --open --data-dir {data.resolve()}" in told


def test_a_demo_opened_again_is_not_filled_or_told_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(app, "run_window", lambda data_dir=None, database_url=None: 0)
    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data), "--open"]) == 0
    capsys.readouterr()
    assert main(["demo", "--data-dir", str(data), "--open"]) == 0
    assert "Đã tạo dữ liệu mẫu" not in capsys.readouterr().out
