"""The idle lock: after some minutes without keyboard or mouse the window hides what it shows,
and opens again only with the password of the user who was working."""

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from onestop.i18n import _
from onestop.roles import Actor

_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel)
MINUTE_MS = 60_000


class IdleWatcher(QObject):
    """Installed on the application: any key or mouse use starts the count again."""

    idle_reached = Signal()

    def __init__(self, idle_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def restart(self) -> None:
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.idle_reached.emit()


class LockDialog(QDialog):
    """Layout and the one thing it asks: the locked user's password."""

    unlock_asked = Signal(str)
    switch_user_asked = Signal()

    def __init__(self, parent: QWidget, actor: Actor) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Màn hình đã khoá"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.unlock = QPushButton(_("Mở khoá"))
        self.unlock.setDefault(True)
        self.switch_user = QPushButton(_("Đổi người dùng"))
        self.switch_user.setAutoDefault(False)
        self.switch_user.clicked.connect(self.switch_user_asked)
        heading = QLabel(_("Màn hình đã khoá sau thời gian không sử dụng."))
        heading.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(QLabel(_("Mật khẩu của {name} ({username}):").format(
            name=actor.full_name, username=actor.username)))
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_user)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock)
        layout.addLayout(buttons)
        self.unlock.clicked.connect(self._on_unlock_clicked)
        self.password.returnPressed.connect(self._on_unlock_clicked)
        self.resize(520, self.sizeHint().height())

    def reject(self) -> None:
        """Escape does not open a locked screen."""

    def refuse(self, message: str) -> None:
        self.error.setText(message)
        self.password.clear()
        self.password.setEnabled(True)
        self.unlock.setEnabled(True)
        self.password.setFocus()

    def _on_unlock_clicked(self) -> None:
        self.password.setEnabled(False)
        self.unlock.setEnabled(False)
        self.unlock_asked.emit(self.password.text())
