"""A slip the printer could not take stays in the print queue as failed: the status bar shows it,
and it opens to be sent again once the printer is back."""

from pathlib import Path

from pytestqt.qtbot import QtBot

from onestop import dossiers, print_jobs, settings
from onestop.roles import SYSTEM
from tests.conftest import Office
from tests.ui.conftest import counter_setup, slips_in
from ui.main_window import MainWindow
from ui.printing.slip_preview_panel import SlipPreviewPanel
from ui.tasks import TaskManager

WAIT = 10_000


def test_a_failed_slip_is_shown_and_printed_again(qtbot: QtBot, tasks: TaskManager,
                                                  ui_office: Office, tmp_path: Path) -> None:
    printer = tmp_path / "printer"
    printer.write_text("not a folder: the printer is off")
    with ui_office.store.write() as session:
        settings.put_in(session, SYSTEM, "printer.uri", f"virtual://{printer.as_posix()}")
    received = dossiers.receive(ui_office.store, ui_office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Phạm Văn Đồng", phone="0912345678")),
        print_jobs.SlipOrder(f"virtual://{printer.as_posix()}"))
    code = received.code
    window = MainWindow(tasks, ui_office.officer, counter_setup(ui_office.store))
    qtbot.addWidget(window)
    window.show()
    unprinted = window.status.unprinted
    assert not unprinted.isVisible()

    with qtbot.waitSignal(window.slips.failed_slips_changed, timeout=WAIT,
                          check_params_cb=lambda count: count == 1):
        window.slips.hand_over(received)
    assert unprinted.isVisible() and "1" in unprinted.text()
    jobs = print_jobs.for_dossier(ui_office.store, ui_office.officer, code)
    assert [(job.kind, job.state) for job in jobs] == [(print_jobs.RECEIPT, print_jobs.FAILED)]

    printer.unlink()
    unprinted.click()
    panel = window.findChildren(SlipPreviewPanel)[0]
    qtbot.waitUntil(lambda: panel.retry.isVisible(), timeout=WAIT)
    with qtbot.waitSignal(window.slips.failed_slips_changed, timeout=WAIT,
                          check_params_cb=lambda count: count == 0):
        panel.retry.click()
    assert not unprinted.isVisible()
    assert len(slips_in(printer)) == 1
    jobs = print_jobs.for_dossier(ui_office.store, ui_office.officer, code)
    assert [(job.kind, job.state, job.attempts) for job in jobs] == [
        (print_jobs.RECEIPT, print_jobs.SENT, 2)]
    panel.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    window.close()
