"""The window's daily backup: made once a day on the device pool, and said when it cannot be."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from onestop import settings
from onestop.backup_passphrase import remember_passphrase_in
from tests.conftest import Office
from tests.integration.accounts.memory_keyring import use_memory_keyring
from tests.ui.conftest import release
from ui.daily_backup import DailyBackup
from ui.tasks import TaskManager

WAIT = 20_000


def test_todays_backup_is_made_once(qtbot: QtBot, tasks: TaskManager, ui_office: Office,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_memory_keyring(monkeypatch)
    folder = tmp_path / "backups"
    folder.mkdir()
    with ui_office.store.write() as session:
        settings.put_in(session, ui_office.technician, "backup.folder", str(folder))
        remember_passphrase_in(session, ui_office.technician, "cum-tu-sao-luu-hang-ngay")
    daily = DailyBackup(tasks)
    with qtbot.waitSignal(daily.backup_made, timeout=WAIT) as made:
        daily.start()
    assert [str(path) for path in folder.iterdir()] == made.args
    daily.run_if_due()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    assert len(list(folder.iterdir())) == 1
    daily.stop()
    release(daily)


def test_a_missing_folder_is_said(qtbot: QtBot, tasks: TaskManager, ui_office: Office,
                                  tmp_path: Path) -> None:
    with ui_office.store.write() as session:
        settings.put_in(session, ui_office.technician, "backup.folder", str(tmp_path / "unplugged"))
    daily = DailyBackup(tasks)
    with qtbot.waitSignal(daily.backup_failed, timeout=WAIT) as failed:
        daily.run_if_due()
    assert "unplugged" in failed.args[0]
    release(daily)
