"""One dossier open at the counter: what it is, where it has been, the papers scanned into it, and
the moves this user's role allows from here (the core checks the role again; the buttons only
follow it)."""

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop import dossiers
from onestop.applicant_changes import shown as shown_value
from onestop.changes import StoreChanges
from onestop.i18n import _
from onestop.roles import Actor
from onestop.workdays import LOCAL_ZONE
from printing.counter_time import format_appointment, format_moment
from ui.dialogs import ask_text, name_buttons
from ui.dossiers.appointment import has_appointment
from ui.dossiers.correction_dialog import CorrectionDialog
from ui.dossiers.dossier_view import HEIGHT, WIDTH, DossierView
from ui.dossiers.ending_question import confirm_ending
from ui.dossiers.status_actions import RESCHEDULE, RETURNED, StatusAction, actions_for
from ui.operations.digitising import CheckPapers, PaperLine
from ui.operations.dossier_work import ChangeStatus, Reschedule, ShowDossier
from ui.returns.return_dialog import ResultToReturn, ReturnDialog
from ui.scanning.scan_panel import ScanPanel
from ui.signing.digitising_desk import DigitisingDesk
from ui.slip_desk import SlipDesk
from ui.tasks import TaskManager, failure_message

# room left on the counter's screen for the taskbar and the window's frame
TASKBAR = 40
SCREEN_MARGIN = 20


class RescheduleQuestion(QDialog):
    def __init__(self, parent: QWidget, due: datetime | None, question: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Xin lỗi, hẹn lại ngày trả"))
        start = (due or datetime.now(LOCAL_ZONE)).astimezone(LOCAL_ZONE) + timedelta(days=1)
        self.when = QDateTimeEdit(QDateTime(QDate(start.year, start.month, start.day),
                                            QTime(start.hour, start.minute)))
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.reason = QLineEdit()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Ngày hẹn trả mới")))
        layout.addWidget(self.when)
        layout.addWidget(QLabel(question))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    def new_due(self) -> datetime:
        chosen = self.when.dateTime().toPython()
        assert isinstance(chosen, datetime)
        return chosen.replace(tzinfo=LOCAL_ZONE)


class DossierDialog(QObject):
    """Shows its dossier again whenever the store tells the dossier changed, whether by a move
    made here or elsewhere (another counter, the province)."""

    def __init__(self, parent: QWidget, tasks: TaskManager, actor: Actor, slips: SlipDesk,
                 code: str, digitising: DigitisingDesk | None = None) -> None:
        super().__init__(parent)
        self.view = DossierView(parent)
        self.view.setWindowTitle(_("Hồ sơ {0}").format(code))
        room = parent.screen().availableGeometry()
        self.view.resize(min(WIDTH, room.width() - SCREEN_MARGIN),
                         min(HEIGHT, room.height() - TASKBAR - SCREEN_MARGIN))
        self._tasks = tasks
        self._actor = actor
        self._slips = slips
        self._shown: dossiers.DossierView | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.view.close_button.clicked.connect(self.view.reject)
        self.view.reprint.clicked.connect(self._on_reprint_clicked)
        self.view.reprint.setVisible(actor.may("dossier.print"))
        self.view.correct.clicked.connect(self.open_correction)
        self.view.correct.setVisible(actor.may("dossier.correct"))
        self.view.correct.setEnabled(False)
        if actor.may("dossier.correct"):
            QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E), self.view, self.open_correction)
        self.view.finished.connect(self._on_view_finished)
        self.scan_panel: ScanPanel | None = None
        if actor.may("dossier.attach") and tasks.store is not None:
            self.scan_panel = ScanPanel(tasks, actor)
            self.scan_panel.set_dossier(code)
            self.view.offer_scanning(self.scan_panel)
        self._digitising = digitising if actor.may("dossier.attach") else None
        self.sign_buttons: dict[str, QPushButton] = {}
        self.paper_lines: dict[str, QLabel] = {}
        self._papers: list[PaperLine] | None = None
        if self._digitising is not None:
            if self.scan_panel is not None:
                self.scan_panel.digitise_with(self._digitising)
            self._digitising.papers_changed.connect(self._on_digitising_papers_changed)
            self._digitising.told.connect(self._on_digitising_told)
        tasks.store_changed.connect(self._on_tasks_store_changed)
        self._code = code
        tasks.run_database(ShowDossier(actor, code), self.show, self._on_work_failed)
        self._check_papers(code)

    def show(self, shown: dossiers.DossierView) -> None:
        self._shown = shown
        v = self.view
        a = shown.applicant
        v.code.setText(shown.code)
        v.status.setText(_("{status} — QUÁ HẠN").format(status=shown.status_name)
                         if shown.overdue else shown.status_name)
        born = _("sinh {0}").format(shown_value(a.birth_date)) if a.birth_date else ""
        v.applicant.setText(" · ".join(x for x in (a.full_name, a.id_number, born, a.sex and _(a.sex),
                                                   a.phone, a.address) if x))
        v.procedure.setText(f"{shown.procedure_name} ({shown.procedure_code})")
        if has_appointment(shown.status):
            v.dates.setText(_("Nhận: {received} · Hẹn trả: {due}").format(
                received=format_moment(shown.received_at), due=format_appointment(shown.due_at)))
        else:
            v.dates.setText(_("Nhận: {received} · Không hẹn trả").format(
                received=format_moment(shown.received_at)))
        v.documents.setPlainText("\n".join(
            _("{name} — bản chính {originals}, bản sao {copies}").format(
                name=d.name, originals=d.originals, copies=d.copies) for d in shown.documents))
        v.attachments.setPlainText("\n".join(
            _("{name} — {pages} trang").format(name=x.file_name, pages=x.pages)
            for x in shown.attachments))
        self._show_papers()
        v.history_model.show_history(shown.history)
        if self.scan_panel is not None:
            self.scan_panel.show_checklist([(d.code, d.name) for d in shown.documents])
        v.error.clear()
        v.correct.setEnabled(True)
        self._show_actions(actions_for(shown, self._actor))
        if not v.isVisible():
            v.show()

    # --- the papers' digitised copies -----------------------------------------------------------

    def _check_papers(self, code: str) -> None:
        """Each copy's signature is checked on its file, off the main thread."""
        self._tasks.run_device(CheckPapers(self._actor, code), self._on_papers_checked,
                               self._on_work_failed)

    def _on_papers_checked(self, lines: list[PaperLine]) -> None:
        self._papers = lines
        self._show_papers()

    def _show_papers(self) -> None:
        if self._shown is None or self._papers is None:
            return
        names = {d.code: d.name for d in self._shown.documents}
        self.view.clear_papers()
        self.sign_buttons, self.paper_lines = {}, {}
        for line in self._papers:
            button = None
            if line.may_sign and self._digitising is not None:
                button = QPushButton(_("Ký số ngay"))
                button.clicked.connect(self._on_sign_clicked)
                self.sign_buttons[line.document_code] = button
            name = names.get(line.document_code, line.document_code)
            self.paper_lines[line.document_code] = self.view.place_paper(name, line.text, button)

    @Slot()
    def _on_sign_clicked(self) -> None:
        if self._digitising is not None and self._shown is not None:
            self.view.error.clear()
            self._digitising.sign(self._shown.code, self.view)

    @Slot(str)
    def _on_digitising_papers_changed(self, code: str) -> None:
        if self._shown is not None and code == self._shown.code:
            self._check_papers(code)

    @Slot(str, str)
    def _on_digitising_told(self, code: str, message: str) -> None:
        if self._shown is not None and code == self._shown.code:
            self.view.error.setText(message)

    def _show_actions(self, actions: list[StatusAction]) -> None:
        self.view.clear_moves()
        self.action_buttons = {}
        for action in actions:
            ellipsis = action.ends_dossier or action.target == RETURNED
            button = QPushButton(f"{action.title}…" if ellipsis else action.title)
            button.clicked.connect(lambda _checked=False, chosen=action: self._act(chosen))
            self.view.place_move(button, ends_dossier=action.ends_dossier)
            self.action_buttons[action.target] = button

    def _act(self, action: StatusAction) -> None:
        assert self._shown is not None
        code = self._shown.code
        if action.target == RETURNED:
            self.open_return()
            return
        if action.target == RESCHEDULE:
            question = RescheduleQuestion(self.view, self._shown.due_at, action.question or "")
            if question.exec() != QDialog.DialogCode.Accepted:
                return
            self._run(Reschedule(self._actor, code, question.new_due(), question.reason.text()))
            return
        note = ""
        if action.ends_dossier:
            reason = confirm_ending(self.view, code, action)
            if reason is None:
                return
            self._run(ChangeStatus(self._actor, code, action.target, reason))
            return
        if action.question:
            answer = ask_text(self.view, action.title, action.question, multiline=True)
            if answer is None:
                return
            note = answer.strip()
        self._run(ChangeStatus(self._actor, code, action.target, note))

    def open_correction(self) -> CorrectionDialog | None:
        if self._shown is None or not self._actor.may("dossier.correct"):
            return None
        dialog = CorrectionDialog(self.view, self._tasks, self._actor, self._slips, self._shown)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_return(self) -> ReturnDialog | None:
        shown = self._shown
        if shown is None:
            return None
        dialog = ReturnDialog(self.view, self._tasks, self._actor, self._slips, ResultToReturn(
            shown.code, shown.applicant.full_name, shown.procedure_name, shown.fees_total))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _run(self, op: ChangeStatus | Reschedule) -> None:
        self._tasks.run_database(op, self._on_moved, self._on_work_failed)

    def _on_moved(self, _changed: dossiers.Changed) -> None:
        """Nothing to do here: the move's record of what changed has the dossier shown again."""

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        if self._code in changes.dossiers:
            self._tasks.run_database(ShowDossier(self._actor, self._code), self.show,
                                     self._on_work_failed)

    def _on_work_failed(self, error: Exception) -> None:
        self.view.error.setText(failure_message(error))
        if not self.view.isVisible():
            self.view.show()

    def _on_reprint_clicked(self) -> None:
        if self._shown is not None:
            self._slips.open_slip(self._shown.code)

    def _on_view_finished(self, result: int) -> None:
        self._tasks.store_changed.disconnect(self._on_tasks_store_changed)
        if self.scan_panel is not None:
            self.scan_panel.shut_down()
        self.view.deleteLater()
        self.deleteLater()
