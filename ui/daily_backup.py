"""The daily backup: a timer looks every few minutes whether today's backup is still due and,
if so, makes it on the device pool (it takes seconds, too long for the database worker)."""

from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from onestop.backup_schedule import ScheduledBackup, run_due_backup
from ui.event_log import log_event
from ui.tasks import TaskManager, Ticket, Work, failure_message

CHECK_EVERY_MS = 15 * 60_000


class RunDueBackup:
    label = ""

    def run(self, work: Work) -> ScheduledBackup | None:
        return run_due_backup(work.store, datetime.now(UTC))


class DailyBackup(QObject):
    backup_made = Signal(str)
    backup_failed = Signal(str)

    def __init__(self, tasks: TaskManager, interval_ms: int = CHECK_EVERY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._running: Ticket | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_if_due)

    def start(self) -> None:
        self._timer.start()
        self.run_if_due()

    def stop(self) -> None:
        self._timer.stop()

    def run_if_due(self) -> None:
        if self._running is not None or self._tasks.store is None:
            return
        self._running = self._tasks.run_device(RunDueBackup(), self._on_backup_done,
                                               self._on_backup_failed)

    def _on_backup_done(self, scheduled: ScheduledBackup | None) -> None:
        self._running = None
        if scheduled is not None:
            log_event("daily_backup_made", path=str(scheduled.made.path))
            self.backup_made.emit(str(scheduled.made.path))

    def _on_backup_failed(self, error: Exception) -> None:
        self._running = None
        self.backup_failed.emit(failure_message(error))
