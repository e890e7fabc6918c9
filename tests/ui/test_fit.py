"""Every screen, dialog and admin page, filled with the longest real names of the sample
catalogue, fits a 1366×768 and a 1280×720 counter monitor: no window larger than the screen, no
label or button whose text is cut."""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from onestop import catalogue, digitised, dossiers
from onestop.catalogue import ProcedureRecord
from tests.conftest import Office
from tests.ui.conftest import counter_setup
from tests.ui.fit import COUNTER_SCREENS, counter_screen, misfits, put_on
from ui.about_dialog import AboutDialog
from ui.accounts.password_dialog import ChangePasswordDialog
from ui.accounts.user_form import TemporaryPasswordDialog, UserFormDialog
from ui.admin_menu import admin_pages
from ui.dialogs import TextQuestion
from ui.dossiers.correction_dialog import CorrectionDialog
from ui.dossiers.dossier_dialog import RescheduleQuestion
from ui.dossiers.ending_question import EndingQuestion
from ui.dossiers.status_actions import StatusAction
from ui.idle_lock import LockDialog
from ui.login.login_view import LoginView
from ui.main_window import MainWindow
from ui.scanning.reading_status import ReadingStatus
from ui.setup.setup_assistant import SetupAssistant
from ui.signing.pin_dialog import PinDialog
from ui.tasks import TaskManager
from ui.unsaved import UnsavedQuestion

WAIT = 10_000
LONG_NAME = "Nguyễn Thị Phương Thảo Tôn Nữ Hoàng Quỳnh Hương"
LONG_ADDRESS = "Số 125 ngách 46/18 ngõ 192 đường Lê Trọng Tấn, tổ dân phố 17, phường Khương Mai, Hà Nội"


def longest_procedure(office: Office) -> ProcedureRecord:
    procedures = catalogue.list_procedures(office.store)
    return max(procedures, key=lambda p: len(p.name))


def long_dossier(office: Office) -> str:
    procedure = longest_procedure(office)
    applicant = dossiers.ApplicantInput(LONG_NAME, "001185012345", address=LONG_ADDRESS,
                                        phone="0912345678")
    return dossiers.receive(office.store, office.officer,
                            dossiers.Intake(procedure.code, applicant)).code


@pytest.fixture(params=COUNTER_SCREENS)
def screen_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def counter_window(qtbot: QtBot, tasks: TaskManager, office: Office, actor_name: str,
                   screen_name: str) -> MainWindow:
    window = MainWindow(tasks, getattr(office, actor_name), counter_setup(office.store))
    qtbot.addWidget(window)
    put_on(window, counter_screen(screen_name), maximised=True)
    window.show()
    return window


def settle(qtbot: QtBot, tasks: TaskManager) -> None:
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    QApplication.processEvents()


def assert_fits(window: QWidget) -> None:
    assert window.isVisible()
    problems = misfits(window)
    assert not problems, "\n".join(problems)


def test_the_intake_with_the_longest_procedure_and_missing_papers_fits(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, screen_name: str) -> None:
    window = counter_window(qtbot, tasks, ui_office, "officer", screen_name)
    intake = window.intake
    assert intake is not None
    qtbot.waitUntil(lambda: intake.view.procedure.model.rowCount() > 0, timeout=WAIT)
    procedure = longest_procedure(ui_office)
    intake.view.procedure.search.setText(procedure.code)
    intake.view.procedure.search.returnPressed.emit()
    for row in range(intake.view.checklist_model.rowCount()):
        intake.view.checklist_model.tick(row, False)
    intake.view.applicant.full_name.setText(LONG_NAME)
    intake.view.applicant.address.setText(LONG_ADDRESS)
    settle(qtbot, tasks)
    assert intake.view.missing.text()
    assert_fits(window)
    window.show_dossier_list()
    settle(qtbot, tasks)
    assert_fits(window)


def test_a_dossier_with_every_paper_digitised_and_reading_paused_fits(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, screen_name: str) -> None:
    code = long_dossier(ui_office)
    papers = dossiers.show(ui_office.store, ui_office.officer, code).documents
    for number, paper in enumerate(papers):
        digitised.keep_copy(ui_office.store, ui_office.officer, code, paper.code,
                            b"%PDF-" + bytes([number]), 1)
    window = counter_window(qtbot, tasks, ui_office, "officer", screen_name)
    window.digitising.pause_reading(True)
    dialog = window.open_dossier(code)
    qtbot.waitUntil(lambda: len(dialog.paper_lines) == len(papers), timeout=WAIT)
    settle(qtbot, tasks)
    status = window.status.findChild(ReadingStatus)
    assert status is not None and status.isVisible()
    assert status.state.width() >= status.state.sizeHint().width(), status.state.text()
    assert_fits(window)
    assert_fits(dialog.view)
    dialog.view.close()
    settle(qtbot, tasks)


@pytest.mark.parametrize("actor_name", ["officer", "supervisor"])
def test_a_dossier_window_with_the_longest_names_fits(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, screen_name: str, actor_name: str) -> None:
    code = long_dossier(ui_office)
    window = counter_window(qtbot, tasks, ui_office, actor_name, screen_name)
    dialog = window.open_dossier(code)
    qtbot.waitUntil(dialog.view.isVisible, timeout=WAIT)
    settle(qtbot, tasks)
    assert dialog.view.screen() is window.screen()
    assert_fits(dialog.view)
    dialog.view.close()
    settle(qtbot, tasks)


@pytest.mark.parametrize("actor_name", ["admin", "supervisor"])
def test_every_admin_page_fits(qtbot: QtBot, tasks: TaskManager, ui_office: Office,
                               screen_name: str, actor_name: str) -> None:
    long_dossier(ui_office)
    window = counter_window(qtbot, tasks, ui_office, actor_name, screen_name)
    settle(qtbot, tasks)
    assert window.stack.currentWidget() is window.landing
    assert_fits(window)
    actor = getattr(ui_office, actor_name)
    for page in admin_pages():
        if not actor.may(page.permission):
            continue
        opened = window.open_admin_page(page)
        settle(qtbot, tasks)
        assert_fits(opened)
        opened.close()
        settle(qtbot, tasks)


def small_windows(office: Office, parent: QWidget, tasks: TaskManager) -> Iterator[QWidget]:
    yield ChangePasswordDialog(tasks, office.officer, parent=parent)
    yield SetupAssistant(tasks, parent)
    yield AboutDialog(tasks, parent)
    yield UserFormDialog(parent)
    yield TemporaryPasswordDialog(parent, "nguyenthiphuongthao")
    yield TextQuestion(parent, "Từ chối", "Lý do từ chối:", multiline=True)
    yield RescheduleQuestion(parent, None, "Lý do chậm trễ (văn bản xin lỗi):")
    yield LockDialog(parent, office.officer)
    yield PinDialog(parent, "000.00.13.H24-261202-0001")
    refusal = StatusAction("refused", "Từ chối tiếp nhận", "Lý do từ chối:", True, ends_dossier=True)
    yield EndingQuestion(parent, "000.00.13.H24-261202-0001", refusal)
    yield UnsavedQuestion(parent, "Cài đặt máy quét đã thay đổi mà chưa lưu.")


def test_every_dialog_fits(qtbot: QtBot, tasks: TaskManager, ui_office: Office,
                           screen_name: str) -> None:
    window = counter_window(qtbot, tasks, ui_office, "officer", screen_name)
    for dialog in small_windows(ui_office, window, tasks):
        dialog.show()
        settle(qtbot, tasks)
        assert_fits(dialog)
        dialog.close()
        dialog.deleteLater()


def test_the_login_window_fits(qtbot: QtBot, screen_name: str) -> None:
    login = LoginView()
    qtbot.addWidget(login)
    put_on(login, counter_screen(screen_name))
    login.show()
    assert_fits(login)


def test_the_dossier_list_shows_the_chosen_row_whole(qtbot: QtBot, tasks: TaskManager, ui_office: Office,
                                                     screen_name: str) -> None:
    code = long_dossier(ui_office)
    window = counter_window(qtbot, tasks, ui_office, "officer", screen_name)
    window.show_dossier_list()
    listing = window.dossier_list
    assert listing is not None
    qtbot.waitUntil(lambda: listing.view.model.rowCount() > 0, timeout=WAIT)
    row = next(r for r in range(listing.view.model.rowCount()) if listing.view.model.code_at(r) == code)
    listing.view.table.setCurrentIndex(listing.view.model.index(row, 0))
    settle(qtbot, tasks)
    assert longest_procedure(ui_office).name in listing.view.current.text()
    assert_fits(window)


def test_the_returns_screen_and_the_return_and_correction_dialogs_fit(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, screen_name: str) -> None:
    code = long_dossier(ui_office)
    dossiers.transition(ui_office.store, ui_office.officer, code, "result_ready")
    window = counter_window(qtbot, tasks, ui_office, "officer", screen_name)
    window.show_returns()
    returns = window.returns
    assert returns is not None
    qtbot.waitUntil(lambda: returns.view.model.rowCount() == 1, timeout=WAIT)
    settle(qtbot, tasks)
    assert_fits(window)
    handover = returns.open_return(0)
    assert handover is not None
    handover.by_authorised.setChecked(True)
    handover.error.show_error("Số định danh cá nhân phải gồm đúng 12 chữ số (đang có: “12345”).")
    settle(qtbot, tasks)
    assert_fits(handover)
    handover.close()
    shown = dossiers.show(ui_office.store, ui_office.officer, code)
    correction = CorrectionDialog(window, tasks, ui_office.officer, window.slips, shown)
    correction.show()
    qtbot.waitUntil(lambda: correction.papers_model.rowCount() > 0, timeout=WAIT)
    correction.full_name.setText(LONG_NAME[::-1])
    correction.address.setText(LONG_ADDRESS[::-1])
    settle(qtbot, tasks)
    assert_fits(correction)
    correction.close()
