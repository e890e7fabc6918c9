"""Where slips go once their dossier is stored: a job in the print queue (a receipt's is written
with the dossier), sent to the counter's printer on the device pool, or a preview on screen when
no printer is set up. A slip that did not
print stays in the queue as failed; the window shows how many and opens them to print again. The
failed slips are listed again whenever the store tells that print jobs changed."""

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from onestop.changes import StoreChanges
from onestop.dossiers import Received
from onestop.i18n import _
from onestop.print_jobs import PrintJobRow, SlipOrder
from onestop.roles import Actor
from printing.print_queue_worker import JobOutcome
from ui.event_log import log_event
from ui.operations.counter_setup import CounterSetup
from ui.operations.slips import (
    DrawStoredSlip,
    ListFailedSlips,
    QueueReprint,
    SendPrintJob,
)
from ui.printing.slip_preview_panel import SlipPreviewPanel
from ui.slip_preview import SlipPreview
from ui.tasks import TaskManager, failure_message


class SlipDesk(QObject):
    printer_state_changed = Signal(bool, str)
    failed_slips_changed = Signal(int)

    def __init__(self, tasks: TaskManager, actor: Actor, setup: CounterSetup,
                 window: QWidget) -> None:
        super().__init__(window)
        self._tasks = tasks
        self._actor = actor
        self._setup = setup
        self._window = window
        self.failed: list[PrintJobRow] = []
        tasks.store_changed.connect(self._on_tasks_store_changed)

    def use_setup(self, setup: CounterSetup) -> None:
        """The office's printer settings as they now are: the next slip goes by them."""
        self._setup = setup

    @property
    def has_printer(self) -> bool:
        return bool(self._setup.printer_uri)

    def order(self) -> SlipOrder | None:
        """What a receipt's print job asks for; None without a printer (a preview then)."""
        if not self.has_printer:
            return None
        return SlipOrder(self._setup.printer_uri, self._setup.printer_copies)

    def hand_over(self, received: Received) -> None:
        """A dossier just received: its slip's job goes to the printer, or the slip on screen."""
        self.print_queued(received.code, None if received.slip_job is None else received.slip_job.id)

    def print_queued(self, dossier_code: str, job_id: int | None) -> None:
        """A slip whose job a change queued with it (a receipt, a corrected receipt, a return
        confirmation) goes to the printer now that the change is stored; no job: the preview."""
        log_event("slip_requested", code=dossier_code)
        if job_id is not None:
            self._send(job_id)
        else:
            self._preview(dossier_code)

    def reprint(self, dossier_code: str) -> None:
        log_event("slip_requested", code=dossier_code)
        if self.has_printer:
            self._tasks.run_database(
                QueueReprint(self._actor, dossier_code, self._setup.printer_uri,
                             self._setup.printer_copies),
                self._on_job_queued, self._on_print_failed)
        else:
            self._preview(dossier_code)

    def refresh_failed(self) -> None:
        if self._actor.may("dossier.print"):
            self._tasks.run_database(ListFailedSlips(self._actor), self._on_failed_listed)

    def open_slip(self, dossier_code: str) -> SlipPreviewPanel:
        """The dossier's slip with its latest print job, to print it again."""
        panel = SlipPreviewPanel(self._tasks, self._actor)
        panel.setParent(self._window, Qt.WindowType.Window)
        panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        panel.setWindowTitle(_("Phiếu của hồ sơ {0}").format(dossier_code))
        panel.reprinted.connect(self._on_panel_reprinted)
        panel.show_dossier(dossier_code)
        panel.resize(660, 720)
        panel.show()
        return panel

    def _preview(self, dossier_code: str) -> None:
        self._tasks.run_device(DrawStoredSlip(self._actor, dossier_code),
                               lambda png: self._show_preview(png, dossier_code))

    def _on_job_queued(self, job: PrintJobRow) -> None:
        self._send(job.id)

    def _send(self, job_id: int) -> None:
        self._tasks.run_device(SendPrintJob(self._actor, job_id, _("Đang in phiếu")),
                               self._on_job_sent, self._on_print_failed)

    def _on_job_sent(self, outcome: JobOutcome) -> None:
        log_event("slip_printed", sent=outcome.sent, message=outcome.message)
        self.printer_state_changed.emit(outcome.sent, outcome.message)

    def _on_print_failed(self, error: Exception) -> None:
        self.printer_state_changed.emit(False, failure_message(error))
        # work that failed tells nothing of what it changed: a job it claimed may stay failed
        self.refresh_failed()

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        if changes.print_jobs:
            self.refresh_failed()

    def _on_failed_listed(self, failed: list[PrintJobRow]) -> None:
        self.failed = failed
        self.failed_slips_changed.emit(len(failed))

    @Slot(bool, str)
    def _on_panel_reprinted(self, sent: bool, message: str) -> None:
        self.printer_state_changed.emit(sent, message)

    def _show_preview(self, png: bytes, dossier_code: str) -> None:
        preview = SlipPreview(self._window, png, _("Phiếu của hồ sơ {0}").format(dossier_code))
        preview.setModal(False)
        preview.show()
