"""A settings change applies at once: after the technician saves the printer, the very next slip
goes by the new settings, without logging in again. The save tells which settings it wrote, and
the window takes them from that announcement."""

from pytestqt.qtbot import QtBot

from onestop.changes import StoreChanges
from tests.conftest import Office
from tests.ui.conftest import counter_setup
from ui.admin_menu import admin_pages
from ui.main_window import MainWindow
from ui.printing.printer_setup_screen import PrinterSetupScreen
from ui.tasks import TaskManager

WAIT = 10_000


def test_a_saved_printer_applies_to_the_next_slip(qtbot: QtBot, tasks: TaskManager,
                                                  ui_office: Office) -> None:
    window = MainWindow(tasks, ui_office.admin, counter_setup(ui_office.store))
    qtbot.addWidget(window)
    window.show()
    order = window.slips.order()
    assert order is not None and order.copies == 1
    page = next(p for p in admin_pages() if p.title == "Máy in phiếu")
    screen = window.open_admin_page(page)
    assert isinstance(screen, PrinterSetupScreen)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    screen.view.copies.setValue(2)
    told: list[StoreChanges] = []
    tasks.store_changed.connect(told.append)
    with qtbot.waitSignal(window.settings_news.settings_changed, timeout=WAIT):
        screen.view.save.click()
    tasks.store_changed.disconnect(told.append)
    assert told == [StoreChanges(settings=frozenset({"printer.copies"}))]
    order = window.slips.order()
    assert order is not None and order.copies == 2
    screen.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
