"""One dossier laid out: its facts, papers, history and the action buttons."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from onestop.i18n import _
from ui.dossiers.history_model import HistoryModel


class DossierView(QDialog):
    def __init__(self) -> None:
        super().__init__()
        self.code = QLabel()
        self.code.setProperty("role", "heading")
        self.status = QLabel()
        self.applicant = QLabel()
        self.applicant.setWordWrap(True)
        self.procedure = QLabel()
        self.procedure.setWordWrap(True)
        self.dates = QLabel()
        self.documents = QPlainTextEdit()
        self.documents.setReadOnly(True)
        self.documents.setMaximumHeight(110)
        self.history_model = HistoryModel()
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.actions = QHBoxLayout()
        self.reprint = QPushButton(_("In lại phiếu"))
        self.close_button = QPushButton(_("Đóng (Esc)"))

        facts = QFormLayout()
        facts.addRow(_("Trạng thái"), self.status)
        facts.addRow(_("Người nộp"), self.applicant)
        facts.addRow(_("Thủ tục"), self.procedure)
        facts.addRow(_("Thời gian"), self.dates)
        facts.addRow(_("Giấy tờ đã nộp"), self.documents)
        bottom = QHBoxLayout()
        bottom.addLayout(self.actions)
        bottom.addStretch(1)
        bottom.addWidget(self.reprint)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addLayout(facts)
        layout.addWidget(QLabel(_("Quá trình xử lý")))
        layout.addWidget(self.history, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(1000, 640)
