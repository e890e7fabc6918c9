"""A combo box or number box changes under the mouse wheel only once it has the keyboard focus:
a wheel passing over it on the way down a form scrolls the form instead of silently changing a
setting (the QR reader switched from keyboard to COM that way)."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Wheel and isinstance(watched, QComboBox | QAbstractSpinBox)
                and not watched.hasFocus()):
            event.ignore()
            return True
        if (event.type() == QEvent.Type.Polish
                and isinstance(watched, QComboBox | QAbstractSpinBox)):
            # the wheel must not give the focus either: a click or Tab does
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def guard_wheels(app: QApplication) -> None:
    guard = WheelGuard(app)
    app.installEventFilter(guard)
