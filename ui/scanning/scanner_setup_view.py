"""The scanner set-up screen's widgets and their places; ScannerSetupScreen gives them life."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from ui.side_by_side import beside

TRIAL_PICTURE = 220


class ScannerSetupView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device = QComboBox()
        self.search = QPushButton(_("Tìm máy quét"))
        self.address = QLineEdit()
        self.address.setPlaceholderText("192.168.1.20")
        self.add_address = QPushButton(_("Thêm máy quét mạng"))
        self.device_id = QLabel()
        self.device_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.offers = QLabel()
        self.offers.setWordWrap(True)
        # what the search for scanners found, under its button
        self.found = QLabel()
        self.found.setWordWrap(True)

        self.source = QComboBox()
        self.duplex = QCheckBox(_("Quét hai mặt khi dùng khay nạp"))
        self.resolution = QComboBox()
        self.mode = QComboBox()
        self.trial = QPushButton(_("Quét thử một trang"))
        self.trial_picture = QLabel()
        self.trial_picture.setFixedSize(TRIAL_PICTURE, TRIAL_PICTURE)
        self.trial_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.trial_state = QLabel()
        self.trial_state.setWordWrap(True)
        self.watch_folder = QLineEdit()
        self.browse = QPushButton(_("Chọn thư mục…"))

        self.qr_mode = QComboBox()
        self.qr_port = QComboBox()
        self.qr_port.setEditable(True)
        self.qr_find_ports = QPushButton(_("Tìm cổng"))
        self.qr_baud = QComboBox()
        self.qr_listen = QPushButton(_("Nghe thử cổng"))
        self.qr_listen.setCheckable(True)
        self.qr_test = QLineEdit()
        self.qr_test.setPlaceholderText(_("Đặt con trỏ vào đây rồi quét mã QR trên thẻ căn cước"))
        self.qr_result = QLabel()
        self.qr_result.setWordWrap(True)

        self.save = QPushButton(_("Lưu cài đặt"))
        self.close_button = QPushButton(_("Đóng (Esc)"))
        self.state = QLabel()
        self.state.setWordWrap(True)

        scanner = QGroupBox(_("Máy quét"))
        form = QFormLayout(scanner)
        form.addRow(_("Máy quét"), beside(self.device, self.search))
        form.addRow("", self.found)
        form.addRow(_("Địa chỉ máy quét mạng"), beside(self.address, self.add_address))
        form.addRow(_("Tên thiết bị"), self.device_id)
        form.addRow(self.offers)

        defaults = QGroupBox(_("Mặc định khi quét"))
        form = QFormLayout(defaults)
        form.addRow(_("Nguồn giấy"), self.source)
        form.addRow("", self.duplex)
        form.addRow(_("Độ phân giải"), self.resolution)
        form.addRow(_("Chế độ màu"), self.mode)
        trial = QHBoxLayout()
        trial.addWidget(self.trial_picture)
        trial.addWidget(self.trial_state, 1)
        form.addRow(self.trial, trial)
        form.addRow(_("Thư mục nhận tệp quét"), beside(self.watch_folder, self.browse))

        qr = QGroupBox(_("Máy đọc mã QR cầm tay"))
        form = QFormLayout(qr)
        form.addRow(_("Kiểu kết nối"), self.qr_mode)
        form.addRow(_("Cổng nối tiếp"), beside(self.qr_port, self.qr_find_ports))
        form.addRow(_("Tốc độ (baud)"), beside(self.qr_baud, self.qr_listen))
        form.addRow(_("Quét thử"), self.qr_test)
        form.addRow(self.qr_result)

        # the screen keeps these in sight below the scrolling form
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.state, 1)
        self.buttons.addWidget(self.save)
        self.buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scanner)
        layout.addWidget(defaults)
        layout.addWidget(qr)
        layout.addStretch(1)
