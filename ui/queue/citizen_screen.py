"""The screen facing the citizen at a counter: a welcome picture when idle, their own details to
check while the officer types (the ID number with its middle digits hidden), and after the
receipt the rating, by touch or by the numeric keypad. It only ever gets a CitizenView, so it
cannot show a full ID number or another citizen's data."""

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from onestop.citizen_view import CitizenView
from onestop.i18n import _
from onestop.queue_ratings import LEVELS, REASONS
from printing.counter_time import format_appointment

IDLE_MS = 60_000
THANKS_MS = 5_000
# Keys 1..4 in the order the buttons stand: 1 is the happiest face.
LEVELS_IN_ORDER = (4, 3, 2, 1)


class CitizenScreen(QWidget):
    rated = Signal(int, tuple)

    def __init__(self, office: str, welcome_picture: QPixmap | None = None) -> None:
        super().__init__()
        self.setWindowTitle(_("Màn hình công dân"))
        self.setStyleSheet("QLabel { font-size: 20pt; } QLabel#big { font-size: 30pt; "
                           "font-weight: bold; color: #0b4f9c; }"
                           "QPushButton { font-size: 22pt; min-height: 90px; }"
                           "QCheckBox { font-size: 16pt; }")
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.welcome = self._welcome_page(office, welcome_picture)
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        checking = QWidget()
        box = QVBoxLayout(checking)
        heading = QLabel(_("Xin công dân kiểm tra thông tin của mình"))
        heading.setObjectName("big")
        box.addWidget(heading)
        box.addWidget(self.details, 1)
        self.checking = checking
        self.rating, self.level_buttons, self.reason_boxes = self._rating_page()
        self.thanks = QLabel(_("Cảm ơn công dân đã đánh giá!"))
        self.thanks.setObjectName("big")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for page in (self.welcome, self.checking, self.rating, self.thanks):
            self.pages.addWidget(page)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle_timeout)

    def _welcome_page(self, office: str, picture: QPixmap | None) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        if picture is not None and not picture.isNull():
            shown = QLabel()
            shown.setPixmap(picture)
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(shown, 1)
        text = QLabel(f"{office}\n{_('Kính chào quý công dân')}")
        text.setObjectName("big")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        box.addWidget(text, 1)
        return page

    def _rating_page(self) -> tuple[QWidget, list[QPushButton], dict[str, QCheckBox]]:
        page = QWidget()
        box = QVBoxLayout(page)
        question = QLabel(_("Công dân có hài lòng với việc giải quyết hôm nay?"))
        question.setObjectName("big")
        question.setWordWrap(True)
        box.addWidget(question)
        grid = QGridLayout()
        buttons = []
        for index, level in enumerate(LEVELS_IN_ORDER):
            button = QPushButton(f"{index + 1}.  {_(LEVELS[level])}")
            button.setProperty("level", level)
            button.clicked.connect(self._on_level_button_clicked)
            grid.addWidget(button, index // 2, index % 2)
            buttons.append(button)
        box.addLayout(grid)
        box.addWidget(QLabel(_("Lý do (nếu có):")))
        reasons = {}
        for code, name in REASONS.items():
            check = QCheckBox(_(name))
            box.addWidget(check)
            reasons[code] = check
        return page, buttons, reasons

    @Slot()
    def show_welcome(self) -> None:
        self._idle.stop()
        self.details.setText("")
        self.pages.setCurrentWidget(self.welcome)

    def show_citizen(self, citizen: CitizenView) -> None:
        """The citizen's own details while the officer types them."""
        lines = [_("Họ và tên: {0}").format(citizen.full_name)]
        if citizen.id_number:
            lines.append(_("Số định danh: {0}").format(citizen.id_number))
        if citizen.procedure:
            lines.append(_("Thủ tục: {0}").format(citizen.procedure))
        if citizen.papers:
            lines.append(_("Giấy tờ đã nộp:"))
            lines += [f"  • {paper}" for paper in citizen.papers]
        if citizen.appointment is not None:
            lines.append(_("Ngày hẹn trả: {0}").format(format_appointment(citizen.appointment)))
        self.details.setText("\n".join(lines))
        self.pages.setCurrentWidget(self.checking)
        self._idle.start(IDLE_MS)

    def ask_rating(self) -> None:
        """After the receipt: how satisfied the citizen is."""
        for check in self.reason_boxes.values():
            check.setChecked(False)
        self.details.setText("")
        self.pages.setCurrentWidget(self.rating)
        self.setFocus()
        self._idle.start(IDLE_MS)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if self.pages.currentWidget() is self.rating and text in ("1", "2", "3", "4"):
            self._rate(LEVELS_IN_ORDER[int(text) - 1])
            return
        super().keyPressEvent(event)

    @Slot()
    def _on_level_button_clicked(self) -> None:
        button = self.sender()
        assert isinstance(button, QPushButton)
        self._rate(int(button.property("level")))

    def _rate(self, level: int) -> None:
        reasons = tuple(code for code, check in self.reason_boxes.items() if check.isChecked())
        self.pages.setCurrentWidget(self.thanks)
        self._idle.start(THANKS_MS)
        self.rated.emit(level, reasons)

    @Slot()
    def _on_idle_timeout(self) -> None:
        self.show_welcome()


def show_facing_citizen(screen: CitizenScreen, monitor: int) -> bool:
    """Full screen on the monitor the `queue.citizen_screen` setting names (1 = the first); false
    when the setting is 0 or that monitor is not connected."""
    monitors = QGuiApplication.screens()
    if not 1 <= monitor <= len(monitors):
        screen.hide()
        return False
    chosen = monitors[monitor - 1]
    # the officer keeps the keyboard: the screen facing the citizen shows without taking it
    screen.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    screen.setScreen(chosen)
    screen.move(chosen.geometry().topLeft())
    screen.showFullScreen()
    return True
