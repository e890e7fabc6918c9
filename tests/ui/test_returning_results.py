"""Returning results at the counter: the 'Trả kết quả' screen lists the results ready, Enter opens
the handover, an authorised person's ID number is checked, the fees are taken and the return
confirmation prints only once the handover is stored; a receipt scanned on any screen opens its
dossier."""

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from onestop import dossiers, print_jobs, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.queue_demo import fill_queue
from onestop.roles import SYSTEM, Actor
from onestop.store.returning_models import ResultReturn
from printing.print_queue_worker import stored_dossier_slip
from printing.slip_layout import render_slip
from tests.conftest import Office
from tests.ui.conftest import ID_CARD, SCANNER_GAP_MS, Keys, counter_setup, slips_in, type_text
from tests.ui.fit import counter_screen, put_on
from tests.ui.test_intake import log_in
from ui.counter_app import CounterApp
from ui.dossiers.dossier_view import DossierView
from ui.main_window import MainWindow
from ui.returns.return_dialog import ReturnDialog
from ui.tasks import TaskManager

WAIT = 10_000
CERTIFICATION = "2.000815"  # fees 2.000 + 1.000 đồng in the sample catalogue


def ready(office: Office, name: str = "Trần Thị Hoà", phone: str = "0912345678") -> str:
    code = dossiers.receive(office.store, office.officer, Intake(
        CERTIFICATION, ApplicantInput(name, phone=phone))).code
    dossiers.transition(office.store, office.officer, code, "result_ready")
    return code


def window_for(qtbot: QtBot, tasks: TaskManager, office: Office, actor: Actor) -> MainWindow:
    window = MainWindow(tasks, actor, counter_setup(office.store))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def open_dialog(qtbot: QtBot, window: MainWindow) -> ReturnDialog:
    qtbot.waitUntil(lambda: bool(window.findChildren(ReturnDialog)), timeout=WAIT)
    dialog = window.findChildren(ReturnDialog)[0]
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def printed_slip(tmp_path: Path) -> Image.Image:
    [png] = slips_in(tmp_path / "slips")
    return Image.open(png).convert("1")


def paper_shows(printed: Image.Image, drawn: Image.Image) -> bool:
    """The paper carries the slip drawn, dot for dot, before the feed to the cutter."""
    return printed.crop((0, 0, *drawn.size)).tobytes() == drawn.convert("1").tobytes()


def test_the_results_ready_are_listed_and_enter_hands_the_found_one_over(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, tmp_path: Path) -> None:
    first = ready(ui_office)
    second = ready(ui_office, "Nguyễn Văn Đức", "0987654321")
    dossiers.receive(ui_office.store, ui_office.officer, Intake(
        CERTIFICATION, ApplicantInput("Lê Thị Mai", phone="0911111111")))  # not ready yet
    window = window_for(qtbot, tasks, ui_office, ui_office.officer)
    assert "Trả kết quả (F10)" in [a.iconText() for a in window.navigation.actions()]
    screen = window.returns
    assert screen is not None
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert window.stack.currentWidget() is screen.view
    model = screen.view.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)
    assert [model.result_at(r).code for r in range(2)] == [first, second]  # type: ignore[union-attr]
    assert model.index(1, 1).data() == "Nguyễn Văn Đức"
    assert model.index(1, 4).data() == "hôm nay"
    assert "2 hồ sơ" in screen.view.count.text()

    keys = Keys()
    keys.type("nguyen van duc")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT)
    keys.click(Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, window)
    assert dialog.by_applicant.isChecked() and dialog.fees.value() == 3000
    assert not dialog.id_number.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(slips_in(tmp_path / "slips")) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not tasks.busy(), timeout=WAIT)
    assert model.result_at(0).code == first  # type: ignore[union-attr]
    assert screen.view.search.text() == ""
    assert window.focusWidget() is screen.view.search  # ready for the next citizen
    assert second in screen.view.outcome.text() and "đang in" in screen.view.outcome.text()
    view = dossiers.show(ui_office.store, ui_office.officer, second)
    assert view.status == "returned" and view.history[-1].actor == "canbo"
    assert [j.kind for j in print_jobs.for_dossier(ui_office.store, ui_office.officer, second)] == [
        print_jobs.HANDOVER]
    assert dossiers.show(ui_office.store, ui_office.officer, first).status == "result_ready"


def test_an_authorised_persons_id_number_is_checked_and_the_confirmation_prints_after_the_handover(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, tmp_path: Path) -> None:
    code = ready(ui_office)
    window = window_for(qtbot, tasks, ui_office, ui_office.officer)
    dossier = window.open_dossier(code)
    qtbot.waitUntil(lambda: "returned" in dossier.action_buttons, timeout=WAIT)
    assert dossier.action_buttons["returned"].text() == "Trả kết quả…"
    dossier.action_buttons["returned"].click()
    first = open_dialog(qtbot, window)
    qtbot.keyClick(first.fees, Qt.Key.Key_Escape)
    assert not first.isVisible(), "Esc closes the handover"
    dossier.action_buttons["returned"].click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ReturnDialog)))
    dialog = next(d for d in window.findChildren(ReturnDialog) if d.isVisible())
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.by_authorised.setChecked(True)
    assert dialog.name.isEnabled() and dialog.name.hasFocus()
    dialog.name.setText("Lê Văn Bình")
    qtbot.keyClicks(dialog.id_number, "12345")
    qtbot.keyClicks(dialog.relation, "con trai")
    dialog.confirm.click()
    qtbot.waitUntil(lambda: "12 chữ số" in dialog.error.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    assert dialog.isVisible() and dialog.id_number.hasFocus()
    assert slips_in(tmp_path / "slips") == []
    assert dossiers.show(ui_office.store, ui_office.officer, code).status == "result_ready"

    dialog.id_number.setText("001090012345")
    dialog.fees.setValue(5000)
    dialog.confirm.click()
    qtbot.waitUntil(lambda: len(slips_in(tmp_path / "slips")) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "Đã trả kết quả" in dossier.view.status.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    with ui_office.store.read() as session:
        record = session.query(ResultReturn).one()
        assert (record.collector_name, record.collector_id_number, record.relation,
                record.fees_collected) == ("Lê Văn Bình", "001090012345", "con trai", 5000)
    [job] = print_jobs.for_dossier(ui_office.store, ui_office.officer, code)
    assert (job.kind, job.state) == (print_jobs.HANDOVER, print_jobs.SENT)
    slip, paper = stored_dossier_slip(ui_office.store, ui_office.officer, code, job.kind)
    assert paper_shows(printed_slip(tmp_path), render_slip(slip, paper))
    dossier.view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def test_a_receipt_scanned_on_another_screen_opens_its_dossier(
        qtbot: QtBot, counter: CounterApp, ui_office: Office) -> None:
    code = ready(ui_office)
    window = log_in(qtbot, counter)
    window.show_landing()
    window.landing.setFocus()
    QApplication.processEvents()
    if QApplication.focusWidget() is None:
        window.setFocus()
    type_text(f"https://dichvucong.example.vn/tra-cuu?ma={code}", SCANNER_GAP_MS)
    qtbot.waitUntil(lambda: any(v.isVisible() and v.code.text() == code
                                for v in window.findChildren(DossierView)), timeout=WAIT)
    assert window.stack.currentWidget() is window.landing


def test_a_supervisor_s_menus_stay_beside_the_bar_of_screens_at_1280(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, tmp_path: Path) -> None:
    # a calling counter, as in the demo: its call screen takes a place on the bar too
    fill_queue(ui_office.store, tmp_path, waiting=0)
    settings.put(ui_office.store, SYSTEM, {"counter.code": "Q1"})
    window = MainWindow(tasks, ui_office.supervisor, counter_setup(ui_office.store))
    qtbot.addWidget(window)
    put_on(window, counter_screen("1280x720"), maximised=True)
    window.show()
    qtbot.waitUntil(lambda: window.call_panel is not None, timeout=WAIT)
    QApplication.processEvents()
    bar = window.menuBar()
    menus = [action for action in bar.actions() if action.menu() is not None]
    assert [action.text() for action in menus] == ["&Hồ sơ", "&Quản trị"]
    for menu in menus:
        shown = bar.actionGeometry(menu)
        assert not shown.isEmpty() and shown.right() < window.navigation.geometry().left(), menu.text()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def test_the_collector_s_id_card_scanned_into_the_handover_fills_it_and_not_the_intake(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    ready(ui_office, "Phạm Văn Đồng")
    window = window_for(qtbot, tasks, ui_office, ui_office.officer)
    window.show_returns()
    screen = window.returns
    assert screen is not None
    qtbot.waitUntil(lambda: screen.view.model.rowCount() == 1, timeout=WAIT)
    screen.open_return(0)
    dialog = open_dialog(qtbot, window)
    assert window.take_scan(ID_CARD)
    assert dialog.by_authorised.isChecked()
    assert (dialog.name.text(), dialog.id_number.text()) == ("Nguyễn Thị Hoà", "001185012345")
    assert dialog.relation.hasFocus()
    assert window.intake is not None and window.intake.view.applicant.full_name.text() == ""
    dialog.reject()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
