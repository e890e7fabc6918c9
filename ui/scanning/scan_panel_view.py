"""The scan panel's widgets and their places; ScanPanel gives them life."""

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop.i18n import _

THUMBNAIL = 160
# Characters a choice box shows at the least: the panel shares the counter's 1366-pixel screen with
# the applicant and the checklist, so long scanner and document names are cut, not the layout.
_CHOICE_CHARACTERS = 12


def _narrow(choice: QComboBox) -> QComboBox:
    choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    choice.setMinimumContentsLength(_CHOICE_CHARACTERS)
    return choice


def _grid(*rows: tuple[QWidget, ...]) -> QGridLayout:
    grid = QGridLayout()
    for row, widgets in enumerate(rows):
        for column, widget in enumerate(widgets):
            grid.addWidget(widget, row, column)
    return grid


def _row(*widgets: QWidget, stretch_after: int | None = None) -> QHBoxLayout:
    row = QHBoxLayout()
    for position, widget in enumerate(widgets):
        row.addWidget(widget)
        if position == stretch_after:
            row.addStretch(1)
    return row


class ScanPanelView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scan = QPushButton(_("&Quét"))
        self.source = _narrow(QComboBox())
        self.import_files = QPushButton(_("&Nhập tệp…"))
        self.from_folder = QPushButton(_("Lấy từ thư mục quét"))
        self.cancel = QPushButton(_("Dừng quét"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)

        self.pages = QListView()
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        # static: a page dragged elsewhere moves in the filing order, not only on the screen
        self.pages.setMovement(QListView.Movement.Static)
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setWrapping(True)
        self.pages.setWordWrap(True)
        self.pages.setSpacing(8)
        self.pages.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.pages.setGridSize(QSize(THUMBNAIL + 40, THUMBNAIL + 70))
        self.pages.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.pages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)

        self.item = _narrow(QComboBox())
        self.assign = QPushButton(_("&Xếp vào giấy tờ này"))
        self.turn_left = QPushButton(_("Xoay trái"))
        self.turn_right = QPushButton(_("Xoay phải"))
        self.earlier = QPushButton(_("Lên trước"))
        self.later = QPushButton(_("Ra sau"))
        self.delete = QPushButton(_("Xoá trang"))
        self.keep_or_drop = QPushButton(_("Giữ / bỏ trang trắng"))

        self.blank_notice = QLabel()
        self.blank_notice.setProperty("role", "notice")
        self.keep_blank = QPushButton(_("Hoàn tác: giữ các trang trắng"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.save = QPushButton(_("&Lưu vào hồ sơ"))

        layout = QVBoxLayout(self)
        layout.addLayout(_row(self.scan, self.source, self.cancel, stretch_after=2))
        layout.addLayout(_row(self.import_files, self.from_folder, stretch_after=1))
        layout.addWidget(self.progress)
        layout.addWidget(self.pages, 1)
        item_row = _row(QLabel(_("Giấy tờ:")), self.item)
        item_row.setStretch(1, 1)
        layout.addLayout(item_row)
        layout.addLayout(_row(self.assign, stretch_after=0))
        layout.addLayout(_grid((self.turn_left, self.turn_right), (self.earlier, self.later),
                               (self.delete, self.keep_or_drop)))
        layout.addLayout(_row(self.blank_notice, self.keep_blank, stretch_after=1))
        layout.addLayout(_row(self.state, self.save))
