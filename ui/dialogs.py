"""Small questions and messages with the program's own button texts (Qt has no Vietnamese), and
the pieces forms share: password fields and a line saying what happened."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _


def name_buttons(box: QDialogButtonBox) -> None:
    texts = {
        QDialogButtonBox.StandardButton.Ok: _("Đồng ý"),
        QDialogButtonBox.StandardButton.Cancel: _("Huỷ"),
        QDialogButtonBox.StandardButton.Close: _("Đóng"),
        QDialogButtonBox.StandardButton.Yes: _("Có"),
        QDialogButtonBox.StandardButton.No: _("Không"),
    }
    for standard, text in texts.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)


def button_box(parent: QWidget, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(parent)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(_("Huỷ"), QDialogButtonBox.ButtonRole.RejectRole)
    return box, ok


def saving_buttons(dialog: QDialog, save_text: str, save: Callable[[], object]
                   ) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's save button, `save_text` naming its Ctrl+Enter, and "Huỷ (Esc)"; Ctrl+Enter
    saves from any field of the dialog."""
    box = QDialogButtonBox()
    button = box.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(_("Huỷ (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(save)
    box.rejected.connect(dialog.reject)
    for keys in (Qt.Modifier.CTRL | Qt.Key.Key_Return, Qt.Modifier.CTRL | Qt.Key.Key_Enter):
        QShortcut(QKeySequence(keys), dialog, save)
    return box, button


def password_line(placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setEchoMode(QLineEdit.EchoMode.Password)
    line.setPlaceholderText(placeholder)
    return line


# A wrapping label in a dialog sized from its content can get less height than its wrapped text
# needs (Qt's minimum size ignores height-for-width); so it keeps this width at least and claims
# the height its text needs there.
WRAPPING_WIDTH = 360


def hold_wrapped(label: QLabel) -> None:
    """Give a wrapping label of a dialog the room its present text needs."""
    label.setWordWrap(True)
    label.setMinimumWidth(WRAPPING_WIDTH)
    label.setMinimumHeight(label.heightForWidth(WRAPPING_WIDTH) if label.text() else 0)


class StatusLine(QLabel):
    """One line under a form saying what happened, in red when it went wrong."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        hold_wrapped(self)

    def show_info(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
        hold_wrapped(self)

    def show_error(self, text: str) -> None:
        self.setStyleSheet("color: #b00020")
        self.setText(text)
        hold_wrapped(self)


def show_message(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                      title, text, QMessageBox.StandardButton.NoButton, parent)
    box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


class TextQuestion(QDialog):
    """One line (or a few lines) of text asked for, e.g. a reason or who collected a result."""

    def __init__(self, parent: QWidget | None, title: str, label: str, *, multiline: bool = False,
                 text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label))
        self.field: QLineEdit | QPlainTextEdit
        if multiline:
            self.field = QPlainTextEdit(text)
            self.field.setTabChangesFocus(True)
        else:
            self.field = QLineEdit(text)
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def answer(self) -> str:
        if isinstance(self.field, QLineEdit):
            return self.field.text()
        return self.field.toPlainText()


def ask_text(parent: QWidget | None, title: str, label: str, *, multiline: bool = False,
             text: str = "") -> str | None:
    question = TextQuestion(parent, title, label, multiline=multiline, text=text)
    return question.answer() if question.exec() == QDialog.DialogCode.Accepted else None
