"""The intake screen laid out for 1366×768: applicant and outcome on the left; procedure and
checklist in the middle; the scan panel folding out on the right; what just happened and the keys
to press at the bottom."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from ui.intake.applicant_view import ApplicantView
from ui.intake.checklist_model import NAME, ChecklistModel
from ui.intake.outcome_panel import OutcomePanel
from ui.intake.procedure_picker import ProcedurePicker

MISSING_PADDING = 16


class IntakeView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.applicant = ApplicantView()
        self.procedure = ProcedurePicker()
        self.checklist_model = ChecklistModel()
        self.checklist = QTableView()
        self.checklist.setModel(self.checklist_model)
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist.setWordWrap(True)
        self.checklist.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # a whole paper name on as many lines as it takes: two "Tờ khai CT01…" rows must differ
        self.checklist.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.checklist.verticalHeader().hide()
        header.sectionResized.connect(self._on_checklist_column_resized)
        # one line, always there, so that nothing moves when papers go missing
        self.missing = QLabel()
        self.missing.setProperty("role", "warning")
        self.missing.setFixedHeight(self.missing.sizeHint().height() + MISSING_PADDING)
        self.outcome = OutcomePanel()
        self.card_from_glass = QToolButton()
        self.card_from_glass.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # the intake screen puts the scan panel here; it folds away to give the checklist the width
        self.scanning = QGroupBox(_("Quét giấy tờ"))
        self.scanning_layout = QVBoxLayout(self.scanning)
        self.scanning.hide()
        # the ID card's chip: read after a QR scan on a counter with a reader; folds out with a read
        self.chip = QGroupBox(_("Chip thẻ căn cước (F9)"))
        self.chip_layout = QVBoxLayout(self.chip)
        self.chip.hide()
        self.scan_toggle = QPushButton(_("Quét giấy tờ (F6)"))
        self.scan_toggle.setCheckable(True)
        self.scan_toggle.toggled.connect(self.scanning.setVisible)
        self.banner = QLabel()
        self.banner.setProperty("role", "notice")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.save = QPushButton(_("Lưu và in phiếu (Ctrl+Enter)"))
        self.save.setDefault(True)
        self.supplement = QPushButton(_("Yêu cầu bổ sung (F7)"))
        self.refuse = QPushButton(_("Từ chối (F8)"))
        self.reprint = QPushButton(_("In lại phiếu (Ctrl+P)"))
        self.reprint.setEnabled(False)
        self.new = QPushButton(_("Hồ sơ mới (Ctrl+N)"))
        for button in (self.save, self.supplement, self.refuse, self.reprint, self.scan_toggle, self.new):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        checklist_box = QGroupBox(_("Thành phần hồ sơ (Dấu cách: đánh dấu đã nộp)"))
        checklist_layout = QVBoxLayout(checklist_box)
        checklist_layout.addWidget(self.checklist, 1)
        checklist_layout.addWidget(self.missing)
        # The checklist gets the height: at 1366×768 it is what the officer works through.
        right = QVBoxLayout()
        right.addWidget(self.procedure)
        right.addWidget(checklist_box, 1)
        left = QVBoxLayout()
        left.addWidget(self.applicant, 1)
        left.addWidget(self.outcome)
        left.addWidget(self.card_from_glass)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 5)
        columns.addWidget(self.scanning, 2)
        columns.addWidget(self.chip, 2)
        buttons = QHBoxLayout()
        for button in (self.save, self.supplement, self.refuse, self.reprint):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.scan_toggle)
        buttons.addWidget(self.new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.applicant.email, self.procedure.search)
        QWidget.setTabOrder(self.procedure.search, self.checklist)
        QWidget.setTabOrder(self.checklist, self.outcome.outcome)

    def _on_checklist_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == NAME:
            self.checklist.resizeRowsToContents()
