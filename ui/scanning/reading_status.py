"""The status bar's word on the background reading (OCR) of digitised copies: how many wait,
and a button to pause it while the counter needs the machine, and to go on."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStatusBar, QWidget

from onestop.digitised import ReadingProgress
from onestop.i18n import _
from ui.signing.digitising_desk import DigitisingDesk

TOLD_MS = 15_000


class ReadingStatus(QWidget):
    """Placed in the window's status bar, where it also tells what became of the papers made
    into copies and signed."""

    def __init__(self, desk: DigitisingDesk, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._desk = desk
        self._bar = bar
        self._progress: ReadingProgress | None = None
        self.state = QLabel()
        # the status bar is nearly full at 1280 pixels, and fuller while the printer is being
        # checked: the line takes the room left and never widens the window
        self.state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pause = QPushButton()
        self.pause.setFlat(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state, 1)
        layout.addWidget(self.pause)
        self.pause.clicked.connect(self._on_pause_clicked)
        desk.reading_progressed.connect(self._on_desk_reading_progressed)
        desk.reading_paused.connect(self._on_desk_reading_paused)
        desk.told.connect(self._on_desk_told)
        self._show()

    @Slot()
    def _on_pause_clicked(self) -> None:
        self._desk.pause_reading(not self._desk.paused)

    @Slot(object)
    def _on_desk_reading_progressed(self, progress: ReadingProgress) -> None:
        self._progress = progress
        self._show()

    @Slot(bool)
    def _on_desk_reading_paused(self, _paused: bool) -> None:
        self._show()

    @Slot(str, str)
    def _on_desk_told(self, _code: str, message: str) -> None:
        self._bar.showMessage(message, TOLD_MS)

    def _show(self) -> None:
        progress = self._progress
        waiting = 0 if progress is None else progress.waiting + progress.reading
        if self._desk.paused:
            self.state.setText(_("Dừng đọc chữ: còn {waiting} bản").format(waiting=waiting))
            self.pause.setText(_("Đọc tiếp"))
        else:
            self.state.setText(_("Đọc chữ: còn {waiting} bản").format(waiting=waiting))
            self.pause.setText(_("Dừng đọc"))
        self.state.setToolTip(self.state.text())
        # nothing to say while nothing waits, unless paused
        self.setVisible(waiting > 0 or self._desk.paused)
