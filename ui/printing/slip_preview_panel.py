"""A dossier's slip as it prints, its latest print job, and buttons to print it again.

Drawing, printing and reading the store run on the window's task manager; the answers come
back here.
"""

import io
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from onestop import print_jobs, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.print_jobs import PrintJobRow
from onestop.roles import Actor
from onestop.store.engine import Store
from printing.counter_time import format_compact
from printing.print_queue_worker import JobOutcome, stored_dossier_slip
from printing.slip_layout import render_slip
from ui.operations.slips import SendPrintJob
from ui.tasks import StoreCall, TaskManager, failure_message


@dataclass(frozen=True)
class _Drawn:
    code: str
    title: str
    png: bytes
    latest: PrintJobRow | None


class SlipPreviewPanel(QWidget):
    slip_shown = Signal(str)
    reprinted = Signal(bool, str)

    def __init__(self, tasks: TaskManager, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._actor = actor
        self._code = ""
        self._latest: PrintJobRow | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        self.job_state = QLabel()
        self.job_state.setWordWrap(True)
        self.reprint = QPushButton(_("In lại phiếu"))
        self.retry = QPushButton(_("Gửi lại lệnh in chưa in được"))
        self.reprint.setEnabled(False)
        self.retry.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addStretch(1)
        buttons.addWidget(self.reprint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.job_state)
        layout.addLayout(buttons)
        self.reprint.clicked.connect(self._on_reprint_clicked)
        self.retry.clicked.connect(self._on_retry_clicked)

    def show_dossier(self, code: str) -> None:
        self.reprint.setEnabled(False)
        self._tasks.run_database(StoreCall(_drawn, self._actor, code), self._on_slip_drawn,
                                 self._on_work_failed)

    def _on_slip_drawn(self, drawn: _Drawn) -> None:
        self._code = drawn.code
        self.title.setText(f"<b>{drawn.title}</b> — {drawn.code}")
        self.picture.setPixmap(QPixmap.fromImage(QImage.fromData(drawn.png)))
        self._show_job(drawn.latest)
        self.reprint.setEnabled(True)
        self.slip_shown.emit(drawn.code)

    def _show_job(self, job: PrintJobRow | None) -> None:
        self._latest = job
        self.retry.setVisible(job is not None and job.state == print_jobs.FAILED)
        if job is None:
            self.job_state.setText(_("Phiếu của hồ sơ này chưa được in."))
        elif job.state == print_jobs.SENT:
            self.job_state.setText(_("Đã in lúc {0}.").format(format_compact(job.sent_at)))
        elif job.state == print_jobs.FAILED:
            self.job_state.setText(_("Chưa in được (lần thử {0}): {1}").format(
                job.attempts, job.last_error))
        else:
            self.job_state.setText(_("Lệnh in số {0} đang chờ hoặc đang gửi.").format(job.id))

    @Slot()
    def _on_reprint_clicked(self) -> None:
        self._sending()
        self._tasks.run_database(StoreCall(_queued_reprint, self._actor, self._code), self._send,
                                 self._on_work_failed)

    @Slot()
    def _on_retry_clicked(self) -> None:
        if self._latest is None:
            return
        self._sending()
        self._send(self._latest)

    def _sending(self) -> None:
        self.reprint.setEnabled(False)
        self.retry.setEnabled(False)
        self.job_state.setText(_("Đang gửi phiếu tới máy in…"))

    def _send(self, job: PrintJobRow) -> None:
        self._tasks.run_device(SendPrintJob(self._actor, job.id), self._on_sent, self._on_work_failed)

    def _on_sent(self, done: JobOutcome) -> None:
        self.reprint.setEnabled(True)
        self.retry.setEnabled(True)
        self._show_job(done.job)
        if not done.sent:
            self.job_state.setText(done.message)
        self.reprinted.emit(done.sent, done.message)

    def _on_work_failed(self, error: Exception) -> None:
        self.reprint.setEnabled(bool(self._code))
        self.retry.setEnabled(True)
        self.job_state.setText(failure_message(error))


def _drawn(store: Store, actor: Actor, code: str) -> _Drawn:
    slip, paper = stored_dossier_slip(store, actor, code)
    buffer = io.BytesIO()
    render_slip(slip, paper).convert("L").save(buffer, format="PNG")
    jobs = print_jobs.for_dossier(store, actor, slip.dossier_code)
    return _Drawn(slip.dossier_code, slip.title, buffer.getvalue(), jobs[-1] if jobs else None)


def _queued_reprint(store: Store, actor: Actor, code: str) -> PrintJobRow:
    """A new print job for the dossier's slip, to the office's printer."""
    values = settings.read_all(store)
    printer, copies = str(values["printer.uri"]), int(values["printer.copies"])
    if not printer:
        raise DomainError(_("Chưa cài máy in phiếu; kỹ thuật viên cài trong màn hình máy in."))
    return print_jobs.reprint(store, actor, code, printer, copies)
