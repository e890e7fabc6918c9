"""Pieces the account dialogs share: buttons with our own texts (Qt ships no Vietnamese) and
password fields."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPushButton, QWidget

from onestop.i18n import _


def button_box(parent: QWidget, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(parent)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(_("Huỷ"), QDialogButtonBox.ButtonRole.RejectRole)
    return box, ok


def password_line(placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setEchoMode(QLineEdit.EchoMode.Password)
    line.setPlaceholderText(placeholder)
    return line


class StatusLine(QLabel):
    """One line under a form saying what happened, in red when it went wrong."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def show_info(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)

    def show_error(self, text: str) -> None:
        self.setStyleSheet("color: #b00020")
        self.setText(text)
