"""The backup and restore dialog, run as a technician would."""

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from onestop import settings
from onestop.backup_schedule import this_computer
from tests.conftest import Office
from tests.integration.accounts.memory_keyring import use_memory_keyring
from tests.ui.accounts.conftest import TasksFor
from ui.accounts.backup_dialog import BackupDialog

WAIT = 20_000
PASSPHRASE = "mat-khau-sao-luu-dai"


def opened(qtbot: QtBot, office: Office, tasks_for: TasksFor) -> BackupDialog:
    dialog = BackupDialog(tasks_for(office.store), office.technician)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.tasks.busy(), timeout=WAIT)
    return dialog


def test_backup_check_and_restore(qtbot: QtBot, office: Office, tmp_path: Path,
        tasks_for: TasksFor) -> None:
    dialog = opened(qtbot, office, tasks_for)
    dialog.backup_path.setText(str(tmp_path / "tu-man-hinh"))
    dialog.backup_passphrase.setText(PASSPHRASE)
    dialog.backup_repeated.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.backup_made, timeout=WAIT) as made:
        dialog.backup_button.click()
        assert not dialog.progress.isHidden()
        assert not dialog.backup_button.isEnabled()
    path = made.args[0]
    assert path.endswith("tu-man-hinh.onestop-backup")
    assert dialog.backup_passphrase.text() == ""

    dialog.restore_path.setText(path)
    dialog.restore_passphrase.setText("khong-phai-mat-khau")
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as failed:
        dialog.check_button.click()
    assert failed.args == ["Sai mật khẩu sao lưu."]
    dialog.restore_passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.backup_checked, timeout=WAIT):
        dialog.check_button.click()
    assert "0 hồ sơ" in dialog.status.text()
    assert not dialog.restore_button.isEnabled()
    dialog.understood.setChecked(True)
    with qtbot.waitSignal(dialog.restored, timeout=WAIT):
        dialog.restore_button.click()
    assert dialog.status.text().startswith("Đã phục hồi.")
    assert not dialog.understood.isChecked() and not dialog.restore_button.isEnabled()


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_the_daily_backup_is_set_up(qtbot: QtBot, office: Office, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch,
        tasks_for: TasksFor) -> None:
    memory = use_memory_keyring(monkeypatch)
    dialog = opened(qtbot, office, tasks_for)
    assert dialog.daily_keep.value() == 14
    assert dialog.last_backup.text() == "chưa sao lưu lần nào"
    dialog.daily_passphrase.setText(PASSPHRASE)
    dialog.daily_repeated.setText("khac-hoan-toan")
    dialog.daily_button.click()
    assert "không khớp" in dialog.status.text()
    dialog.daily_repeated.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.daily_saved, timeout=WAIT):
        dialog.save_daily(str(tmp_path), 7, PASSPHRASE)
    with office.store.read() as session:
        assert settings.get_in(session, "backup.folder") == str(tmp_path)
        assert settings.get_in(session, "backup.keep") == 7
    assert list(memory.secrets.values()) == [PASSPHRASE]


@pytest.mark.parametrize("office", ["postgres"], indirect=True)
def test_a_shared_server_names_the_computer_of_its_daily_backup(
        qtbot: QtBot, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        tasks_for: TasksFor) -> None:
    use_memory_keyring(monkeypatch)
    dialog = opened(qtbot, office, tasks_for)
    assert "chưa máy nào làm sao lưu hằng ngày" in dialog.daily_computer.text()
    assert not dialog.daily_computer.isHidden()
    with qtbot.waitSignal(dialog.daily_saved, timeout=WAIT):
        dialog.save_daily(str(tmp_path), 7, PASSPHRASE)
    qtbot.waitUntil(lambda: f"máy này ({this_computer()})" in dialog.daily_computer.text(),
                    timeout=WAIT)
    with office.store.read() as session:
        assert settings.get_in(session, "backup.computer") == this_computer()


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_the_daily_tab_shows_when_the_last_backup_was_made(qtbot: QtBot, office: Office, tmp_path: Path,
                                                          tasks_for: TasksFor) -> None:
    dialog = opened(qtbot, office, tasks_for)
    dialog.backup_path.setText(str(tmp_path / "ban-sao"))
    dialog.backup_passphrase.setText(PASSPHRASE)
    dialog.backup_repeated.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.backup_made, timeout=WAIT):
        dialog.backup_button.click()
    again = opened(qtbot, office, tasks_for)
    assert re.search(r"\d{2}/\d{2}/\d{4}", again.last_backup.text()), again.last_backup.text()


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_a_backup_by_hand_is_offered_beside_the_daily_ones(qtbot: QtBot, office: Office, tmp_path: Path,
                                                          tasks_for: TasksFor) -> None:
    with office.store.write() as session:
        settings.put_in(session, office.technician, "backup.folder", str(tmp_path / "sao-luu"))
    dialog = opened(qtbot, office, tasks_for)
    assert Path(dialog.backup_path.text()).parent == tmp_path / "sao-luu"
