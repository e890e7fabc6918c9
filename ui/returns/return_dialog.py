"""Handing a ready result over ('Trả kết quả'): who collects it — the applicant, or a person they
authorised, with that person's ID number (typed, or from their ID card's QR scanned) — and the
fees taken; the return confirmation prints once the handover is stored."""

from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.idcard import parse_qr
from onestop.returning import Collector, Handover, Returned, return_result
from onestop.roles import Actor
from printing.money import format_vnd
from ui.dialogs import StatusLine, hold_wrapped, saving_buttons
from ui.intake.intake_screen import ID_CARD_SEPARATOR
from ui.slip_desk import SlipDesk
from ui.tasks import StoreCall, TaskManager, failure_message

HIGHEST_FEE = 1_000_000_000
FEE_STEP = 1000
ID_DIGITS = 12


@dataclass(frozen=True)
class ResultToReturn:
    """What the dialog shows of the dossier whose result goes."""

    code: str
    applicant_name: str
    procedure_name: str
    fees_total: int


class ReturnDialog(QDialog):
    result_returned = Signal(str)

    def __init__(self, parent: QWidget, tasks: TaskManager, actor: Actor, slips: SlipDesk,
                 result: ResultToReturn) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._actor = actor
        self._slips = slips
        self._result = result
        self.setWindowTitle(_("Trả kết quả hồ sơ {0}").format(result.code))
        heading = QLabel(result.code)
        heading.setProperty("role", "heading")
        about = QLabel(_("{applicant} — {procedure}").format(applicant=result.applicant_name,
                                                             procedure=result.procedure_name))
        about.setTextFormat(Qt.TextFormat.PlainText)
        hold_wrapped(about)
        self.by_applicant = QRadioButton(_("Người nộp hồ sơ tự nhận: {0}").format(
            result.applicant_name))
        self.by_authorised = QRadioButton(_("Người được uỷ quyền nhận thay"))
        choice = QButtonGroup(self)
        choice.addButton(self.by_applicant)
        choice.addButton(self.by_authorised)
        self.by_applicant.setChecked(True)
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(ID_DIGITS)
        self.id_number.setPlaceholderText(_("12 chữ số trên thẻ căn cước"))
        self.relation = QLineEdit()
        self.relation.setPlaceholderText(_("không bắt buộc, ví dụ: con, vợ, chồng"))
        self.fees = QSpinBox()
        self.fees.setRange(0, HIGHEST_FEE)
        self.fees.setSingleStep(FEE_STEP)
        self.fees.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.fees.setGroupSeparatorShown(True)
        self.fees.setSuffix(" đ")
        self.fees.setValue(result.fees_total)
        fees_hint = QLabel(_("Theo danh mục: {0}").format(format_vnd(result.fees_total)))
        self.error = StatusLine()
        buttons, self.confirm = saving_buttons(
            self, _("Trả kết quả và in phiếu (Ctrl+Enter)"), self.hand_over)
        self.confirm.setDefault(True)

        authorised = QFormLayout()
        authorised.addRow(_("Họ tên người nhận thay"), self.name)
        authorised.addRow(_("Số định danh"), self.id_number)
        authorised.addRow(_("Quan hệ với người nộp"), self.relation)
        fees = QFormLayout()
        fees.addRow(_("Phí, lệ phí đã thu"), self.fees)
        fees.addRow("", fees_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(about)
        who = QLabel(_("Người nhận kết quả"))
        who.setProperty("role", "picked")
        layout.addWidget(who)
        layout.addWidget(self.by_applicant)
        layout.addWidget(self.by_authorised)
        layout.addLayout(authorised)
        layout.addLayout(fees)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.by_authorised.toggled.connect(self._on_by_authorised_toggled)
        self._on_by_authorised_toggled(False)
        self.resize(640, self.sizeHint().height())

    def take_card(self, text: str) -> bool:
        """The QR of the ID card the person collecting shows: their name and number, checked."""
        if ID_CARD_SEPARATOR not in text:
            return False
        try:
            card = parse_qr(text)
        except DomainError as error:
            self.error.show_error(_("Mã QR không đọc được: {0}").format(error))
            return True
        self.by_authorised.setChecked(True)
        self.name.setText(card.full_name)
        self.id_number.setText(card.id_number)
        self.relation.setFocus()
        return True

    def handover(self) -> Handover:
        collector = (Collector(self.name.text(), self.id_number.text(), self.relation.text())
                     if self.by_authorised.isChecked() else Collector())
        return Handover(collector, self.fees.value())

    def hand_over(self) -> None:
        """Store the handover; the confirmation prints only once it is stored."""
        if not self.confirm.isEnabled():
            return
        self.confirm.setEnabled(False)
        self.error.show_info(_("Đang lưu…"))
        self._tasks.run_database(
            StoreCall(return_result, self._actor, self._result.code, self.handover(),
                      self._slips.order()),
            self._on_returned, self._on_return_failed)

    def _on_returned(self, returned: Returned) -> None:
        self._slips.print_queued(returned.code, returned.print_job_id)
        self.accept()
        self.result_returned.emit(returned.code)

    def _on_return_failed(self, error: Exception) -> None:
        self.confirm.setEnabled(True)
        self.error.show_error(failure_message(error))
        wrong = {"full_name": self.name, "id_number": self.id_number, "fees": self.fees}.get(
            getattr(error, "field", None) or "")
        if wrong is not None and wrong.isEnabled():
            wrong.setFocus()

    @Slot(bool)
    def _on_by_authorised_toggled(self, authorised: bool) -> None:
        for field in (self.name, self.id_number, self.relation):
            field.setEnabled(authorised)
        if authorised:
            self.name.setFocus()
