"""The technician's printer set-up screen against a printer on the loopback and a real store."""

from pathlib import Path

from pytestqt.qtbot import QtBot

from onestop import settings
from tests.conftest import Office
from tests.integration.printing.loopback_printer import PAPER_OUT, LoopbackPrinter
from tests.unit.printing.escpos_reader import read_job
from ui.printing.printer_setup_screen import TCP, VIRTUAL, PrinterSetupScreen
from ui.tasks import TaskManager

WAIT_MS = 10_000


def _screen(qtbot: QtBot, tasks: TaskManager, office: Office, *,
            as_officer: bool = False) -> PrinterSetupScreen:
    actor = office.officer if as_officer else office.technician
    screen = PrinterSetupScreen(tasks, actor)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.settings_loaded, timeout=WAIT_MS):
        pass
    return screen


def _network(screen: PrinterSetupScreen, uri: str) -> None:
    host, port = uri.removeprefix("tcp://").rsplit(":", 1)
    v = screen.view
    v.kind.setCurrentIndex(v.kind.findData(TCP))
    v.host.setText(host)
    v.port.setValue(int(port))


def test_the_screen_shows_the_printer_the_office_has(qtbot: QtBot, tasks: TaskManager,
                                                     paper_office: Office, tmp_path: Path) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    v = screen.view
    assert v.kind.currentData() == VIRTUAL
    assert v.virtual_folder.text() == str(tmp_path / "slips")
    assert v.paper.currentData() == 58
    assert v.address.text() == f"virtual://{tmp_path / 'slips'}"


def test_check_and_trial_print_on_a_network_printer(qtbot: QtBot, tasks: TaskManager,
                                                    paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    with LoopbackPrinter() as printer:
        _network(screen, printer.uri)
        assert screen.view.address.text() == printer.uri
        with qtbot.waitSignal(screen.printer_checked, timeout=WAIT_MS) as checked:
            screen.view.check.click()
        assert checked.args == ["Máy in sẵn sàng, còn giấy."]
        with qtbot.waitSignal(screen.trial_printed, timeout=WAIT_MS) as printed:
            screen.view.trial.click()
            assert not screen.view.trial.isEnabled()
    sent, words = printed.args
    assert sent and "Đã gửi 1 bản" in words
    assert screen.view.trial.isEnabled()
    job = read_job(printer.jobs[-1])
    assert job.cuts == ["partial"]
    [slip] = job.slips
    assert slip.width == 384


def test_the_trial_slip_is_printed_for_the_model_being_set_up(qtbot: QtBot, tasks: TaskManager,
                                                               paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    v = screen.view
    v.paper.setCurrentIndex(v.paper.findData(80))
    v.profile.setCurrentText("NT-5890K")
    with LoopbackPrinter() as printer:
        _network(screen, printer.uri)
        with qtbot.waitSignal(screen.trial_printed, timeout=WAIT_MS) as printed:
            v.trial.click()
    assert printed.args[0], printed.args[1]
    job = read_job(printer.jobs[-1])
    assert (job.cuts, job.tears) == ([], 1)
    assert {raster.width for raster in job.rasters} == {384}


def test_paper_out_is_said_plainly(qtbot: QtBot, tasks: TaskManager, paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    with LoopbackPrinter(paper_answer=PAPER_OUT) as printer:
        _network(screen, printer.uri)
        with qtbot.waitSignal(screen.printer_checked, timeout=WAIT_MS) as checked:
            screen.view.check.click()
        with qtbot.waitSignal(screen.trial_printed, timeout=WAIT_MS) as printed:
            screen.view.trial.click()
    assert checked.args == ["Máy in đã hết giấy."]
    assert printed.args[0] is False and "hết giấy" in printed.args[1]
    assert "hết giấy" in screen.view.state.text()


def test_saving_keeps_the_new_printer(qtbot: QtBot, tasks: TaskManager,
                                      paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    _network(screen, "tcp://192.168.1.50:9100")
    screen.view.paper.setCurrentIndex(screen.view.paper.findData(80))
    screen.view.copies.setValue(2)
    screen.view.profile.setCurrentText("TM-T88V")
    with qtbot.waitSignal(screen.settings_saved, timeout=WAIT_MS):
        screen.view.save.click()
    with paper_office.store.read() as session:
        values = settings.all_values_in(session)
    assert values["printer.uri"] == "tcp://192.168.1.50:9100"
    assert (values["printer.paper_width"], values["printer.copies"]) == (80, 2)
    assert values["printer.profile"] == "TM-T88V"


def test_an_officer_cannot_save_or_print_a_trial(qtbot: QtBot, tasks: TaskManager,
                                                 paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office, as_officer=True)
    _network(screen, "tcp://192.168.1.50:9100")
    screen.view.save.click()
    qtbot.waitUntil(lambda: "không có quyền" in screen.view.state.text(), timeout=WAIT_MS)
    with paper_office.store.read() as session:
        assert settings.get_in(session, "printer.uri").startswith("virtual://")


def test_half_filled_fields_say_what_is_missing(qtbot: QtBot, tasks: TaskManager,
                                                paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    _network(screen, "tcp://x:1")
    screen.view.host.clear()
    assert "Địa chỉ máy in không hợp lệ" in screen.view.address.text()
    screen.view.check.click()
    assert "Địa chỉ máy in không hợp lệ" in screen.view.state.text()


def test_looking_for_usb_printers_and_serial_ports_answers(qtbot: QtBot, tasks: TaskManager,
                                                           paper_office: Office) -> None:
    screen = _screen(qtbot, tasks, paper_office)
    with qtbot.waitSignal(screen.serial_ports_found, timeout=WAIT_MS):
        screen.view.serial_find.click()
    screen.view.usb_find.click()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT_MS)
    assert "USB" in screen.view.state.text()
    assert not screen.view.state.text().startswith("Đang tìm")
