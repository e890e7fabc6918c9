"""The printer set-up screen's widgets and their places; PrinterSetupScreen gives them life."""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _
from ui.side_by_side import beside


def _page(*rows: tuple[str, QWidget | QHBoxLayout]) -> QWidget:
    page = QWidget()
    form = QFormLayout(page)
    form.setContentsMargins(0, 0, 0, 0)
    for label, field in rows:
        form.addRow(label, field)
    return page


class PrinterSetupView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.pages = QStackedWidget()

        self.usb_device = QComboBox()
        self.usb_device.setEditable(True)
        typed = self.usb_device.lineEdit()
        assert typed is not None
        typed.setPlaceholderText("04b8:0202")
        self.usb_find = QPushButton(_("Tìm máy in USB"))
        self.host = QLineEdit()
        self.host.setPlaceholderText("192.168.1.50")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.serial_port = QComboBox()
        self.serial_port.setEditable(True)
        self.serial_find = QPushButton(_("Tìm cổng"))
        self.baud = QComboBox()
        self.flow = QComboBox()
        self.windows_name = QLineEdit()
        self.windows_name.setPlaceholderText("EPSON TM-T82III Receipt")
        self.cups_queue = QLineEdit()
        self.virtual_folder = QLineEdit()
        self.virtual_browse = QPushButton(_("Chọn thư mục…"))
        self.file_path = QLineEdit()
        self.file_path.setPlaceholderText("/dev/usb/lp0")

        # One page per kind of connection, in the order of PrinterSetupScreen's KINDS.
        for page in (
            _page((_("Máy in USB"), beside(self.usb_device, self.usb_find))),
            _page((_("Địa chỉ IP hoặc tên máy"), self.host), (_("Cổng"), self.port)),
            _page((_("Cổng nối tiếp"), beside(self.serial_port, self.serial_find)),
                  (_("Tốc độ (baud)"), self.baud), (_("Điều khiển luồng"), self.flow)),
            _page((_("Tên máy in trong Windows"), self.windows_name)),
            _page((_("Tên hàng đợi CUPS"), self.cups_queue)),
            _page((_("Thư mục lưu phiếu"), beside(self.virtual_folder, self.virtual_browse))),
            _page((_("Đường dẫn tệp hoặc thiết bị"), self.file_path)),
        ):
            self.pages.addWidget(page)

        self.address = QLabel()
        self.address.setWordWrap(True)
        self.paper = QComboBox()
        self.profile = QComboBox()
        self.profile.setEditable(True)
        self.copies = QSpinBox()

        connection = QGroupBox(_("Kết nối"))
        form = QFormLayout(connection)
        form.addRow(_("Loại kết nối"), self.kind)
        form.addRow(self.pages)
        form.addRow(_("Địa chỉ máy in"), self.address)
        paper = QGroupBox(_("Giấy và phiếu"))
        form = QFormLayout(paper)
        form.addRow(_("Khổ giấy"), self.paper)
        form.addRow(_("Loại máy in"), self.profile)
        form.addRow(_("Số liên phiếu"), self.copies)

        self.check = QPushButton(_("Kiểm tra trạng thái"))
        self.trial = QPushButton(_("In thử"))
        self.save = QPushButton(_("Lưu cài đặt"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.check, self.trial):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(connection)
        layout.addWidget(paper)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addStretch(1)
