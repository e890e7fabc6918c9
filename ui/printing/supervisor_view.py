"""The supervisor screen's widgets and their places; SupervisorScreen gives them life."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import N_, _
from ui.printing.bar_chart import BarChart

OVERDUE_COLUMNS = (N_("Mã hồ sơ"), N_("Người nộp"), N_("Thủ tục"), N_("Hẹn trả"), N_("Cán bộ"))


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class SupervisorView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = _date_edit()
        self.refresh = QPushButton(_("Làm mới"))
        self.save_daily = QPushButton(_("Lưu báo cáo ngày (PDF)…"))
        self.print_daily = QPushButton(_("In báo cáo ngày…"))
        self.first = _date_edit()
        self.last = _date_edit()
        self.show_period = QPushButton(_("Xem kỳ"))
        self.save_period = QPushButton(_("Lưu báo cáo kỳ (PDF)…"))
        self.print_period = QPushButton(_("In báo cáo kỳ…"))
        self.figures = QGridLayout()
        self.overdue_heading = QLabel()
        self.overdue = QTableWidget(0, len(OVERDUE_COLUMNS))
        self.overdue.setHorizontalHeaderLabels([_(name) for name in OVERDUE_COLUMNS])
        self.overdue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.overdue.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.overdue.horizontalHeader().setStretchLastSection(True)
        self.overdue.verticalHeader().setVisible(False)
        self.daily_chart = BarChart()
        self.period_chart = BarChart()
        self.state = QLabel()
        self.state.setWordWrap(True)

        day_row = QHBoxLayout()
        day_row.addWidget(QLabel(_("Ngày")))
        day_row.addWidget(self.day)
        day_row.addWidget(self.refresh)
        day_row.addStretch(1)
        day_row.addWidget(self.save_daily)
        day_row.addWidget(self.print_daily)
        today = QGroupBox(_("Trong ngày"))
        today_layout = QVBoxLayout(today)
        today_layout.addLayout(day_row)
        today_layout.addLayout(self.figures)
        today_layout.addWidget(self.daily_chart, 1)

        overdue = QGroupBox(_("Hồ sơ quá hạn"))
        overdue_layout = QVBoxLayout(overdue)
        overdue_layout.addWidget(self.overdue_heading)
        overdue_layout.addWidget(self.overdue)

        period_row = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.first)
        dates.addWidget(QLabel(_("đến")))
        dates.addWidget(self.last)
        dates.addWidget(self.show_period)
        dates.addStretch(1)
        period_row.addRow(_("Từ ngày"), dates)
        # the reports' buttons on a row of their own, so that the page fits a 1280-pixel screen
        outputs = QHBoxLayout()
        outputs.addStretch(1)
        outputs.addWidget(self.save_period)
        outputs.addWidget(self.print_period)
        period_row.addRow(outputs)
        period = QGroupBox(_("Báo cáo theo kỳ (Biểu 06)"))
        period_layout = QVBoxLayout(period)
        period_layout.addLayout(period_row)
        period_layout.addWidget(self.period_chart, 1)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(today, 3)
        left.addWidget(period, 2)
        columns.addLayout(left, 3)
        columns.addWidget(overdue, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.state)
