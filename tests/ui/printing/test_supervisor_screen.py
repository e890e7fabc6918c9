"""The supervisor's screen on a real store: figures, overdue list, charts, reports as PDF."""

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.conftest import Office
from tests.integration.printing.pdf_reader import read_back
from ui.printing.supervisor_screen import SupervisorScreen
from ui.tasks import TaskManager

WAIT_MS = 15_000


def _screen(qtbot: QtBot, tasks: TaskManager, office: Office, *,
            as_officer: bool = False) -> SupervisorScreen:
    screen = SupervisorScreen(tasks, office.officer if as_officer else office.supervisor)
    qtbot.addWidget(screen)
    return screen


def _shown(qtbot: QtBot, screen: SupervisorScreen) -> None:
    with qtbot.waitSignals([screen.figures_shown, screen.period_shown], timeout=WAIT_MS):
        pass


def _figures(screen: SupervisorScreen) -> dict[str, str]:
    grid = screen.view.figures
    texts = [item.text() for item in (grid.itemAt(i).widget() for i in range(grid.count()))
             if isinstance(item, QLabel)]
    return {label: value.removeprefix("<b>").removesuffix("</b>")
            for label, value in zip(texts[::2], texts[1::2], strict=True)}


def test_today_shows_figures_overdue_and_both_charts(qtbot: QtBot, tasks: TaskManager,
                                                     paper_office: Office,
                                                     received: list[str]) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    _shown(qtbot, screen)

    figures = _figures(screen)
    assert figures["Hồ sơ tiếp nhận"] == "3"
    assert figures["— trực tiếp"] == "3"
    assert figures["Hồ sơ quá hạn"] == "1"
    table = screen.view.overdue
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == received[0]
    assert table.item(0, 1).text() == "Nguyễn Văn An"
    daily = screen.view.daily_chart
    assert daily.series[0][0] == "Tiếp nhận" and sum(daily.series[0][1]) == 3
    assert screen.view.period_chart.categories
    assert screen.view.daily_chart.grab().width() > 0


def test_reports_are_saved_as_pdf(qtbot: QtBot, tasks: TaskManager, paper_office: Office,
                                  received: list[str], tmp_path: Path) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    _shown(qtbot, screen)
    daily = tmp_path / "ngay.pdf"
    screen.ask_pdf_path = lambda suggested: daily  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.report_saved, timeout=WAIT_MS):
        screen.view.save_daily.click()
    text = read_back(daily.read_bytes(), tmp_path)
    assert "BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY" in text
    assert "Nguyễn Văn An" in text

    period = tmp_path / "ky.pdf"
    screen.ask_pdf_path = lambda suggested: period  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.report_saved, timeout=WAIT_MS) as saved:
        screen.view.save_period.click()
    assert saved.args == [str(period)]
    assert "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT" in read_back(period.read_bytes(), tmp_path)
    assert "Đã lưu báo cáo" in screen.view.state.text()


def test_print_opens_the_report_in_the_pdf_viewer(qtbot: QtBot, tasks: TaskManager,
                                                  paper_office: Office, received: list[str],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    # the system's temporary folder is this test's: another test run may print the same day
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened: list[str] = []
    monkeypatch.setattr("ui.printing.supervisor_screen.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    screen = _screen(qtbot, tasks, paper_office)
    _shown(qtbot, screen)
    with qtbot.waitSignal(screen.report_opened, timeout=WAIT_MS) as ready:
        screen.view.print_daily.click()
    assert opened == ready.args
    assert Path(opened[0]).read_bytes().startswith(b"%PDF")


def test_a_period_ending_before_it_starts_is_refused(qtbot: QtBot, tasks: TaskManager,
                                                     paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    _shown(qtbot, screen)
    screen.view.first.setDate(QDate(2026, 11, 30))
    screen.view.last.setDate(QDate(2026, 11, 1))
    screen.view.show_period.click()
    assert "cuối kỳ" in screen.view.state.text()


def test_an_officer_sees_why_there_are_no_figures(qtbot: QtBot, tasks: TaskManager,
                                                  paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office, as_officer=True)
    qtbot.waitUntil(lambda: "không có quyền" in screen.view.state.text(), timeout=WAIT_MS)
    assert screen.view.figures.count() == 0
