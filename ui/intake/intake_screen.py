"""Receiving a citizen: scan or type the applicant (or read the ID card on the scanner glass),
pick the procedure, tick and scan the papers, and Ctrl+Enter stores the dossier, files the scanned
pages into it, hands its slip to the printer and clears the screen."""

from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from onestop import chip_reads
from onestop.catalogue import ProcedureRecord
from onestop.changes import StoreChanges
from onestop.citizen_view import CitizenView, citizen_view
from onestop.dossiers import REFUSED, SUPPLEMENT_REQUESTED, ApplicantInput, Intake, Received
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.idcard import IdCard, parse_qr
from onestop.roles import Actor
from printing.counter_time import format_appointment
from ui.dossiers.appointment import has_appointment
from ui.event_log import log_event
from ui.idcard.chip_panel import ChipApplicant, ChipPanel
from ui.intake.applicant_form import ApplicantForm
from ui.intake.intake_view import IntakeView
from ui.operations.intake import (
    Catalogue,
    LoadCatalogue,
    LoadProcedures,
    LookUpReturningApplicant,
    ReceiveDossier,
)
from ui.scanning.id_card_glass import IdCardFromGlass
from ui.scanning.scan_panel import ScanPanel
from ui.slip_desk import SlipDesk
from ui.tasks import StoreCall, TaskManager, failure_message

ID_CARD_SEPARATOR = "|"
CITIZEN_SHOWN_AFTER_MS = 300  # the screen facing the citizen follows typing, not each key

class IntakeScreen(QObject):
    dossier_received = Signal(str)
    # what a screen facing the citizen may show of the dossier being typed (never a full ID)
    citizen_changed = Signal(object)

    def __init__(self, tasks: TaskManager, actor: Actor, slips: SlipDesk) -> None:
        view = IntakeView()
        super().__init__(view)
        self.view = view
        self._tasks = tasks
        self._actor = actor
        self._slips = slips
        self._saving = False
        self._last_code = ""
        # a received dossier whose scanned pages wait for the scan under way to end
        self._filing_into: str | None = None
        self.scan_panel = ScanPanel(tasks, actor)
        self.view.scanning_layout.addWidget(self.scan_panel)
        self.scan_panel.scan_ended.connect(self._on_scan_panel_scan_ended)
        self.scan_panel.papers_filed.connect(self._on_scan_panel_papers_filed)
        self.scan_panel.filing_failed.connect(self._on_scan_panel_filing_failed)
        self.card_on_glass = IdCardFromGlass(tasks, parent=self)
        self.view.card_from_glass.setDefaultAction(self.card_on_glass.action)
        self.card_on_glass.id_card_read.connect(self._on_card_on_glass_id_card_read)
        self.card_on_glass.reading_failed.connect(self._on_card_on_glass_reading_failed)
        self.chip: ChipPanel | None = None
        self._citizen_timer = QTimer(self)
        self._citizen_timer.setSingleShot(True)
        self._citizen_timer.setInterval(CITIZEN_SHOWN_AFTER_MS)
        self._citizen_timer.timeout.connect(self._on_citizen_timer_timeout)
        for field in (self.view.applicant.full_name, self.view.applicant.id_number):
            field.textChanged.connect(self._citizen_timer.start)
        self.view.checklist_model.dataChanged.connect(self._citizen_timer.start)
        self.view.checklist_model.modelReset.connect(self._citizen_timer.start)
        self.applicant = ApplicantForm(self.view.applicant)
        self.applicant.returning_lookup_wanted.connect(self._on_applicant_returning_lookup_wanted)
        self.view.procedure.procedure_picked.connect(self._on_procedure_procedure_picked)
        self.view.checklist_model.missing_changed.connect(self._on_checklist_missing_changed)
        self.view.save.clicked.connect(self.save)
        self.view.outcome.save_asked.connect(self.save)
        self.view.supplement.clicked.connect(self._on_supplement_clicked)
        self.view.refuse.clicked.connect(self._on_refuse_clicked)
        self.view.reprint.clicked.connect(self.reprint)
        self.view.new.clicked.connect(self.start_over)
        keys = ((Qt.Modifier.CTRL | Qt.Key.Key_Return, self.save),
                (Qt.Modifier.CTRL | Qt.Key.Key_Enter, self.save),
                (Qt.Key.Key_F7, self._on_supplement_clicked),
                (Qt.Key.Key_F8, self._on_refuse_clicked),
                (Qt.Modifier.CTRL | Qt.Key.Key_P, self.reprint),
                (Qt.Modifier.CTRL | Qt.Key.Key_N, self.start_over),
                (Qt.Key.Key_F6, self.view.scan_toggle.toggle),
                (Qt.Key.Key_F9, self._on_chip_key))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        tasks.store_changed.connect(self._on_tasks_store_changed)
        self.reload_catalogue()

    def reload_catalogue(self) -> None:
        self._tasks.run_database(LoadCatalogue(self._actor), self._on_catalogue_loaded)

    def catalogue_changed(self) -> None:
        """New or changed procedures from the province; the officer's uses stay as noted."""
        self._tasks.run_database(LoadProcedures(), self.view.procedure.offer_procedures)

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        if changes.catalogue:
            self.catalogue_changed()

    def take_scan(self, text: str) -> bool:
        """A scanned code: an ID card fills the applicant; anything else is not for us."""
        if ID_CARD_SEPARATOR not in text:
            return False
        try:
            card = parse_qr(text)
        except DomainError as error:
            log_event("id_card_refused", message=str(error))
            self.view.applicant.error.setText(_("Mã QR không đọc được: {0}").format(error))
            return True
        self._fill_from_card(card)
        return True

    def use_chip_reader(self, reader: str) -> None:
        """The technician's `idcard.reader` setting: empty, this counter reads no chip; "*", the
        first reader found; otherwise the reader of that name."""
        if self.chip is not None:
            self.chip.shut_down()
            self.chip.deleteLater()
            self.chip = None
            self.view.chip.hide()
        if reader:
            self.chip = ChipPanel(self._tasks, self._actor, None if reader == "*" else reader)
            self.view.chip_layout.addWidget(self.chip)
            self.chip.applicant_read.connect(self._on_chip_applicant_read)

    def _fill_from_card(self, card: IdCard) -> None:
        self.applicant.fill_from_card(card)
        log_event("id_card_read", id_number=card.id_number)
        if self.chip is not None:
            self.chip.use_qr(card)
        self.view.banner.hide()
        if self.view.procedure.picked() is None:
            self.view.procedure.search.setFocus()
        else:
            self.view.applicant.phone.setFocus()

    def start_over(self) -> None:
        """A new dossier: the form cleared and the pages scanned so far thrown away."""
        if self._filing_into is None:
            self.scan_panel.start_over()
            self.scan_panel.set_dossier(None)
        self._clear_form()

    def shut_down(self) -> None:
        """Stops a scan and waits for the scanning work to end; call before the screen goes."""
        self.scan_panel.shut_down()
        self.card_on_glass.shut_down()
        if self.chip is not None:
            self.chip.shut_down()

    def _clear_form(self) -> None:
        if self.chip is not None:
            self.chip.clear()  # the last citizen's photo goes first
            self.view.chip.hide()
        self.applicant.clear()
        self.view.procedure.clear()
        self.view.checklist_model.show_documents(())
        self.view.outcome.clear()
        self.view.applicant.full_name.setFocus()

    def save(self) -> None:
        if self._saving:
            return
        procedure = self.view.procedure.picked()
        problems = self.applicant.problems()
        if procedure is None:
            problems.append(DomainError(_("Chưa chọn thủ tục."), field="procedure"))
        if problems:
            self.applicant.show_problems(problems)
            if problems[0].field == "procedure":
                self.view.procedure.search.setFocus()
            return
        assert procedure is not None
        applicant = self.applicant.applicant()
        outcome = self.view.outcome.chosen()
        missing = self.view.checklist_model.missing()
        if outcome not in (SUPPLEMENT_REQUESTED, REFUSED) and missing:
            self._ask_missing()
            return
        self._receive(procedure, applicant)

    def reprint(self) -> None:
        if self._last_code:
            self._slips.reprint(self._last_code)

    def _receive(self, procedure: ProcedureRecord, applicant: ApplicantInput) -> None:
        intake = Intake(procedure_code=procedure.code, applicant=applicant,
                        documents=self.view.checklist_model.handed_in(),
                        outcome=self.view.outcome.chosen(),
                        reasons=self.view.outcome.reasons_text())
        self._saving = True
        self.view.save.setEnabled(False)
        log_event("dossier_saving", procedure=procedure.code)
        self._tasks.run_database(
            ReceiveDossier(self._actor, intake, self._slips.order(), _("Đang lưu hồ sơ")),
            lambda received: self._on_received(received, intake),
            self._on_receive_failed)

    def _ask_missing(self) -> None:
        """Missing mandatory papers: no appointment; the officer turns the visit into a
        supplement request or a refusal, or goes back to the checklist."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Thiếu giấy tờ bắt buộc"),
                          _("Hồ sơ còn thiếu:\n{0}\n\nKhông thể hẹn trả kết quả khi thiếu giấy tờ "
                            "bắt buộc.").format("\n".join(
                                f"• {name}" for name in self.view.checklist_model.missing())),
                          QMessageBox.StandardButton.NoButton, self.view)
        supplement = box.addButton(_("Yêu cầu bổ sung"), QMessageBox.ButtonRole.AcceptRole)
        refuse = box.addButton(_("Từ chối tiếp nhận"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(_("Quay lại kiểm tra"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(supplement)
        box.setEscapeButton(back)
        box.exec()
        self.view.window().activateWindow()
        if box.clickedButton() is supplement:
            self._on_supplement_clicked()
        elif box.clickedButton() is refuse:
            self._on_refuse_clicked()

    def _on_received(self, received: Received, intake: Intake) -> None:
        # The slip first: the citizen waits for the paper, the screen can follow.
        self._slips.hand_over(received)
        self._saving = False
        self.view.save.setEnabled(True)
        log_event("dossier_received", code=received.code, status=received.status)
        self._last_code = received.code
        if has_appointment(received.status):
            self.view.banner.setText(
                _("Đã lưu hồ sơ {code} của {name} — {status}. Hẹn trả: {due}.").format(
                    code=received.code, name=intake.applicant.full_name,
                    status=received.status_name, due=format_appointment(received.due_at)))
        else:
            self.view.banner.setText(_("Đã lưu hồ sơ {code} của {name} — {status}.").format(
                code=received.code, name=intake.applicant.full_name, status=received.status_name))
        self.view.banner.show()
        # the citizen sees the appointment they were given, then is asked how it went
        self.citizen_changed.emit(self._citizen_view(
            received.due_at if has_appointment(received.status) else None))
        self.view.reprint.setEnabled(True)
        if self.scan_panel.has_pages():
            self._filing_into = received.code
            self.scan_panel.file_into(received.code)
        if self.chip is not None and self.chip.photo is not None and intake.applicant.from_genuine_chip:
            self._tasks.run_database(
                StoreCall(chip_reads.keep_photo, self._actor, received.code, self.chip.photo),
                self._on_photo_kept)
        self.dossier_received.emit(received.code)
        self.view.procedure.note_use(intake.procedure_code, received.received_at)
        self._clear_form()

    def _on_photo_kept(self, _kept: object) -> None:
        """Kept, or not where the office keeps no photos; nothing on the screen changes."""

    def _on_receive_failed(self, error: Exception) -> None:
        self._saving = False
        self.view.save.setEnabled(True)
        if isinstance(error, DomainError) and error.field in self.view.applicant.fields():
            self.applicant.show_error(error)
        else:
            self.view.applicant.error.setText(failure_message(error))

    def _on_catalogue_loaded(self, loaded: Catalogue) -> None:
        self.view.procedure.offer(loaded.procedures, loaded.uses)

    def _on_applicant_returning_lookup_wanted(self, id_number: str) -> None:
        self._tasks.run_database(LookUpReturningApplicant(self._actor, id_number),
                                 self._on_returning_found)

    def _on_returning_found(self, known: ApplicantInput | None) -> None:
        if known is not None:
            self.applicant.offer_returning(known)

    @Slot(str)
    def _on_scan_panel_scan_ended(self, _message: str) -> None:
        if self._filing_into is not None:
            self.scan_panel.file_into(self._filing_into)

    @Slot(str, object)
    def _on_scan_panel_papers_filed(self, code: str, _filed: object) -> None:
        self._filing_into = None
        self.scan_panel.set_dossier(None)
        log_event("papers_filed", code=code)

    @Slot(str)
    def _on_scan_panel_filing_failed(self, message: str) -> None:
        code, self._filing_into = self._filing_into, None
        self.view.banner.setText(_("Các trang quét chưa vào hồ sơ {code}: {message}").format(
            code=code, message=message))
        self.view.banner.show()

    @Slot(IdCard)
    def _on_citizen_timer_timeout(self) -> None:
        self.citizen_changed.emit(self._citizen_view())

    def _citizen_view(self, appointment: datetime | None = None) -> CitizenView:
        applicant, picked = self.view.applicant, self.view.procedure.picked()
        papers = tuple(row.item.name for row in self.view.checklist_model.rows() if row.handed_in)
        return citizen_view(applicant.full_name.text(), applicant.id_number.text(),
                            picked.name if picked else "", papers, appointment)

    def _on_chip_key(self) -> None:
        """F9 folds the chip panel out (to type the card's key and "Đọc chip") and back."""
        if self.chip is not None:
            self.view.chip.setVisible(not self.view.chip.isVisible())

    def _on_chip_applicant_read(self, read: ChipApplicant) -> None:
        """The chip's exact Vietnamese takes the place of what the QR gave; what the officer typed
        meanwhile (phone, email) stays, and the photo folds out beside the form to compare."""
        c = read.citizen
        self.applicant.fill_from_chip(
            IdCard(c.id_number, c.old_id_number, c.full_name, c.birth_date, c.sex or None,
                   c.residence, c.issue_date), read.authentic)
        self.view.chip.show()
        log_event("chip_read", id_number=c.id_number, authentic=read.authentic)

    def _on_card_on_glass_id_card_read(self, card: IdCard) -> None:
        self._fill_from_card(card)

    @Slot(str)
    def _on_card_on_glass_reading_failed(self, message: str) -> None:
        log_event("id_card_refused", message=message)
        self.view.applicant.error.setText(message)

    def _on_procedure_procedure_picked(self, procedure: ProcedureRecord) -> None:
        self.view.checklist_model.show_documents(procedure.documents)
        self.scan_panel.show_checklist([(d.code, d.name) for d in procedure.documents])
        self.view.checklist.setFocus()
        if self.view.checklist_model.rowCount():
            self.view.checklist.setCurrentIndex(self.view.checklist_model.index(0, 0))

    def _on_checklist_missing_changed(self) -> None:
        missing = self.view.checklist_model.missing()
        self.view.missing.setText(
            _("Còn thiếu {0} giấy tờ bắt buộc (dòng tô đỏ)").format(len(missing)) if missing else "")

    def _on_supplement_clicked(self) -> None:
        self.view.outcome.choose(SUPPLEMENT_REQUESTED, self.view.checklist_model.missing())

    def _on_refuse_clicked(self) -> None:
        self.view.outcome.choose(REFUSED, self.view.checklist_model.missing())
