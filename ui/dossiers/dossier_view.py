"""One dossier laid out: its facts, papers, attached scans, history and the action buttons; the
scan panel goes beside them for a role that may attach papers."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
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
        self.attachments = QPlainTextEdit()
        self.attachments.setReadOnly(True)
        self.attachments.setMaximumHeight(90)
        self.scanning = QGroupBox(_("Quét thêm giấy tờ vào hồ sơ"))
        self.scanning_layout = QVBoxLayout(self.scanning)
        self.scanning.hide()
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
        self.action_row = QHBoxLayout()
        self.reprint = QPushButton(_("In lại phiếu"))
        self.close_button = QPushButton(_("Đóng (Esc)"))

        facts = QFormLayout()
        facts.addRow(_("Trạng thái"), self.status)
        facts.addRow(_("Người nộp"), self.applicant)
        facts.addRow(_("Thủ tục"), self.procedure)
        facts.addRow(_("Thời gian"), self.dates)
        facts.addRow(_("Giấy tờ đã nộp"), self.documents)
        facts.addRow(_("Bản quét đính kèm"), self.attachments)
        bottom = QHBoxLayout()
        bottom.addLayout(self.action_row)
        bottom.addStretch(1)
        bottom.addWidget(self.reprint)
        bottom.addWidget(self.close_button)
        dossier = QVBoxLayout()
        dossier.addWidget(self.code)
        dossier.addLayout(facts)
        dossier.addWidget(QLabel(_("Quá trình xử lý")))
        dossier.addWidget(self.history, 1)
        columns = QHBoxLayout()
        columns.addLayout(dossier, 3)
        columns.addWidget(self.scanning, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(1000, 640)
