"""Today's front-of-house figures for the supervisor's landing page: tickets, waiting and serving
times, ratings, and the service index components for today, this month and this year."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from onestop.i18n import _
from onestop.queue_figures import QueueFigures, queue_figures
from onestop.roles import Actor
from onestop.service_index import STALLED_DAYS, ServiceIndex, periods, service_index
from onestop.store.engine import Store
from onestop.workdays import LOCAL_ZONE
from ui.tasks import StoreCall, TaskManager

NONE_YET = "—"


@dataclass(frozen=True)
class FrontOfHouseToday:
    figures: QueueFigures
    index: dict[str, ServiceIndex]


def front_of_house_today(store: Store, actor: Actor, today: date | None = None
                         ) -> FrontOfHouseToday:
    today = today or datetime.now(UTC).astimezone(LOCAL_ZONE).date()
    return FrontOfHouseToday(
        queue_figures(store, actor, today, today),
        {name: service_index(store, actor, start, end) for name, (start, end) in
         periods(today).items()})


def _share(value: float | None) -> str:
    return NONE_YET if value is None else f"{100 * value:.0f} %"


def _minutes(value: float | None) -> str:
    return NONE_YET if value is None else f"{value:.0f}"


class QueueFiguresPanel(QWidget):
    def __init__(self, tasks: TaskManager, actor: Actor) -> None:
        super().__init__()
        self._tasks, self._actor = tasks, actor
        layout = QVBoxLayout(self)
        heading = QLabel(_("Phục vụ công dân hôm nay"))
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        self.today = QLabel("")
        self.today.setWordWrap(True)
        layout.addWidget(self.today)
        self._grid = QGridLayout()
        layout.addLayout(self._grid)
        self.cells: dict[tuple[int, int], QLabel] = {}
        rows = (_("Thành phần"), _("Hồ sơ giải quyết đúng hạn"), _("Tỷ lệ hồ sơ nộp trực tuyến"),
                _("Mức độ hài lòng (hài lòng trở lên)"), _("Tỷ lệ số hoá hồ sơ"),
                _("Hồ sơ không được xử lý quá {0} ngày làm việc").format(STALLED_DAYS))
        columns = ("", _("Hôm nay"), _("Tháng này"), _("Năm nay"))
        for row, name in enumerate(rows):
            for column in range(4):
                cell = QLabel(name if column == 0 else (columns[column] if row == 0 else ""))
                self._grid.addWidget(cell, row, column)
                self.cells[row, column] = cell
        self.refresh_button = QPushButton(_("Làm mới"))
        self.refresh_button.clicked.connect(self.refresh)
        layout.addWidget(self.refresh_button)

    @Slot()
    def refresh(self) -> None:
        self._tasks.run_database(StoreCall(front_of_house_today, self._actor), self._on_read)

    def _on_read(self, read: FrontOfHouseToday) -> None:
        figures = read.figures
        self.today.setText(_("{0} phiếu; chờ trung bình {1} phút, phục vụ trung bình {2} phút; "
                             "{3} lượt chỉ hướng dẫn.").format(
            figures.tickets, _minutes(figures.overall.average_wait_minutes),
            _minutes(figures.overall.average_service_minutes), figures.advice_only))
        for column, name in enumerate(("today", "month", "year"), start=1):
            index = read.index[name]
            for row, shown in enumerate((_share(index.on_time_share), _share(index.online_share),
                                         _share(index.satisfaction_share),
                                         _share(index.digitisation_share), str(index.stalled)),
                                        start=1):
                self.cells[row, column].setText(shown)
