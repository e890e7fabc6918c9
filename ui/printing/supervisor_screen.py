"""The supervisor's screen: the day's figures, the overdue list, the two charts, and the daily
and period reports saved as PDF or opened in the system's PDF viewer to print.

Figures are counted and PDFs built on the window's task manager; results come back to this
screen.
"""

import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop import reports
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.report_figures import DailyReport, PeriodReport
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.workdays import LOCAL_ZONE
from printing.counter_time import format_compact
from printing.pdf.daily_report import daily_report_pdf
from printing.pdf.period_report import period_report_pdf
from printing.report_summary import ChartFigures, daily_chart, daily_summary, period_chart
from ui.day_fields import picked_day
from ui.printing.bar_chart import BarChart
from ui.printing.supervisor_view import SupervisorView
from ui.tasks import StoreCall, TaskManager, failure_message

FIGURE_COLUMNS = 2


class SupervisorScreen(QWidget):
    figures_shown = Signal()
    period_shown = Signal()
    report_saved = Signal(str)
    report_opened = Signal(str)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = SupervisorView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._tasks = tasks
        self._actor = actor
        v = self.view
        today = _qdate(_today())
        v.day.setDate(today)
        v.first.setDate(QDate(today.year(), today.month(), 1))
        v.last.setDate(today)
        v.refresh.clicked.connect(self._on_refresh_clicked)
        v.show_period.clicked.connect(self._on_show_period_clicked)
        v.save_daily.clicked.connect(self._on_save_daily_clicked)
        v.save_period.clicked.connect(self._on_save_period_clicked)
        v.print_daily.clicked.connect(self._on_print_daily_clicked)
        v.print_period.clicked.connect(self._on_print_period_clicked)
        self.show_day()
        self.show_period()

    def day(self) -> date:
        return picked_day(self.view.day)

    def period(self) -> tuple[date, date]:
        first, last = picked_day(self.view.first), picked_day(self.view.last)
        if last < first:
            raise DomainError(_("Ngày cuối kỳ phải từ ngày đầu kỳ trở đi."))
        return first, last

    def show_day(self) -> None:
        self._database(StoreCall(reports.daily, self._actor, self.day()), self._on_daily_counted)

    def show_period(self) -> None:
        try:
            first, last = self.period()
        except DomainError as error:
            self.view.state.setText(error.message)
            return
        self._database(StoreCall(reports.period, self._actor, first, last), self._on_period_counted)

    def save_daily_report(self, path: Path) -> None:
        self._database(StoreCall(_daily_report, self._actor, self.day(), path), self._on_report_saved)

    def save_period_report(self, path: Path) -> None:
        first, last = self.period()
        self._database(StoreCall(_period_report, self._actor, first, last, path),
                       self._on_report_saved)

    def ask_pdf_path(self, suggested: str) -> Path | None:
        """Where to save a report; None when the person changes their mind."""
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Lưu báo cáo"), suggested,
                                                      _("Tệp PDF (*.pdf)"))
        return Path(chosen) if chosen else None

    def _database(self, op: StoreCall[Any], done: Callable[[Any], None]) -> None:
        self.view.state.setText(_("Đang xử lý…"))
        self._tasks.run_database(op, done, self._on_work_failed)

    def _on_daily_counted(self, report: DailyReport) -> None:
        v = self.view
        _clear(v.figures)
        for index, (label, value) in enumerate(daily_summary(report)):
            row, column = divmod(index, FIGURE_COLUMNS)
            v.figures.addWidget(QLabel(label), row, 2 * column)
            shown = QLabel(f"<b>{value}</b>")
            shown.setObjectName(f"figure-{index}")
            v.figures.addWidget(shown, row, 2 * column + 1)
        v.overdue_heading.setText(_("{count} hồ sơ quá hạn chưa giải quyết xong.").format(
            count=len(report.overdue)))
        v.overdue.setRowCount(len(report.overdue))
        for row, dossier in enumerate(report.overdue):
            cells = (dossier.dossier_code, dossier.applicant, dossier.procedure,
                     format_compact(dossier.appointment), dossier.officer)
            for column, text in enumerate(cells):
                v.overdue.setItem(row, column, QTableWidgetItem(text))
        _chart(v.daily_chart, daily_chart(report))
        v.state.clear()
        self.figures_shown.emit()

    def _on_period_counted(self, report: PeriodReport) -> None:
        _chart(self.view.period_chart, period_chart(report))
        self.view.state.clear()
        self.period_shown.emit()

    def _on_report_saved(self, path: Path) -> None:
        self.view.state.setText(_("Đã lưu báo cáo vào {0}.").format(path))
        self.report_saved.emit(str(path))

    def _on_report_ready_to_print(self, path: Path) -> None:
        self.view.state.setText(_("Đã mở báo cáo để in: {0}").format(path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.report_opened.emit(str(path))

    def _on_work_failed(self, error: Exception) -> None:
        self.view.state.setText(failure_message(error))

    @Slot()
    def _on_refresh_clicked(self) -> None:
        self.show_day()

    @Slot()
    def _on_show_period_clicked(self) -> None:
        self.show_period()

    @Slot()
    def _on_save_daily_clicked(self) -> None:
        path = self.ask_pdf_path(_("bao-cao-ngay-{0}.pdf").format(self.day().isoformat()))
        if path is not None:
            self.save_daily_report(path)

    @Slot()
    def _on_save_period_clicked(self) -> None:
        try:
            first, last = self.period()
        except DomainError as error:
            self.view.state.setText(error.message)
            return
        path = self.ask_pdf_path(_("bao-cao-ky-{0}-{1}.pdf").format(first.isoformat(),
                                                                   last.isoformat()))
        if path is not None:
            self.save_period_report(path)

    @Slot()
    def _on_print_daily_clicked(self) -> None:
        self._database(StoreCall(_daily_report, self._actor, self.day(), None),
                       self._on_report_ready_to_print)

    @Slot()
    def _on_print_period_clicked(self) -> None:
        try:
            first, last = self.period()
        except DomainError as error:
            self.view.state.setText(error.message)
            return
        self._database(StoreCall(_period_report, self._actor, first, last, None),
                       self._on_report_ready_to_print)


def _today() -> date:
    return datetime.now(LOCAL_ZONE).date()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _chart(chart: BarChart, figures: ChartFigures) -> None:
    chart.show_figures(figures.heading, figures.categories, figures.series)


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def _daily_report(store: Store, actor: Actor, day: date, path: Path | None) -> Path:
    """The day's report written as a PDF to `path`; with no path, to a file the PDF viewer prints
    from."""
    pdf = daily_report_pdf(reports.daily(store, actor, day))
    return _written(path or _printout(f"bao-cao-ngay-{day.isoformat()}.pdf"), pdf)


def _period_report(store: Store, actor: Actor, first: date, last: date, path: Path | None) -> Path:
    pdf = period_report_pdf(reports.period(store, actor, first, last))
    return _written(path or _printout(f"bao-cao-ky-{first.isoformat()}-{last.isoformat()}.pdf"), pdf)


def _printout(name: str) -> Path:
    """A file for the PDF viewer to print from, in the system's temporary folder."""
    folder = Path(tempfile.gettempdir()) / "onestop-printouts"
    folder.mkdir(exist_ok=True)
    return folder / name


def _written(path: Path, pdf: bytes) -> Path:
    try:
        path.write_bytes(pdf)
    except OSError as error:
        raise DomainError(_("Không ghi được tệp {0}: {1}").format(path, error.strerror)) from None
    return path
