"""A drawn slip on screen, when no printer is set up."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from onestop.i18n import _
from ui.dialogs import name_buttons


class SlipPreview(QDialog):
    def __init__(self, parent: QWidget | None, png: bytes, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        picture = QLabel()
        picture.setPixmap(QPixmap.fromImage(QImage.fromData(png)))
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(picture)
        scroll.setWidgetResizable(True)
        note = QLabel(_("Chưa cài máy in phiếu: đây là bản xem trước. Kỹ thuật viên cài máy in "
                        "trong phần cài đặt (printer.uri)."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(660, 700)
