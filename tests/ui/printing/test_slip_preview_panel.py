"""The slip preview with its reprint button, on a real store and printers on the loopback."""

from pathlib import Path

import zxingcpp
from PIL import Image
from pytestqt.qtbot import QtBot

from onestop import print_jobs, settings
from onestop.roles import SYSTEM
from printing.print_queue_worker import send_print_job
from tests.conftest import Office
from tests.integration.printing.loopback_printer import LoopbackPrinter
from tests.unit.printing.escpos_reader import read_job
from ui.printing.slip_preview_panel import SlipPreviewPanel
from ui.tasks import TaskManager

WAIT_MS = 15_000


def _panel(qtbot: QtBot, tasks: TaskManager, office: Office, code: str) -> SlipPreviewPanel:
    panel = SlipPreviewPanel(tasks, office.officer)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.slip_shown, timeout=WAIT_MS):
        panel.show_dossier(code)
    return panel


def _use_printer(office: Office, uri: str) -> None:
    with office.store.write() as session:
        settings.put_in(session, SYSTEM, "printer.uri", uri)


def test_the_preview_is_the_slip_as_printed(qtbot: QtBot, tasks: TaskManager, paper_office: Office,
                                            received: list[str], tmp_path: Path) -> None:
    panel = _panel(qtbot, tasks, paper_office, received[1])

    pixmap = panel.picture.pixmap()
    assert pixmap.width() == 384
    assert pixmap.save(str(tmp_path / "preview.png"))
    shown = Image.open(tmp_path / "preview.png").convert("L")
    qr = [r.text for r in zxingcpp.read_barcodes(shown) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert [text.split("|")[0] for text in qr] == [received[1]]
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in panel.title.text().upper()
    assert panel.job_state.text() == "Phiếu của hồ sơ này chưa được in."
    assert panel.reprint.isEnabled() and not panel.retry.isVisible()


def test_reprint_goes_to_the_office_printer(qtbot: QtBot, tasks: TaskManager, paper_office: Office,
                                            received: list[str]) -> None:
    panel = _panel(qtbot, tasks, paper_office, received[0])
    with LoopbackPrinter() as printer:
        _use_printer(paper_office, printer.uri)
        with qtbot.waitSignal(panel.reprinted, timeout=WAIT_MS) as done:
            panel.reprint.click()
    assert done.args[0] is True
    assert panel.job_state.text().startswith("Đã in lúc")
    [slip] = read_job(printer.jobs[0]).slips
    assert slip.width == 384


def test_a_failed_slip_shows_why_and_can_be_sent_again(qtbot: QtBot, tasks: TaskManager,
                                                       paper_office: Office,
                                                       received: list[str],
                                                       refusing_port: int) -> None:
    closed = f"tcp://127.0.0.1:{refusing_port}"
    job = print_jobs.queue_intake_slip(paper_office.store, paper_office.officer, received[2],
                                       closed)
    send_print_job(paper_office.store, paper_office.officer, job.id, timeout=2)
    panel = _panel(qtbot, tasks, paper_office, received[2])
    assert "Chưa in được (lần thử 1)" in panel.job_state.text()
    assert "Không kết nối được máy in" in panel.job_state.text()
    assert panel.retry.isVisibleTo(panel)

    with qtbot.waitSignal(panel.reprinted, timeout=WAIT_MS) as again:
        panel.retry.click()
    assert again.args[0] is False
    assert print_jobs.get(paper_office.store, paper_office.officer, job.id).attempts == 2


def test_no_printer_set_up_is_said_plainly(qtbot: QtBot, tasks: TaskManager, paper_office: Office,
                                           received: list[str]) -> None:
    panel = _panel(qtbot, tasks, paper_office, received[0])
    _use_printer(paper_office, "")
    panel.reprint.click()
    qtbot.waitUntil(lambda: "Chưa cài máy in phiếu" in panel.job_state.text(), timeout=WAIT_MS)
    assert panel.reprint.isEnabled()
