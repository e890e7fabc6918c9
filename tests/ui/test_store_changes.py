"""What a write changed goes out on the task manager's one signal, and each screen refreshes
only what it shows: nothing in the window wires one screen's refresh to another's work."""

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from onestop import dossiers
from onestop.changes import StoreChanges
from tests.conftest import Office
from tests.ui.conftest import counter_setup, release
from tests.ui.test_intake import pick_tick_and_save
from ui.dossiers.dossier_list_screen import DossierListScreen
from ui.main_window import MainWindow
from ui.operations.intake import ReceiveDossier
from ui.tasks import TaskManager

WAIT = 10_000


@pytest.fixture
def open_list(qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> Iterator[DossierListScreen]:
    """A supervisor's dossier list open in a window of its own, listed once."""
    screen = DossierListScreen(tasks, ui_office.supervisor)
    qtbot.addWidget(screen.view)
    with qtbot.waitSignal(screen.view.model.modelReset, timeout=WAIT):
        screen.view.show()
        screen.refresh()
    yield screen
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    screen.view.close()
    release(screen.view)


def listed(screen: DossierListScreen) -> list[str | None]:
    model = screen.view.model
    return [model.code_at(row) for row in range(model.rowCount())]


def waiting_shown(window: MainWindow) -> str:
    return window.status.province.text().rsplit(":", 1)[-1].strip()


def test_a_dossier_received_at_the_intake_reaches_an_open_list_and_the_waiting_count(
        qtbot: QtBot, tasks: TaskManager, open_list: DossierListScreen, officer_window: MainWindow) -> None:
    assert officer_window.intake is not None
    qtbot.waitUntil(lambda: waiting_shown(officer_window).isdigit(), timeout=WAIT)
    waiting_before = int(waiting_shown(officer_window))
    officer_window.intake.view.applicant.full_name.setText("Nguyễn Thị Hoà")
    told: list[StoreChanges] = []
    tasks.store_changed.connect(told.append)
    code = pick_tick_and_save(qtbot, officer_window.intake)

    qtbot.waitUntil(lambda: code in listed(open_list), timeout=WAIT)
    # the dossier and its first status both wait for the province
    qtbot.waitUntil(lambda: waiting_shown(officer_window) == str(waiting_before + 2), timeout=WAIT)
    receipt = told[0]
    assert receipt.dossiers == {code} and receipt.outbox
    assert len(receipt.print_jobs) == 1  # the office has a printer: the receipt's job
    assert not (receipt.catalogue or receipt.queue or receipt.settings)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    tasks.store_changed.disconnect(told.append)


def test_a_reprinted_slip_does_not_have_the_dossier_list_list_again(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, open_list: DossierListScreen,
        officer_window: MainWindow) -> None:
    code = dossiers.receive(ui_office.store, ui_office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Lê Văn Tám"))).code
    listings: list[None] = []
    open_list.view.model.modelReset.connect(lambda: listings.append(None))
    told: list[StoreChanges] = []
    tasks.store_changed.connect(told.append)

    with qtbot.waitSignal(officer_window.slips.printer_state_changed, timeout=WAIT):
        officer_window.slips.reprint(code)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    assert told and all(change.print_jobs and not change.dossiers for change in told)
    assert listings == []

    # a move of the dossier itself does have it listed again
    with qtbot.waitSignal(open_list.view.model.modelReset, timeout=WAIT):
        dialog = officer_window.open_dossier(code)
        qtbot.waitUntil(lambda: "in_process" in dialog.action_buttons, timeout=WAIT)
        dialog.action_buttons["in_process"].click()
    qtbot.waitUntil(lambda: code in listed(open_list) and not tasks.busy(), timeout=WAIT)
    assert told[-1].dossiers == {code}
    tasks.store_changed.disconnect(told.append)
    dialog.view.reject()


def test_nothing_is_announced_for_a_read_nor_for_work_that_failed(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, officer_window: MainWindow) -> None:
    told: list[StoreChanges] = []
    tasks.store_changed.connect(told.append)
    officer_window.slips.reprint("000.00.00.H00-000000-0000")
    dialog = officer_window.open_dossier("000.00.00.H00-000000-0001")
    qtbot.waitUntil(lambda: bool(dialog.view.error.text()), timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    assert told == []
    tasks.store_changed.disconnect(told.append)
    dialog.view.reject()


def receive_in_the_background(tasks: TaskManager, office: Office) -> None:
    tasks.run_database(ReceiveDossier(office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Lê Văn Tám")), None), lambda _received: None)


def test_today_s_figures_on_screen_follow_a_dossier_received_and_hidden_ones_wait(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    supervisor = MainWindow(tasks, ui_office.supervisor, counter_setup(ui_office.store))
    qtbot.addWidget(supervisor)
    supervisor.show()
    received = supervisor.landing.tiles["received_today"]
    qtbot.waitUntil(lambda: received.text().isdigit(), timeout=WAIT)
    before = int(received.text())
    receive_in_the_background(tasks, ui_office)
    qtbot.waitUntil(lambda: received.text() == str(before + 1), timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    waiting = supervisor.landing.tiles["waiting_for_province"].text()
    assert supervisor.landing.province.text().endswith(f": {waiting}")  # the status bar's count
    supervisor.close()

    officer = MainWindow(tasks, ui_office.officer, counter_setup(ui_office.store))
    qtbot.addWidget(officer)
    officer.show()
    assert officer.stack.currentWidget() is not officer.landing
    receive_in_the_background(tasks, ui_office)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    assert officer.landing.tiles["received_today"].text() == "…"  # not read while hidden
    officer.show_landing()
    qtbot.waitUntil(lambda: officer.landing.tiles["received_today"].text() == str(before + 2),
                    timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
