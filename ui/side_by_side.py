"""Fields laid out in one row of a form, the first taking the room that is left."""

from PySide6.QtWidgets import QHBoxLayout, QWidget


def beside(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.setStretch(0, 1)
    return row
