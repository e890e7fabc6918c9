"""The login window laid out: username, password, language."""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))


class LoginView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.submit = QPushButton()
        self.submit.setDefault(True)
        self.form = QFormLayout()
        self.username_label = QLabel()
        self.password_label = QLabel()
        self.language_label = QLabel()
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)
        self.setMinimumWidth(520)
