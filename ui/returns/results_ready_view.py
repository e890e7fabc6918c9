"""The 'Trả kết quả' screen laid out: the search above, the results ready below."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
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
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(APPLICANT, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(APPLICANT, 240)
        self.count = QLabel()
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
        layout.addLayout(bottom)
