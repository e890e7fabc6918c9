"""The language chosen at login is the whole window's: every button, title and heading the
program itself writes is in English after choosing English; Qt's own buttons speak our words."""

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QWidget,
)
from pytestqt.qtbot import QtBot

from onestop import i18n
from tests.conftest import Office
from tests.ui.test_login_and_tasks import close, log_in

VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def program_texts(window: QMainWindow) -> dict[str, QWidget | None]:
    """What the program itself wrote on the window (not the office's data)."""
    texts: dict[str, QWidget | None] = {}
    for menu_action in window.menuBar().actions():
        texts[menu_action.text()] = None
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else ():
            texts[action.text()] = None
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QAbstractButton):
            texts[widget.text()] = widget
        elif isinstance(widget, QGroupBox):
            texts[widget.title()] = widget
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts[widget.text()] = widget
    return {text: widget for text, widget in texts.items() if text}


def test_english_chosen_at_login_is_the_whole_window_s(qtbot: QtBot, ui_office: Office,
                                                       tmp_path: Path) -> None:
    counter = log_in(qtbot, tmp_path / "data", "en")
    window = counter.window
    assert window is not None
    vietnamese = sorted(text for text in program_texts(window) if VIETNAMESE.search(text))
    assert vietnamese == []
    close(counter)


def test_qt_s_own_buttons_and_file_dialog_speak_the_chosen_language(qtbot: QtBot) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert {b.text() for b in buttons.buttons()} == {"Đồng ý", "Huỷ"}
    files = QFileDialog(None, "Chọn tệp")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    labels = {label.text() for label in files.findChildren(QLabel)}
    assert "&Tìm trong:" in labels and "&Tên tệp:" in labels
    i18n.set_language("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(english)
    assert {b.text() for b in english.buttons()} == {"&Yes", "&No"}
