"""Correcting a received dossier ('Đính chính'): the applicant's details (name, ID numbers, birth
date, sex, address, phone, email), the papers handed in and, while the dossier is still just
received, the procedure, each prefilled as the dossier holds it. What will change is shown before
saving, and a reason is required; the corrected receipt prints once the correction is stored.
The typed details are checked as the core will check them, the message shown under the
applicant's fields."""

from collections.abc import Iterable
from contextlib import suppress
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from onestop.applicant_changes import differences
from onestop.applicant_changes import shown as shown_value
from onestop.catalogue import ProcedureRecord
from onestop.correction import Correction
from onestop.dossiers import RECEIVED, ApplicantInput, DossierView, HandedIn, clean_applicant
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor
from onestop.text import clean
from onestop.typed_dates import parse_typed_date
from ui.dialogs import StatusLine, saving_buttons
from ui.intake.applicant_view import SEXES
from ui.intake.checklist_model import COPIES, NAME, ORIGINALS, ChecklistModel
from ui.operations.dossier_work import CorrectDossier, CorrectedDossier, ListProcedures
from ui.slip_desk import SlipDesk
from ui.tasks import TaskManager, failure_message
from ui.theme import mark_invalid

WIDTH, HEIGHT = 1100, 660
CHANGES_LINES = 5  # more lines scroll


class CorrectionDialog(QDialog):
    dossier_corrected = Signal(object)  # CorrectedDossier

    def __init__(self, parent: QWidget, tasks: TaskManager, actor: Actor, slips: SlipDesk,
                 shown: DossierView) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._actor = actor
        self._slips = slips
        self._shown = shown
        self._procedures: dict[str, ProcedureRecord] = {}
        self.setWindowTitle(_("Đính chính hồ sơ {0}").format(shown.code))
        a = shown.applicant
        self.full_name = QLineEdit(a.full_name)
        self.id_number = QLineEdit(a.id_number)
        self.id_number.setMaxLength(12)
        self.old_id_number = QLineEdit(a.old_id_number)
        self.old_id_number.setMaxLength(9)
        self.old_id_number.setPlaceholderText(_("9 chữ số, nếu có"))
        self.birth_date = QLineEdit(shown_value(a.birth_date))
        self.birth_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.sex = QComboBox()
        for sex in SEXES:
            if sex or a.sex is None:  # a sex on file can be corrected, not taken away
                self.sex.addItem(_(sex), sex or None)
        self.sex.setCurrentIndex(max(self.sex.findData(a.sex), 0))
        self.applicant_error = QLabel()
        self.applicant_error.setProperty("role", "error")
        self.applicant_error.setWordWrap(True)
        self.address = QLineEdit(a.address)
        self.phone = QLineEdit(a.phone)
        self.email = QLineEdit(a.email)
        self.procedure = QComboBox()
        self.procedure.setMinimumContentsLength(30)
        self.procedure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedure.addItem(f"{shown.procedure_code} · {shown.procedure_name}",
                               shown.procedure_code)
        self.procedure_locked = QLabel(_("Hồ sơ đã chuyển bước sau tiếp nhận: không đổi được "
                                         "thủ tục."))
        self.procedure_locked.setProperty("role", "warning")
        self.procedure_locked.setWordWrap(True)
        self.papers_model = ChecklistModel()
        self.papers = QTableView()
        self.papers.setModel(self.papers_model)
        self.papers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.papers.setWordWrap(True)
        self.papers.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.papers.setTabKeyNavigation(False)  # Tab goes on to the reason, not cell by cell
        self.papers.verticalHeader().hide()
        self.papers.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.papers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Bắt buộc, ví dụ: gõ nhầm số điện thoại"))
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        self.changes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.changes_scroller = QScrollArea()
        self.changes_scroller.setWidget(self.changes)
        self.changes_scroller.setWidgetResizable(True)
        self.changes_scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.changes_scroller.setFixedHeight(
            CHANGES_LINES * self.changes.fontMetrics().lineSpacing() + 8)
        self.error = StatusLine()
        buttons, self.save = saving_buttons(
            self, _("Lưu đính chính và in lại phiếu (Ctrl+Enter)"), self.save_correction)
        self.save.setEnabled(False)

        applicant = QFormLayout()
        applicant.addRow(_("Họ tên"), self.full_name)
        applicant.addRow(_("Số định danh"), _side_by_side(
            self.id_number, QLabel(_("Số CMND cũ")), self.old_id_number))
        applicant.addRow(_("Ngày sinh"), _side_by_side(
            self.birth_date, QLabel(_("Giới tính")), self.sex))
        applicant.addRow(_("Địa chỉ"), self.address)
        applicant.addRow(_("Số điện thoại"), self.phone)
        applicant.addRow(_("Thư điện tử"), self.email)
        applicant.addRow(_("Thủ tục"), self.procedure)
        applicant.addRow("", self.procedure_locked)
        applicant.addRow("", self.applicant_error)
        papers = QVBoxLayout()
        papers.addWidget(QLabel(_("Giấy tờ đã nộp")))
        papers.addWidget(self.papers, 1)
        top = QHBoxLayout()
        top.addLayout(applicant, 2)
        top.addLayout(papers, 3)
        reason = QFormLayout()
        reason.addRow(_("Lý do đính chính"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(reason)
        will_change = QLabel(_("Sẽ đính chính:"))
        will_change.setProperty("role", "picked")
        layout.addWidget(will_change)
        layout.addWidget(self.changes_scroller)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        movable = shown.status == RECEIVED
        self.procedure.setEnabled(movable)
        self.procedure_locked.setVisible(not movable)
        for field in (*self._applicant_fields().values(), self.reason):
            field.textChanged.connect(self._on_anything_changed)
        self.sex.currentIndexChanged.connect(self._on_anything_changed)
        self.papers_model.dataChanged.connect(self._on_anything_changed)
        self.papers_model.modelReset.connect(self._on_anything_changed)
        self.procedure.currentIndexChanged.connect(self._on_procedure_current_index_changed)
        self.resize(WIDTH, HEIGHT)
        self._on_anything_changed()
        tasks.run_database(ListProcedures(), self._on_procedures_listed)

    def correction(self) -> Correction:
        """What the fields say now; unchanged fields change nothing in the core."""
        papers = self.papers_model.handed_in()
        code = self.procedure.currentData()
        moved = code != self._shown.procedure_code
        return Correction(
            name=self.full_name.text(), id_number=self.id_number.text(),
            old_id_number=self.old_id_number.text(), birth_date=self._birth_date(),
            sex=self.sex.currentData(),
            address=self.address.text(), phone=self.phone.text(), email=self.email.text(),
            procedure_code=code if moved else None,
            handed_in=papers if moved or papers != self._held() else None)

    def problem(self) -> DomainError | None:
        """What the core would refuse in the applicant's details as typed, if anything."""
        if self._shown.applicant.birth_date and not self.birth_date.text().strip():
            return DomainError(_("Hồ sơ đã có ngày sinh: gõ ngày sinh đúng, không để trống."),
                               field="birth_date")
        try:
            clean_applicant(self._typed(self._birth_date()))
        except DomainError as error:
            return error
        return None

    def changes_shown(self) -> list[str]:
        """'Họ tên: old → new' for each field that will change."""
        a = self._shown.applicant
        try:
            birth_date = self._birth_date() or a.birth_date
        except DomainError:  # not a date yet: the one on file stands
            birth_date = a.birth_date
        typed = self._typed(birth_date)
        with suppress(DomainError):
            typed = clean_applicant(typed)
        lines = [_("{field}: {old} → {new}").format(field=d.label, old=d.on_file or "—",
                                                   new=d.typed or "—")
                 for d in differences(typed, a)]
        code = self.procedure.currentData()
        moved = code != self._shown.procedure_code and code in self._procedures
        if moved:
            lines.append(_("{field}: {old} → {new}").format(
                field=_("Thủ tục"), old=self._shown.procedure_name, new=self._procedures[code].name))
        papers = self.papers_model.handed_in()
        if moved or papers != self._held():
            names = {row.item.code: row.item.name for row in self.papers_model.rows()}
            lines.append(_("{field}: {old} → {new}").format(
                field=_("Giấy tờ đã nộp"),
                old=_papers_text((d.name, d.originals, d.copies) for d in self._shown.documents),
                new=_papers_text((names.get(p.code, p.code), p.originals, p.copies) for p in papers)))
        return lines

    def save_correction(self) -> None:
        if not self.save.isEnabled():
            return
        self.save.setEnabled(False)
        self.error.show_info(_("Đang lưu…"))
        self._tasks.run_database(
            CorrectDossier(self._actor, self._shown.code, self.correction(), self.reason.text(),
                           self._slips.order()),
            self._on_corrected, self._on_correction_failed)

    def _applicant_fields(self) -> dict[str, QLineEdit]:
        """The text fields by the names the core's errors use."""
        return {"full_name": self.full_name, "id_number": self.id_number,
                "old_id_number": self.old_id_number, "birth_date": self.birth_date,
                "address": self.address, "phone": self.phone, "email": self.email}

    def _birth_date(self) -> date | None:
        text = self.birth_date.text()
        return parse_typed_date(text, _("Ngày sinh"), "birth_date") if text.strip() else None

    def _typed(self, birth_date: date | None) -> ApplicantInput:
        a = self._shown.applicant
        return ApplicantInput(
            clean(self.full_name.text()), clean(self.id_number.text()).replace(" ", ""),
            clean(self.old_id_number.text()).replace(" ", ""), birth_date, self.sex.currentData(),
            clean(self.address.text()), clean(self.phone.text()), clean(self.email.text()),
            a.id_issued_on, a.from_genuine_chip)

    def _held(self) -> tuple[HandedIn, ...]:
        return tuple(HandedIn(d.code, d.originals, d.copies) for d in self._shown.documents)

    def _on_procedures_listed(self, procedures: list[ProcedureRecord]) -> None:
        self._procedures = {p.code: p for p in procedures}
        self.procedure.blockSignals(True)
        self.procedure.clear()
        for p in procedures:
            if p.active or p.code == self._shown.procedure_code:
                self.procedure.addItem(f"{p.code} · {p.name}", p.code)
        self.procedure.setCurrentIndex(max(self.procedure.findData(self._shown.procedure_code), 0))
        self.procedure.blockSignals(False)
        self._show_papers(self._shown.procedure_code, self._held())

    def _show_papers(self, code: str, handed: tuple[HandedIn, ...]) -> None:
        procedure = self._procedures.get(code)
        if procedure is None:
            return
        model = self.papers_model
        model.show_documents(procedure.documents, self._shown.channel)
        given = {h.code: h for h in handed}
        for row, paper in enumerate(model.rows()):
            held = given.get(paper.item.code)
            if held is not None:
                model.tick(row, True)
                model.setData(model.index(row, ORIGINALS), held.originals)
                model.setData(model.index(row, COPIES), held.copies)

    @Slot(int)
    def _on_procedure_current_index_changed(self, _index: int) -> None:
        code = self.procedure.currentData()
        self._show_papers(code, self._held() if code == self._shown.procedure_code else ())

    def _on_anything_changed(self) -> None:
        changes = self.changes_shown()
        self.changes.setText("\n".join(changes) if changes else _("Chưa có gì khác với hồ sơ đang lưu."))
        problem = self.problem()
        self.applicant_error.setText("" if problem is None else str(problem))
        self.applicant_error.setVisible(problem is not None)
        marked = {**self._applicant_fields(), "sex": self.sex}
        for name, field in marked.items():
            mark_invalid(field, problem is not None and problem.field == name)
        self.save.setEnabled(bool(changes) and bool(self.reason.text().strip())
                             and problem is None)

    def _on_corrected(self, done: CorrectedDossier) -> None:
        self._slips.print_queued(done.corrected.code, done.corrected.print_job_id)
        self.dossier_corrected.emit(done)
        self.accept()

    def _on_correction_failed(self, error: Exception) -> None:
        self.save.setEnabled(True)
        self.error.show_error(failure_message(error))


def _side_by_side(first: QWidget, label: QLabel, second: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(first, 3)
    row.addWidget(label)
    row.addWidget(second, 2)
    return row


def _papers_text(papers: Iterable[tuple[str, int, int]]) -> str:
    return ", ".join(f"{name} ({originals}/{copies})" for name, originals, copies in papers) or "—"
