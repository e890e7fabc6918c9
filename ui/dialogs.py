"""Small questions and messages with the program's own button texts (Qt has no Vietnamese)."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
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
