"""The supervisor's audit view: filters, CSV export, and the check button."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from onestop import dossiers
from tests.conftest import Office
from tests.ui.accounts.conftest import TasksFor
from ui.accounts.audit_view import AuditView

pytestmark = pytest.mark.parametrize("office", ["sqlite"], indirect=True)
WAIT = 10_000


def opened(qtbot: QtBot, office: Office, tasks_for: TasksFor) -> AuditView:
    view = AuditView(tasks_for(office.store), office.supervisor)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.tasks.busy(), timeout=WAIT)
    return view


def test_rows_filtered_by_who_and_what(qtbot: QtBot, office: Office,
        tasks_for: TasksFor) -> None:
    view = opened(qtbot, office, tasks_for)
    everything = view.table.rowCount()
    assert everything >= 6
    view.action.setCurrentIndex(view.action.findData("user.create"))
    with qtbot.waitSignal(view.entries_loaded, timeout=WAIT) as loaded:
        view.filter_button.click()
    assert loaded.args == [4]
    assert {view.table.item(r, 3).text() for r in range(4)} == {"Tạo tài khoản"}
    view.subject.setText("KYTHUAT")
    with qtbot.waitSignal(view.entries_loaded, timeout=WAIT) as loaded:
        view.reload()
    assert loaded.args == [1]
    view.since.setDate(QDate(2020, 1, 1))
    view.until.setDate(QDate(2020, 1, 2))
    with qtbot.waitSignal(view.entries_loaded, timeout=WAIT) as loaded:
        view.reload()
    assert loaded.args == [0]


def test_export_and_check(qtbot: QtBot, office: Office, tmp_path: Path,
        tasks_for: TasksFor) -> None:
    view = opened(qtbot, office, tasks_for)
    target = tmp_path / "nhat-ky.csv"
    with qtbot.waitSignal(view.exported, timeout=WAIT):
        view.export_to(target)
    assert target.read_text(encoding="utf-8-sig").count("\n") == view.table.rowCount() + 1
    with qtbot.waitSignal(view.verified, timeout=WAIT) as checked:
        view.verify_button.click()
    assert checked.args == [0]
    assert "toàn vẹn" in view.status.text()
    with office.store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'ai-do' WHERE id = 2"))
    with qtbot.waitSignal(view.verified, timeout=WAIT) as checked:
        view.verify()
    assert checked.args == [1]
    assert "Dòng 2: nội dung đã bị sửa." in view.status.text()


def test_an_officer_is_refused(qtbot: QtBot, office: Office,
        tasks_for: TasksFor) -> None:
    view = AuditView(tasks_for(office.store), office.officer)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.failed, timeout=WAIT):
        pass
    assert view.table.rowCount() == 0
    assert "không có quyền xem nhật ký" in view.status.text()


def test_rows_read_in_words_with_names_and_minutes(qtbot: QtBot, office: Office,
                                                   tasks_for: TasksFor) -> None:
    code = dossiers.receive(office.store, office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Lê Văn Tám"))).code
    dossiers.transition(office.store, office.officer, code, "in_process")
    view = opened(qtbot, office, tasks_for)
    row = next(r for r in range(view.table.rowCount())
               if view.table.item(r, 4).text() == code and "chuyển" in view.table.item(r, 3).text().lower())
    at, person, details = (view.table.item(row, c).text() for c in (1, 2, 5))
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", at)
    assert person == "Người canbo (canbo)"
    assert "Đã tiếp nhận" in details and "Đang giải quyết" in details
    assert "{" not in details and "in_process" not in details
    assert view.sizeHint().width() >= 1200
