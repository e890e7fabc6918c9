"""Correcting a received dossier from its window: the fields come as the dossier holds them, what
will change shows before saving, a reason is required, the procedure is locked once the dossier
moved on, and the receipt printed again says it was corrected. Birth date, sex and the old CMND
number are corrected the same way, checked as the core checks them before saving."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from onestop import dossiers, print_jobs
from onestop.dossiers import ApplicantInput, Intake
from printing.print_queue_worker import stored_dossier_slip
from printing.slip_layout import render_slip
from tests.conftest import Office
from tests.ui.conftest import slips_in
from tests.ui.test_returning_results import WAIT, paper_shows, printed_slip, window_for
from ui.dossiers.correction_dialog import CorrectionDialog
from ui.dossiers.dossier_dialog import DossierDialog
from ui.intake.checklist_model import COPIES
from ui.main_window import MainWindow
from ui.tasks import TaskManager

AN = ApplicantInput("Nguyễn Văn Ân", "001099012345", address="Số 1 Tràng Tiền", phone="0912345678")
BINH = ApplicantInput("Trần Văn Bình", "001095012345", birth_date=date(1995, 1, 1), sex="Nam",
                      address="Số 2 Hàng Bài", phone="0912345670")


def open_correction(qtbot: QtBot, window: MainWindow, code: str) -> tuple[DossierDialog,
                                                                          CorrectionDialog]:
    dossier = window.open_dossier(code)
    qtbot.waitUntil(lambda: dossier.view.isVisible() and dossier.view.correct.isEnabled(),
                    timeout=WAIT)
    dossier.view.correct.click()
    qtbot.waitUntil(lambda: bool(dossier.view.findChildren(CorrectionDialog)), timeout=WAIT)
    dialog = dossier.view.findChildren(CorrectionDialog)[0]
    qtbot.waitUntil(lambda: dialog.papers_model.rowCount() > 0, timeout=WAIT)
    return dossier, dialog


def test_a_correction_shows_what_changes_needs_a_reason_and_reprints_the_receipt_marked_corrected(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, tmp_path: Path) -> None:
    code = dossiers.receive(ui_office.store, ui_office.officer, Intake("1.004873", AN)).code
    window = window_for(qtbot, tasks, ui_office, ui_office.officer)
    dossier, dialog = open_correction(qtbot, window, code)
    assert (dialog.full_name.text(), dialog.phone.text(), dialog.address.text()) == (
        "Nguyễn Văn Ân", "0912345678", "Số 1 Tràng Tiền")
    assert dialog.procedure.isEnabled() and not dialog.procedure_locked.isVisible()
    held = dialog.papers_model.handed_in()
    assert [p.code for p in held] == [d.code for d in
                                       dossiers.show(ui_office.store, ui_office.officer, code).documents]
    assert not dialog.save.isEnabled() and "Chưa có gì khác" in dialog.changes.text()

    dialog.full_name.setText("Nguyễn Văn An")
    dialog.phone.setText("0912345679")
    dialog.papers_model.setData(dialog.papers_model.index(0, COPIES), 2)
    changes = dialog.changes.text()
    assert "Họ tên: Nguyễn Văn Ân → Nguyễn Văn An" in changes
    assert "Số điện thoại: 0912345678 → 0912345679" in changes
    assert "Giấy tờ đã nộp:" in changes and "(1/2)" in changes
    assert not dialog.save.isEnabled(), "no correction without a reason"
    dialog.reason.setText("   ")
    assert not dialog.save.isEnabled()
    dialog.reason.setText("Gõ nhầm dấu và số điện thoại")
    assert dialog.save.isEnabled()
    dialog.save.click()
    qtbot.waitUntil(lambda: len(slips_in(tmp_path / "slips")) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "0912345679" in dossier.view.applicant.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    view = dossiers.show(ui_office.store, ui_office.officer, code)
    assert (view.applicant.full_name, view.version, view.corrected) == ("Nguyễn Văn An", 2, True)
    assert "Gõ nhầm dấu và số điện thoại" in view.history[-1].note
    [job] = print_jobs.for_dossier(ui_office.store, ui_office.officer, code)
    assert (job.kind, job.state) == (print_jobs.RECEIPT, print_jobs.SENT)
    slip, paper = stored_dossier_slip(ui_office.store, ui_office.officer, code, job.kind)
    assert slip.corrected and slip.applicant.name == "Nguyễn Văn An"
    printed = printed_slip(tmp_path)
    assert paper_shows(printed, render_slip(slip, paper))
    assert not paper_shows(printed, render_slip(replace(slip, corrected=False), paper))
    dossier.view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def test_the_procedure_is_locked_once_the_dossier_moved_on(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    code = dossiers.receive(ui_office.store, ui_office.officer, Intake("1.004873", AN)).code
    dossiers.transition(ui_office.store, ui_office.officer, code, "in_process")
    window = window_for(qtbot, tasks, ui_office, ui_office.officer)
    dossier, dialog = open_correction(qtbot, window, code)
    assert not dialog.procedure.isEnabled() and dialog.procedure_locked.isVisible()
    assert "không đổi được thủ tục" in dialog.procedure_locked.text()
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible(), "Esc closes the correction"
    dossier.view.close()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def test_a_new_procedure_brings_its_own_papers_and_is_shown_as_a_change(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    code = dossiers.receive(ui_office.store, ui_office.officer, Intake("1.004873", AN)).code
    window = window_for(qtbot, tasks, ui_office, ui_office.officer)
    dossier, dialog = open_correction(qtbot, window, code)
    dialog.procedure.setCurrentIndex(dialog.procedure.findData("1.001193"))
    assert "Thủ tục:" in dialog.changes.text() and "khai sinh" in dialog.changes.text()
    for row in range(dialog.papers_model.rowCount()):
        if dialog.papers_model.rows()[row].item.mandatory:
            dialog.papers_model.tick(row, True)
    dialog.reason.setText("Chọn nhầm thủ tục")
    dialog.save.click()
    qtbot.waitUntil(lambda: "1.001193" in dossier.view.procedure.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    assert dossiers.show(ui_office.store, ui_office.officer, code).procedure_code == "1.001193"
    dossier.view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def correcting_binh(qtbot: QtBot, tasks: TaskManager, office: Office
                    ) -> tuple[str, MainWindow, DossierDialog, CorrectionDialog]:
    code = dossiers.receive(office.store, office.officer, Intake("1.004873", BINH)).code
    window = window_for(qtbot, tasks, office, office.officer)
    return code, window, *open_correction(qtbot, window, code)


def wait_until_corrected(qtbot: QtBot, tasks: TaskManager, office: Office, code: str) -> None:
    qtbot.waitUntil(lambda: dossiers.show(office.store, office.officer, code).version == 2,
                    timeout=WAIT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def test_a_birth_date_typed_day_month_year_and_the_old_cmnd_are_corrected(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office, tmp_path: Path) -> None:
    code, window, dossier, dialog = correcting_binh(qtbot, tasks, ui_office)
    assert (dialog.birth_date.text(), dialog.sex.currentText(), dialog.old_id_number.text()) == (
        "01/01/1995", "Nam", "")
    dialog.birth_date.setText("5/7/1995")
    dialog.old_id_number.setText("01234567")
    dialog.reason.setText("Gõ nhầm ngày sinh, thiếu số CMND cũ")
    assert "9 chữ số" in dialog.applicant_error.text() and not dialog.save.isEnabled()
    assert dialog.old_id_number.property("invalid")
    dialog.old_id_number.setText("012345678")
    assert not dialog.applicant_error.isVisible() and not dialog.old_id_number.property("invalid")
    assert "Ngày sinh: 01/01/1995 → 05/07/1995" in dialog.changes.text()
    assert "Số CMND cũ: — → 012345678" in dialog.changes.text()
    dialog.save.click()
    qtbot.waitUntil(lambda: len(slips_in(tmp_path / "slips")) == 1, timeout=WAIT)
    wait_until_corrected(qtbot, tasks, ui_office, code)
    qtbot.waitUntil(lambda: "sinh 05/07/1995" in dossier.view.applicant.text(), timeout=WAIT)
    view = dossiers.show(ui_office.store, ui_office.officer, code)
    assert (view.applicant.birth_date, view.applicant.old_id_number) == (date(1995, 7, 5),
                                                                          "012345678")
    assert "Ngày sinh: 01/01/1995 → 05/07/1995" in view.history[-1].note
    dossier.view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
    _again, reopened = open_correction(qtbot, window, code)
    assert (reopened.birth_date.text(), reopened.old_id_number.text()) == ("05/07/1995",
                                                                           "012345678")
    reopened.reject()
    _again.view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def test_an_impossible_birth_date_is_refused_and_the_dialog_stays_open(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    code, _window, dossier, dialog = correcting_binh(qtbot, tasks, ui_office)
    dialog.reason.setText("Gõ nhầm ngày sinh")
    dialog.birth_date.setText("31/02/1995")
    assert "không phải ngày có thật" in dialog.applicant_error.text()
    assert dialog.birth_date.property("invalid") and not dialog.save.isEnabled()
    qtbot.keyClick(dialog.birth_date, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and not tasks.busy()
    assert dossiers.show(ui_office.store, ui_office.officer, code).version == 1
    dialog.birth_date.clear()
    assert "không để trống" in dialog.applicant_error.text() and not dialog.save.isEnabled()
    dialog.reject()
    dossier.view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)


def test_sex_is_corrected_together_with_the_id_number_that_encodes_it(
        qtbot: QtBot, tasks: TaskManager, ui_office: Office) -> None:
    code, _window, dossier, dialog = correcting_binh(qtbot, tasks, ui_office)
    assert [dialog.sex.itemText(i) for i in range(dialog.sex.count())] == ["Nam", "Nữ"]
    dialog.full_name.setText("Trần Thị Bình")
    dialog.sex.setCurrentIndex(dialog.sex.findData("Nữ"))
    dialog.reason.setText("Chọn nhầm giới tính")
    assert "không khớp giới tính" in dialog.applicant_error.text()
    assert dialog.id_number.property("invalid") and not dialog.save.isEnabled()
    dialog.id_number.setText("001195012345")
    assert "Giới tính: Nam → Nữ" in dialog.changes.text() and dialog.save.isEnabled()
    dialog.save.click()
    wait_until_corrected(qtbot, tasks, ui_office, code)
    qtbot.waitUntil(lambda: "Trần Thị Bình · 001195012345 · sinh 01/01/1995 · Nữ"
                    in dossier.view.applicant.text(), timeout=WAIT)
    applicant = dossiers.show(ui_office.store, ui_office.officer, code).applicant
    assert (applicant.full_name, applicant.sex, applicant.id_number) == (
        "Trần Thị Bình", "Nữ", "001195012345")
    dossier.view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=WAIT)
