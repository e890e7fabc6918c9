"""The 'Trả kết quả' screen laid out: the search above, the results ready below."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from ui.dossier_rows import dossier_rows
from ui.returns.ready_table_model import APPLICANT, PROCEDURE, ReadyTableModel


class ResultsReadyView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel(_("Hồ sơ đã có kết quả, chờ trả"))
        self.title.setProperty("role", "heading")
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            _("Tìm theo mã hồ sơ, tên (có dấu hay không), số định danh, số điện thoại… "
              "hoặc quét mã trên phiếu hẹn"))
        self.model = ReadyTableModel()
        self.table = dossier_rows(self.model, APPLICANT, PROCEDURE)
        self.count = QLabel()
        # what the last handover did, beside the list it came from, never only in the status bar
        self.outcome = QLabel()
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setWordWrap(True)
        self.legend = QLabel(_("↓: chọn trong danh sách · Enter: trả kết quả hồ sơ đang chọn"))
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        layout.addLayout(bottom)
