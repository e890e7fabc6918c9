"""Whether a window fits a counter's monitor: the window inside the screen, and every label and
button showing its whole text."""

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

# the two monitors the offscreen platform offers the ui tests (tests/ui/screens.json)
COUNTER_SCREENS = ("1366x768", "1280x720")
# a taskbar takes this much of a Windows counter's screen
TASKBAR = 40


def counter_screen(name: str) -> QScreen:
    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen
    raise LookupError(f"no screen {name}: the ui tests need tests/ui/screens.json")


def put_on(window: QWidget, screen: QScreen, *, maximised: bool = False) -> None:
    """Place a window on `screen` as the counter's window manager would (maximised: the whole
    screen but the taskbar)."""
    room = screen.availableGeometry()
    room.setHeight(room.height() - TASKBAR)
    window.move(room.topLeft() + QPoint(4, 4))
    if maximised:
        window.setGeometry(room)


def misfits(window: QWidget) -> list[str]:
    """What of `window` does not fit its screen; empty when everything does."""
    room = window.screen().availableGeometry()
    title = window.windowTitle() or type(window).__name__
    problems = []
    size = window.frameGeometry().size()
    if size.width() > room.width() or size.height() > room.height() - TASKBAR:
        problems.append(f"{title}: {size.width()}×{size.height()} on a {room.width()}×{room.height()} screen")
    needed = window.minimumSizeHint()
    if needed.width() > room.width() or needed.height() > room.height() - TASKBAR:
        problems.append(f"{title}: needs at least {needed.width()}×{needed.height()}")
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.window() is window and not _label_fits(label):
            problems.append(f"{title}: label {label.text()!r} cut to {label.width()}×{label.height()}")
    for button in window.findChildren(QAbstractButton):
        if (button.isVisibleTo(window) and button.window() is window and button.text()
                and button.width() < button.minimumSizeHint().width()):
            problems.append(f"{title}: button {button.text()!r} cut to {button.width()} px")
    return problems


def _label_fits(label: QLabel) -> bool:
    if not label.text():
        return True
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height()
    needed = label.minimumSizeHint()
    return needed.width() <= label.width() and needed.height() <= label.height()
