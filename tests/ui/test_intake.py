"""Receiving a citizen with the keyboard: an ID-card burst, the procedure, the checklist, save."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from onestop import dossiers, settings
from tests.conftest import PASSWORD, Office
from tests.ui.conftest import ID_CARD, PERSON_GAP_MS, SCANNER_GAP_MS, Keys, slips_in, type_text
from ui.counter_app import CounterApp
from ui.intake.checklist_model import COPIES, NAME, ORIGINALS
from ui.intake.intake_screen import IntakeScreen
from ui.main_window import MainWindow


def log_in(qtbot: QtBot, counter: CounterApp, username: str = "canbo") -> MainWindow:
    qtbot.waitUntil(lambda: counter.tasks.store is not None)
    view = counter.login.view
    qtbot.keyClicks(view.username, username)
    qtbot.keyClicks(view.password, PASSWORD)
    qtbot.wait(60)
    qtbot.keyClick(view.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.window is not None, timeout=10_000)
    assert counter.window is not None
    qtbot.addWidget(counter.window)
    intake = counter.window.intake
    assert intake is not None
    qtbot.waitUntil(lambda: intake.view.procedure.model.rowCount() > 0)
    return counter.window


def pick_tick_and_save(qtbot: QtBot, intake: IntakeScreen, typed: str = "khai sinh") -> str:
    """Pick the procedure typed, tick every mandatory paper, Ctrl+Enter; the dossier's code."""
    keys = Keys()
    intake.view.procedure.search.setFocus()
    keys.type(typed)
    qtbot.waitUntil(lambda: intake.view.procedure.search.text() == typed)
    keys.click(Qt.Key.Key_Return)
    checklist = intake.view.checklist_model
    for row in range(checklist.rowCount()):
        if checklist.rows()[row].item.mandatory:
            keys.click(Qt.Key.Key_Space, text=" ")
        keys.click(Qt.Key.Key_Down)
    with qtbot.waitSignal(intake.dossier_received, timeout=10_000) as received:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    return str(received.args[0])


def stored(office: Office, code: str) -> dossiers.DossierView:
    return dossiers.show(office.store, office.supervisor, code)


def test_a_citizen_is_received_from_id_card_scan_to_printed_slip(
        qtbot: QtBot, counter: CounterApp, ui_office: Office, tmp_path: Path) -> None:
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None
    assert QApplication.focusWidget() is intake.view.applicant.full_name

    type_text(ID_CARD, SCANNER_GAP_MS)
    applicant = intake.view.applicant
    qtbot.waitUntil(lambda: applicant.id_number.text() == "001185012345")
    assert applicant.full_name.text() == "Nguyễn Thị Hoà"
    assert applicant.birth_date.text() == "15/03/1985"
    assert applicant.address.text().startswith("Số 5 ngõ 12")
    assert QApplication.focusWidget() is intake.view.procedure.search

    keys = Keys()
    keys.type("khai sinh")
    qtbot.waitUntil(lambda: intake.view.procedure.search.text() == "khai sinh")
    keys.click(Qt.Key.Key_Return)
    picked = intake.view.procedure.picked()
    assert picked is not None and picked.code == "1.001193"
    checklist = intake.view.checklist_model
    assert checklist.rowCount() > 0
    assert checklist.handed_in() == (), "no paper counts as handed in before the officer ticks it"
    assert len(checklist.missing()) == len([d for d in picked.documents
                                            if d.mandatory and "trực tuyến" not in d.name])
    mandatory = [checklist.rows()[r].item.mandatory for r in range(checklist.rowCount())]
    for is_mandatory in mandatory:
        if is_mandatory:
            keys.click(Qt.Key.Key_Space, text=" ")
        keys.click(Qt.Key.Key_Down)
    assert checklist.missing() == ()

    with qtbot.waitSignal(intake.dossier_received, timeout=10_000) as received:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
        keys.count += 1
    code = received.args[0]
    view = stored(ui_office, code)
    assert view.applicant.id_number == "001185012345"
    assert view.procedure_code == "1.001193"
    assert view.status == "received"
    assert [d.code for d in view.documents] == [c.code for c in picked.documents
                                                if c.mandatory and "trực tuyến" not in c.name]
    qtbot.waitUntil(lambda: len(slips_in(tmp_path / "slips")) > 0, timeout=10_000)
    assert code.replace(".", "") in slips_in(tmp_path / "slips")[0].name.replace(".", "")
    assert applicant.full_name.text() == "" and intake.view.procedure.picked() is None
    assert code in intake.view.banner.text()
    assert intake.view.procedure.model.procedure_at(0).code == "1.001193"  # type: ignore[union-attr]
    assert keys.count == 11 + len(mandatory) + sum(mandatory)


def test_a_bad_qr_burst_is_swallowed_and_explained(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    applicant = window.intake.view.applicant  # type: ignore[union-attr]
    applicant.address.setText("Thôn Đông")
    applicant.address.setFocus()
    type_text("001085012345||Nguyen Van A|99999999|Nam|x", SCANNER_GAP_MS)
    qtbot.waitUntil(lambda: "Mã QR không đọc được" in applicant.error.text())
    assert applicant.address.text() == "Thôn Đông"
    assert applicant.id_number.text() == ""


def test_typing_by_hand_reaches_the_field_even_fast(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    applicant = window.intake.view.applicant  # type: ignore[union-attr]
    applicant.full_name.setFocus()
    type_text("Trần Văn Bình", PERSON_GAP_MS // 2)
    qtbot.waitUntil(lambda: applicant.full_name.text() == "Trần Văn Bình")


def test_a_code_scanned_into_the_search_box_is_typed_there(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    window.show_dossier_list()
    search = window.dossier_list.view.search  # type: ignore[union-attr]
    type_text("000.00.13.H24-261122-0007", SCANNER_GAP_MS)
    qtbot.waitUntil(lambda: search.text() == "000.00.13.H24-261122-0007")


def test_live_checks_mark_a_wrong_id_number_and_phone(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    applicant = window.intake.view.applicant  # type: ignore[union-attr]
    applicant.id_number.setFocus()
    type_text("999085012345", PERSON_GAP_MS // 2)
    qtbot.waitUntil(lambda: applicant.id_number.property("invalid") is True)
    assert "999" in applicant.error.text()
    applicant.phone.setFocus()
    type_text("0123456789", PERSON_GAP_MS // 2)
    qtbot.waitUntil(lambda: applicant.phone.property("invalid") is True)


def test_missing_papers_turn_the_visit_into_a_supplement_request(
        qtbot: QtBot, counter: CounterApp, ui_office: Office, tmp_path: Path) -> None:
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None
    type_text(ID_CARD, SCANNER_GAP_MS)
    qtbot.waitUntil(lambda: intake.view.applicant.id_number.text() != "")
    intake.view.procedure.search.setText("1.001193")
    qtbot.keyClick(intake.view.procedure.search, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert QApplication.focusWidget() is intake.view.checklist
    # the citizen brought every mandatory paper but the first
    model = intake.view.checklist_model
    for row in range(1, model.rowCount()):
        model.tick(row, model.rows()[row].item.mandatory)
    qtbot.waitUntil(lambda: len(model.missing()) == 1)
    missing = model.missing()
    assert "1" in intake.view.missing.text()

    def choose_supplement() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert missing[0] in box.text()
        box.buttons()[0].click()

    QTimer.singleShot(100, choose_supplement)
    qtbot.keyClick(intake.view.checklist, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert intake.view.outcome.chosen() == dossiers.SUPPLEMENT_REQUESTED
    assert missing[0] in intake.view.outcome.reasons.toPlainText()
    with qtbot.waitSignal(intake.dossier_received, timeout=10_000) as received:
        qtbot.keyClick(intake.view.outcome.reasons, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    view = stored(ui_office, received.args[0])
    assert view.status == dossiers.SUPPLEMENT_REQUESTED
    assert "Hẹn trả" not in intake.view.banner.text()
    assert missing[0] in view.history[0].note
    qtbot.waitUntil(lambda: len(slips_in(tmp_path / "slips")) > 0, timeout=10_000)


def test_a_returning_citizen_gets_the_phone_and_address_offered(
        qtbot: QtBot, counter: CounterApp, ui_office: Office) -> None:
    dossiers.receive(ui_office.store, ui_office.officer, dossiers.Intake(
        "1.001193", dossiers.ApplicantInput("Nguyễn Thị Hoà", "001185012345", phone="0912345678",
                                            address="Thôn Cũ")))
    window = log_in(qtbot, counter)
    applicant = window.intake.view.applicant  # type: ignore[union-attr]
    type_text(ID_CARD, SCANNER_GAP_MS)
    qtbot.waitUntil(lambda: applicant.phone.text() == "0912345678")
    assert applicant.returning_note.isVisible()
    assert applicant.address.text().startswith("Số 5")


def test_the_latest_procedure_comes_first(qtbot: QtBot, counter: CounterApp,
                                          ui_office: Office) -> None:
    dossiers.receive(ui_office.store, ui_office.officer, dossiers.Intake(
        "1.004873", dossiers.ApplicantInput("Lê Văn Tám")))
    window = log_in(qtbot, counter)
    picker = window.intake.view.procedure  # type: ignore[union-attr]
    assert picker.model.procedure_at(0).code == "1.004873"  # type: ignore[union-attr]
    picker.search.setText("DANG KY KHAI SINH")
    shown = [picker.model.procedure_at(r) for r in range(picker.model.rowCount())]
    assert "1.001193" in [p.code for p in shown if p is not None]
    assert all("khai sinh" in p.name.lower() for p in shown if p is not None)
    picker.search.setText("đăng ký kết hôn")
    assert all("kết hôn" in p.name.lower()
               for p in (picker.model.procedure_at(r) for r in range(picker.model.rowCount())))
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.picked() == picker.model.procedure_at(1)



def test_the_intake_fits_a_1366_by_768_counter_screen(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None
    taskbar = 40
    needed = window.minimumSizeHint()
    assert needed.width() <= 1366 and needed.height() <= 768 - taskbar, needed
    window.showNormal()
    window.resize(1366, 768 - taskbar)
    intake.view.procedure.search.setText("khai sinh")
    intake.view.procedure.search.returnPressed.emit()
    checklist = intake.view.checklist
    rows = intake.view.checklist_model.rowCount()
    assert rows >= 3
    qtbot.waitUntil(lambda: checklist.viewport().height()
                    >= sum(checklist.rowHeight(r) for r in range(rows)))


def test_every_paper_name_shows_whole_in_the_checklist(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None
    window.resize(1366, 768 - 40)
    intake.view.procedure.search.setText("2.001019")
    intake.view.procedure.search.returnPressed.emit()
    checklist, model = intake.view.checklist, intake.view.checklist_model
    assert model.rowCount() >= 2
    qtbot.wait(50)
    for row in range(model.rowCount()):
        # the height the whole wrapped name needs in its column, and the height it got
        assert checklist.sizeHintForRow(row) <= checklist.rowHeight(row), model.rows()[row].item.name
    for column in (ORIGINALS, COPIES):
        assert checklist.columnWidth(column) <= checklist.columnWidth(NAME) // 4


def test_every_problem_is_listed_at_once_and_the_first_field_gets_focus(
        qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None
    applicant = intake.view.applicant
    applicant.id_number.setText("0011850123")
    applicant.birth_date.setText("31/2/1995")
    applicant.phone.setText("0123")
    qtbot.keyClick(applicant.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    listed = applicant.error.text().splitlines()
    assert len(listed) == 5, listed  # name, ID number, birth date, phone, procedure
    assert "QR" not in applicant.error.text()
    for field in (applicant.full_name, applicant.id_number, applicant.birth_date, applicant.phone):
        assert field.property("invalid") is True, field
    assert QApplication.focusWidget() is applicant.full_name


def test_a_birth_date_is_taken_as_officers_type_it(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None
    applicant = intake.view.applicant
    for typed in ("5/7/1995", "05/07/1995", "05071995"):
        applicant.birth_date.clear()
        qtbot.keyClicks(applicant.birth_date, typed)
        qtbot.waitUntil(lambda typed=typed: applicant.birth_date.text() == typed)
        assert applicant.birth_date.property("invalid") is not True, typed
        assert applicant.error.text() == ""
        applicant.full_name.setText("Lê Văn Tám")
        assert intake.applicant.problems() == []
        assert intake.applicant.applicant().birth_date == date(1995, 7, 5)
    applicant.birth_date.clear()
    qtbot.keyClicks(applicant.birth_date, "31/2/1995")
    qtbot.waitUntil(lambda: applicant.birth_date.text() == "31/2/1995")
    assert applicant.birth_date.property("invalid") is True
    assert "có thật" in applicant.error.text() and "QR" not in applicant.error.text()


def test_a_procedure_is_picked_by_enter_or_space_on_its_row(qtbot: QtBot, counter: CounterApp) -> None:
    window = log_in(qtbot, counter)
    picker = window.intake.view.procedure  # type: ignore[union-attr]
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return):
        picker.clear()
        picker.search.setText("kết hôn")
        picker.list.setFocus()
        picker.list.setCurrentIndex(picker.model.index(1))
        qtbot.keyClick(picker.list, key)
        qtbot.waitUntil(lambda: picker.picked() is not None)
        assert picker.picked() == picker.model.procedure_at(1)
        assert "kết hôn" in picker.picked_label.text().lower()


def test_an_office_that_chose_so_sees_its_mandatory_papers_ticked_at_first(
        qtbot: QtBot, counter: CounterApp, ui_office: Office) -> None:
    with ui_office.store.write() as session:
        settings.put_in(session, ui_office.supervisor, "intake.papers_ticked", True)
    window = log_in(qtbot, counter)
    intake = window.intake
    assert intake is not None
    intake.view.procedure.search.setFocus()
    Keys().type("khai sinh")
    qtbot.waitUntil(lambda: intake.view.procedure.search.text() == "khai sinh")
    Keys().click(Qt.Key.Key_Return)
    checklist = intake.view.checklist_model
    qtbot.waitUntil(lambda: checklist.rowCount() > 0)
    rows = [checklist.rows()[r] for r in range(checklist.rowCount())]
    assert [r.handed_in for r in rows] == [r.item.mandatory for r in rows]
    assert checklist.missing() == ()
