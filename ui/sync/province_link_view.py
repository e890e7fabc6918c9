"""The province-link screen laid out: the link's settings, the queue to the province, and a
reconcile over a range of days."""

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import N_, _

QUEUE_COLUMNS = (N_("Tình trạng"), N_("Loại"), N_("Hồ sơ"), N_("Phiên bản"), N_("Số lần gửi"),
                 N_("Gửi lại lúc"), N_("Lý do"))
REASON = len(QUEUE_COLUMNS) - 1


class ProvinceLinkView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.address = QLineEdit()
        self.address.setPlaceholderText("https://lgsp.tinh.gov.vn")
        self.agency = QLineEdit()
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.save = QPushButton(_("Lưu cài đặt"))
        self.check = QPushButton(_("Kiểm tra kết nối"))
        self.link_result = QLabel()
        self.link_result.setWordWrap(True)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.queue = QTableWidget(0, len(QUEUE_COLUMNS))
        self.queue.setHorizontalHeaderLabels([_(column) for column in QUEUE_COLUMNS])
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.verticalHeader().hide()
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.retry = QPushButton(_("Gửi lại ngay"))
        self.retry.setToolTip(_("Đưa các mục bị từ chối, xung đột và đang chờ vào lượt gửi ngay "
                                "bây giờ"))
        self.refresh = QPushButton(_("Làm mới"))

        today = QDate.currentDate()
        self.first_day = QDateEdit(today.addDays(-31))
        self.last_day = QDateEdit(today)
        for day in (self.first_day, self.last_day):
            day.setCalendarPopup(True)
            day.setDisplayFormat("dd/MM/yyyy")
        self.reconcile = QPushButton(_("Đối soát"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)

        link = QGroupBox(_("Kết nối hệ thống tỉnh"))
        form = QFormLayout(link)
        form.addRow(_("Địa chỉ"), self.address)
        form.addRow(_("Mã cơ quan (mã định danh)"), self.agency)
        form.addRow(_("Tài khoản"), self.username)
        form.addRow(_("Mật khẩu"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.check)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.link_result)

        queue = QGroupBox(_("Hàng chờ gửi lên tỉnh"))
        queue_layout = QVBoxLayout(queue)
        queue_layout.addWidget(self.summary)
        queue_layout.addWidget(self.queue)
        queue_buttons = QHBoxLayout()
        queue_buttons.addWidget(self.retry)
        queue_buttons.addWidget(self.refresh)
        queue_buttons.addStretch(1)
        queue_layout.addLayout(queue_buttons)

        reconcile = QGroupBox(_("Đối soát với tỉnh (gửi lại những gì tỉnh thiếu)"))
        days = QHBoxLayout(reconcile)
        days.addWidget(QLabel(_("Hồ sơ nhận từ ngày")))
        days.addWidget(self.first_day)
        days.addWidget(QLabel(_("đến ngày")))
        days.addWidget(self.last_day)
        days.addWidget(self.reconcile)
        days.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(link)
        layout.addWidget(queue, 1)
        layout.addWidget(reconcile)
        layout.addWidget(self.outcome)
