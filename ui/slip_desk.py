"""Where slips go: to the counter's printer on the device pool, or to a preview on screen.
The dossier is already stored when a slip is asked for; a failed slip can be printed again."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from onestop.i18n import _
from printing.print_service import PrintOutcome
from printing.slip_content import Slip
from ui.event_log import log_event
from ui.operations.counter_setup import CounterSetup
from ui.operations.devices import DrawSlip, PrintSlip
from ui.slip_preview import SlipPreview
from ui.tasks import TaskManager, failure_message


class SlipDesk(QObject):
    slip_requested = Signal(object)
    printer_state_changed = Signal(bool, str)

    def __init__(self, tasks: TaskManager, setup: CounterSetup, window: QWidget) -> None:
        super().__init__(window)
        self._tasks = tasks
        self._setup = setup
        self._window = window

    @property
    def has_printer(self) -> bool:
        return bool(self._setup.printer_uri)

    def hand_over(self, slip: Slip) -> None:
        self.slip_requested.emit(slip)
        log_event("slip_requested", code=slip.dossier_code, kind=slip.kind.value)
        if self.has_printer:
            self._tasks.run_device(
                PrintSlip(slip, self._setup.printer_uri, self._setup.printer_copies,
                          self._setup.paper_width_mm, _("Đang in phiếu")),
                self._on_print_done, self._on_print_failed)
        else:
            self._tasks.run_device(DrawSlip(slip, self._setup.paper_width_mm),
                                   lambda png: self._show_preview(png, slip))

    def _on_print_done(self, outcome: PrintOutcome) -> None:
        log_event("slip_printed", sent=outcome.sent, message=outcome.message)
        self.printer_state_changed.emit(outcome.sent, outcome.message)

    def _on_print_failed(self, error: Exception) -> None:
        self.printer_state_changed.emit(False, failure_message(error))

    def _show_preview(self, png: bytes, slip: Slip) -> None:
        preview = SlipPreview(self._window, png, f"{slip.title} — {slip.dossier_code}")
        preview.setModal(False)
        preview.show()
