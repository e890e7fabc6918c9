"""The supervisor's landing-page panel of today's front-of-house figures."""

from pytestqt.qtbot import QtBot

from onestop import queue
from onestop.queue_ratings import rate
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house
from tests.ui.conftest import release
from ui.queue.figures_panel import QueueFiguresPanel
from ui.tasks import TaskManager


def test_today_shows_tickets_advice_and_satisfaction(qtbot: QtBot, ui_office: Office,
                                                     tasks: TaskManager) -> None:
    open_front_of_house(ui_office.store)
    ticket = queue.take(ui_office.store, "HT")
    queue.take(ui_office.store, "CT")
    queue.call_next(ui_office.store, ui_office.officer, "Q1")
    queue.finish(ui_office.store, ui_office.officer, "Q1")
    rate(ui_office.store, ui_office.officer, 4, ticket_uid=ticket.uid)
    rate(ui_office.store, ui_office.officer, 1)
    panel = QueueFiguresPanel(tasks, ui_office.supervisor)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.today.text() != "", timeout=10_000)
    assert panel.today.text().startswith("2 phiếu;") and "1 lượt chỉ hướng dẫn" in panel.today.text()
    # Satisfaction row, today column: one of two ratings satisfied or better.
    assert panel.cells[3, 1].text() == "50 %"
    assert panel.cells[4, 1].text() == "—"
    release(panel)
