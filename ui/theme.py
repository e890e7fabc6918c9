"""How the counter window looks: large type, high contrast, a clearly drawn keyboard focus."""

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 13
OVERDUE = QColor("#ffd6d6")
DUE_TODAY = QColor("#ffe9a8")
DUE_SOON = QColor("#fff6d6")
INK = QColor("#101010")
PAPER = QColor("#ffffff")
ACCENT = QColor("#0b4f9c")

_STYLE = """
QWidget { color: #101010; }
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QDateEdit, QListView, QTableView {
    border: 2px solid #5a5a5a; border-radius: 3px; padding: 3px; background: #ffffff;
}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus,
QListView:focus, QTableView:focus { border: 3px solid #0b4f9c; }
QLineEdit[invalid="true"] { border: 3px solid #b00020; background: #fff0f0; }
QPushButton { padding: 6px 14px; border: 2px solid #3a3a3a; border-radius: 4px;
              background: #f2f2f2; }
QPushButton:focus { border: 3px solid #0b4f9c; }
QPushButton:default { background: #0b4f9c; color: #ffffff; }
QPushButton[role="destructive"] { border: 2px solid #b00020; color: #b00020; background: #fff0f0; }
QPushButton[role="destructive"]:focus { border: 3px solid #b00020; }
QStatusBar QLabel { padding: 0 10px; border-left: 2px solid #9a9a9a; }
QLabel[role="heading"] { font-size: 15pt; font-weight: bold; color: #0b4f9c; }
QLabel[role="picked"] { font-weight: bold; color: #0b4f9c; }
QLabel[role="error"] { color: #b00020; font-weight: bold; }
QLabel[role="notice"] { background: #e6f0fb; border: 2px solid #0b4f9c; padding: 6px;
                        font-weight: bold; }
QLabel[role="warning"] { background: #fff3cd; border: 2px solid #8a6d00; padding: 6px; }
QHeaderView::section { background: #e4e4e4; font-weight: bold; padding: 4px;
                       border: 1px solid #9a9a9a; }
QTableView::item:selected, QListView::item:selected { background: #0b4f9c; color: #ffffff; }
"""


def apply_theme(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f7f7f7"))
    palette.setColor(QPalette.ColorRole.WindowText, INK)
    palette.setColor(QPalette.ColorRole.Base, PAPER)
    palette.setColor(QPalette.ColorRole.Text, INK)
    palette.setColor(QPalette.ColorRole.Highlight, ACCENT)
    palette.setColor(QPalette.ColorRole.HighlightedText, PAPER)
    app.setPalette(palette)
    app.setStyleSheet(_STYLE)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Redraw a field with or without the error frame."""
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
