"""The token's PIN, asked once per login when the first paper is to be signed. The field is
masked; the PIN leaves the dialog once, to the one who asked, and the field is emptied."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from onestop.i18n import _
from ui.dialogs import button_box, hold_wrapped, password_line


class PinDialog(QDialog):
    pin_given = Signal(str)

    def __init__(self, parent: QWidget | None, dossier_code: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mã PIN thiết bị ký số"))
        self.question = QLabel(_("Nhập mã PIN của thiết bị ký số (USB token) để ký số các giấy tờ "
                                 "đã số hóa của hồ sơ {code}. Chỉ hỏi một lần cho lần đăng nhập "
                                 "này; mã PIN không được lưu lại.").format(code=dossier_code))
        hold_wrapped(self.question)
        self.pin = password_line(_("Mã PIN"))
        self.pin.setAccessibleName(_("Mã PIN"))
        self.error = QLabel()
        self.error.setProperty("role", "error")
        buttons, self.sign = button_box(self, _("Ký số"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.pin)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.pin.setFocus()

    def accept(self) -> None:
        pin = self.pin.text()
        if not pin:
            self.error.setText(_("Hãy nhập mã PIN."))
            return
        self.pin.clear()
        super().accept()
        self.pin_given.emit(pin)

    def reject(self) -> None:
        self.pin.clear()
        super().reject()
