"""The page a role lands on: today's figures (received, due today, overdue, waiting for the
province, slips not on paper) and the state of the printer, the scanner, the province link and the
last backup, each in words. While it is on screen it reads its figures again when the store
tells that dossiers, print jobs, the outbox or the queue changed."""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from onestop.changes import StoreChanges
from onestop.i18n import N_, _
from onestop.landing_figures import TodayFigures, today_figures
from onestop.roles import Actor
from printing.counter_time import format_moment
from ui.queue.figures_panel import QueueFiguresPanel
from ui.tasks import StoreCall, TaskManager

_TILES = (
    ("received_today", N_("Nhận hôm nay")),
    ("due_today", N_("Đến hạn trả hôm nay")),
    ("overdue", N_("Quá hạn")),
    ("waiting_for_province", N_("Chờ gửi lên tỉnh")),
    ("unprinted_slips", N_("Phiếu chưa in")),
)
TILES_PER_ROW = 3


class LandingPage(QWidget):
    figures_read = Signal()  # the window then tells the devices' states as they stand

    def __init__(self, greeting: str, tasks: TaskManager, actor: Actor) -> None:
        super().__init__()
        self._tasks = tasks
        self._actor = actor
        self.front_of_house: QueueFiguresPanel | None = None
        heading = QLabel(greeting)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        self.tiles: dict[str, QLabel] = {}
        self._tile_frames: dict[str, QFrame] = {}
        grid = QGridLayout()
        for place, (name, caption) in enumerate(_TILES):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.Box)
            number = QLabel("…")
            number.setProperty("role", "heading")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            words = QLabel(_(caption))
            words.setAlignment(Qt.AlignmentFlag.AlignCenter)
            words.setWordWrap(True)
            tile = QVBoxLayout(frame)
            tile.addWidget(number)
            tile.addWidget(words)
            grid.addWidget(frame, place // TILES_PER_ROW, place % TILES_PER_ROW)
            self.tiles[name] = number
            self._tile_frames[name] = frame
        self.printer = QLabel("…")
        self.scanner = QLabel("…")
        self.province = QLabel("…")
        self.backup = QLabel("…")
        states = QFormLayout()
        for label, field in ((_("Máy in phiếu"), self.printer), (_("Máy quét"), self.scanner),
                             (_("Kết nối tỉnh"), self.province), (_("Sao lưu gần nhất"), self.backup)):
            field.setWordWrap(True)
            states.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid)
        # the devices' states, and beside them what a role adds (a supervisor: the front of house)
        self._below = QHBoxLayout()
        self._below.addLayout(states, 1)
        layout.addLayout(self._below)
        layout.addStretch(1)
        if actor.may("report.read"):
            # a supervisor's: today's front of house, beside the devices' states
            self.front_of_house = QueueFiguresPanel(tasks, actor)
            self._below.addWidget(self.front_of_house, 2)
        tasks.store_changed.connect(self._on_tasks_store_changed)

    def refresh(self) -> None:
        if self.front_of_house is not None:
            self.front_of_house.refresh()
        self._tasks.run_database(StoreCall(today_figures, self._actor), self._on_figures_read)

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        if not self.isVisibleTo(self.window()):
            return  # read afresh when it is shown
        if changes.dossiers or changes.print_jobs or changes.outbox:
            self._tasks.run_database(StoreCall(today_figures, self._actor), self._on_figures_read)
        if changes.queue and self.front_of_house is not None:
            self.front_of_house.refresh()

    def _on_figures_read(self, figures: TodayFigures) -> None:
        self.show_figures(figures)
        self.figures_read.emit()

    def show_figures(self, figures: TodayFigures) -> None:
        for name, number in self.tiles.items():
            value = getattr(figures, name)
            self._tile_frames[name].setVisible(value is not None)
            number.setText(str(value) if value is not None else "")
        self.backup.setText(format_moment(figures.last_backup_at) if figures.last_backup_at
                            else _("chưa sao lưu lần nào"))

    def show_devices(self, printer: str, scanner: str, province: str) -> None:
        self.printer.setText(printer)
        self.scanner.setText(scanner)
        self.province.setText(province)
