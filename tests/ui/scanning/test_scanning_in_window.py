"""The scanning rooms reached from the counter window: pages scanned during an intake go into
the dossier Ctrl+Enter stores, pages scanned into a dossier open from the list show among its
attachments, the ID card on the glass fills the applicant, and the scanner set-up is the
technician's, its QR trial field taking the handheld scanner's keys."""


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from onestop import dossiers
from tests.conftest import PASSWORD, Office
from tests.integration.scanning.escl_server import EsclServer, Scenario
from tests.ui.conftest import ID_CARD, SCANNER_GAP_MS, press, type_text
from tests.ui.scanning.conftest import BIRTH, WAIT_MS, a_dossier, set_scanner
from tests.ui.scanning.test_id_card_glass import card_on_glass
from ui.counter_app import CounterApp
from ui.main_window import MainWindow
from ui.scanning.scan_panel import ScanPanel
from ui.scanning.scanner_setup_screen import ScannerSetupScreen


def scan_pages(qtbot: QtBot, panel: ScanPanel) -> None:
    qtbot.waitUntil(panel.view.scan.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.scan_ended, timeout=WAIT_MS):
        panel.view.scan.click()
    assert panel.has_pages()


def test_pages_scanned_during_intake_go_into_the_dossier_saved(
        qtbot: QtBot, sane_office: Office, officer_window: MainWindow) -> None:
    intake = officer_window.intake
    assert intake is not None
    panel = intake.scan_panel
    assert intake.view.isAncestorOf(panel)
    assert intake.take_scan(ID_CARD)
    intake.view.procedure.search.setText(BIRTH)
    qtbot.keyClick(intake.view.procedure.search, Qt.Key.Key_Return)
    assert panel.view.item.count() > 1
    scan_pages(qtbot, panel)
    intake.view.outcome.choose(dossiers.SUPPLEMENT_REQUESTED, ["Giấy chứng sinh"])
    with qtbot.waitSignal(panel.papers_filed, timeout=WAIT_MS) as filed:
        qtbot.keyClick(intake.view.checklist, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    code = filed.args[0]
    stored = dossiers.show(sane_office.store, sane_office.supervisor, code)
    assert stored.applicant.full_name == "Nguyễn Thị Hoà"
    assert stored.attachments and sum(x.pages for x in stored.attachments) >= 1
    assert not panel.has_pages()


def test_a_dossier_saved_while_the_feeder_runs_gets_every_page(
        qtbot: QtBot, sane_office: Office, officer_window: MainWindow) -> None:
    intake = officer_window.intake
    assert intake is not None
    panel = intake.scan_panel
    assert intake.take_scan(ID_CARD)
    intake.view.procedure.search.setText(BIRTH)
    qtbot.keyClick(intake.view.procedure.search, Qt.Key.Key_Return)
    intake.view.outcome.choose(dossiers.SUPPLEMENT_REQUESTED, ["Giấy chứng sinh"])
    qtbot.waitUntil(panel.view.scan.isEnabled, timeout=WAIT_MS)
    panel.view.source.setCurrentIndex(panel.view.source.findText("Khay nạp giấy"))
    panel.view.scan.click()
    qtbot.waitUntil(panel.has_pages, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.papers_filed, timeout=WAIT_MS) as filed:
        intake.save()
    stored = dossiers.show(sane_office.store, sane_office.supervisor, filed.args[0])
    assert sum(x.pages for x in stored.attachments) == 10


def test_pages_scanned_into_an_open_dossier_show_among_its_attachments(
        qtbot: QtBot, sane_office: Office, officer_window: MainWindow) -> None:
    code = a_dossier(sane_office)
    dialog = officer_window.open_dossier(code)
    qtbot.waitUntil(dialog.view.isVisible, timeout=WAIT_MS)
    panel = dialog.scan_panel
    assert panel is not None and dialog.view.isAncestorOf(panel)
    assert dialog.view.attachments.toPlainText() == ""
    scan_pages(qtbot, panel)
    with qtbot.waitSignal(panel.papers_filed, timeout=WAIT_MS):
        panel.view.save.click()
    qtbot.waitUntil(lambda: "trang" in dialog.view.attachments.toPlainText(), timeout=WAIT_MS)
    assert dossiers.show(sane_office.store, sane_office.supervisor, code).attachments
    dialog.view.reject()


def test_the_id_card_on_the_glass_fills_the_applicant(
        qtbot: QtBot, ui_office: Office, officer_window: MainWindow) -> None:
    intake = officer_window.intake
    assert intake is not None
    assert intake.view.card_from_glass.defaultAction() is intake.card_on_glass.action
    with EsclServer(Scenario(pages=1, picture=card_on_glass())) as escl:
        set_scanner(ui_office, {"scanner.device": escl.base_url})
        intake.view.card_from_glass.click()
        applicant = intake.view.applicant
        qtbot.waitUntil(lambda: applicant.id_number.text() == "001185012345", timeout=WAIT_MS)
    assert applicant.full_name.text() == "Nguyễn Thị Hoà"
    assert applicant.sex.currentText() == "Nữ"


def test_a_failed_reading_from_the_glass_is_shown(
        qtbot: QtBot, officer_window: MainWindow) -> None:
    intake = officer_window.intake
    assert intake is not None
    intake.view.card_from_glass.click()
    qtbot.waitUntil(lambda: intake.view.applicant.error.text() != "", timeout=WAIT_MS)
    assert intake.view.applicant.full_name.text() == ""


def test_the_set_up_screen_s_qr_trial_takes_a_handheld_scan(
        qtbot: QtBot, counter: CounterApp) -> None:
    qtbot.waitUntil(lambda: counter.tasks.store is not None)
    view = counter.login.view
    view.username.setText("kythuat")
    view.password.setText(PASSWORD)
    view.password.returnPressed.emit()
    qtbot.waitUntil(lambda: counter.window is not None, timeout=WAIT_MS)
    window = counter.window
    assert window is not None
    qtbot.addWidget(window)
    window.admin_actions["Máy quét"].trigger()
    screen = window.findChild(ScannerSetupScreen)
    assert screen is not None
    qtbot.waitUntil(screen.isVisible)
    screen.view.qr_test.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.view.qr_test)
    with qtbot.waitSignal(screen.qr_code_read, timeout=WAIT_MS) as read:
        type_text(ID_CARD, SCANNER_GAP_MS)
        press(screen.view.qr_test, Qt.Key.Key_Return)
    assert "Nguyễn Thị Hoà" in read.args[0]
    screen.close()


def test_ctrl_l_on_the_scanned_pages_still_locks_the_screen(
        qtbot: QtBot, officer_window: MainWindow) -> None:
    assert officer_window.intake is not None
    pages = officer_window.intake.scan_panel.view.pages
    officer_window.activateWindow()
    pages.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pages)
    with qtbot.waitSignal(officer_window.lock_asked, timeout=WAIT_MS):
        qtbot.keyClick(pages, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
