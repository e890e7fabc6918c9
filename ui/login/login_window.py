"""Logging in: usable as soon as it shows, while the store opens in the background; the
language can be switched here and is then kept for that user."""

from PySide6.QtCore import QEvent, QObject, Signal

from onestop.i18n import _, language, set_language
from ui.event_log import log_event
from ui.login.login_view import LoginView


class LoginWindow(QObject):
    login_asked = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.view = LoginView()
        self.language_chosen = False
        self._store_ready = False
        self._waiting = False
        v = self.view
        v.language.setCurrentIndex(max(v.language.findData(language()), 0))
        v.language.activated.connect(self._on_language_activated)
        v.submit.clicked.connect(self._on_submit_clicked)
        v.password.returnPressed.connect(self._on_submit_clicked)
        v.username.returnPressed.connect(v.password.setFocus)
        self.retranslate()

    def retranslate(self) -> None:
        v = self.view
        v.setWindowTitle(_("OneStop — Đăng nhập"))
        v.heading.setText(_("Tiếp nhận hồ sơ — Bộ phận Một cửa"))
        v.username_label.setText(_("Tên đăng nhập"))
        v.password_label.setText(_("Mật khẩu"))
        v.language_label.setText(_("Ngôn ngữ"))
        v.submit.setText(_("Đăng nhập"))
        v.state.setText("" if self._store_ready else _("Đang mở dữ liệu…"))

    def show(self) -> None:
        self.view.installEventFilter(self)
        self.view.show()
        self.view.username.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.view.removeEventFilter(self)
            log_event("login_shown")
        return False

    def store_opened(self) -> None:
        self._store_ready = True
        self.view.state.clear()
        if self._waiting:
            self._on_submit_clicked()

    def store_failed(self, message: str) -> None:
        self.view.state.setText(_("Không mở được dữ liệu: {0}").format(message))

    def refuse(self, message: str) -> None:
        self._waiting = False
        self.view.error.setText(message)
        self.view.password.clear()
        self.view.password.setEnabled(True)
        self.view.submit.setEnabled(True)
        self.view.password.setFocus()

    def chosen_language(self) -> str:
        return str(self.view.language.currentData())

    def _on_language_activated(self, index: int) -> None:
        self.language_chosen = True
        set_language(self.chosen_language())
        self.retranslate()

    def _on_submit_clicked(self) -> None:
        v = self.view
        if not v.username.text().strip():
            v.username.setFocus()
            return
        self._waiting = True
        v.error.clear()
        if not self._store_ready:
            return
        self._waiting = False
        v.password.setEnabled(False)
        v.submit.setEnabled(False)
        self.login_asked.emit(v.username.text(), v.password.text())
