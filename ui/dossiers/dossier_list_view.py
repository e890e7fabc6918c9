"""The dossier list laid out: search and filters above, the table below."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from ui.dossier_rows import dossier_rows
from ui.dossiers.dossier_table_model import APPLICANT, PROCEDURE, DossierTableModel

CURRENT_LINES, CURRENT_PADDING = 3, 6


class DossierListView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            _("Tìm theo mã hồ sơ, số định danh, số điện thoại, tên (có dấu hay không)…"))
        self.status = QComboBox()
        self.procedure = QComboBox()
        self.procedure.setMinimumContentsLength(18)
        self.procedure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.received = QComboBox()
        self.overdue = QCheckBox(_("Quá hạn"))
        self.due_today = QCheckBox(_("Đến hạn hôm nay"))
        self.model = DossierTableModel()
        self.table = dossier_rows(self.model, APPLICANT, PROCEDURE)
        # the row under the cursor in full: a long procedure name is cut in its column
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        lines = CURRENT_LINES * self.current.fontMetrics().lineSpacing()
        self.current.setFixedHeight(lines + CURRENT_PADDING)
        self.count = QLabel()
        self.legend = QLabel(_("Màu: đỏ = quá hạn · vàng = đến hạn hôm nay · vàng nhạt = sắp "
                               "đến hạn. Enter: mở hồ sơ."))

        filters = QHBoxLayout()
        for label, widget in ((_("Trạng thái"), self.status), (_("Thủ tục"), self.procedure),
                              (_("Ngày nhận"), self.received)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addWidget(self.due_today)
        filters.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.current)
        layout.addLayout(bottom)
