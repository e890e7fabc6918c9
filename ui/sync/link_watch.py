"""The window's watch on the province link: a sync run on a timer, off the main thread, and a
plain `LinkState` after each run for the status bar (online or not, how many items wait)."""

from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from onestop.store.engine import Store
from sync import link_state
from sync.link_state import LinkState
from sync.run import ReconcileSchedule, next_wait
from ui.tasks import StoreCall, TaskManager, Ticket, failure_message

SYNC_INTERVAL_MS = 60_000


class ProvinceLinkWatch(QObject):
    """Call `start()` once the store is open and `stop()` before it closes. One run at a time:
    a new one starts only once the last one's answer has come back."""

    link_checked = Signal(object)  # a LinkState, after every run

    def __init__(self, tasks: TaskManager, *, interval_ms: int = SYNC_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._interval_ms = interval_ms
        self._running: Ticket | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._schedule = ReconcileSchedule()
        self._reconciling: tuple[datetime, tuple[date, date] | None] | None = None
        self._failures = 0
        self._stopped = False
        self.state: LinkState | None = None

    def start(self) -> None:
        self._stopped = False
        self.sync_now()

    def stop(self) -> None:
        """No more runs; waits for one in progress to end."""
        self._stopped = True
        self._timer.stop()
        if self._running is not None:
            self._running.wait()

    def sync_now(self) -> bool:
        """Run at once (retry now), unless a run is already under way; True when it started."""
        if self._running is not None or self._stopped:
            return False
        self._timer.stop()
        now = datetime.now(UTC)
        reconcile = self._schedule.due(now)
        self._reconciling = (now, reconcile)
        self._running = self._tasks.run_device(StoreCall(_sync, now, reconcile),
                                               self._on_run_finished, self._on_run_failed)
        return True

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.sync_now()

    def _on_run_finished(self, state: LinkState) -> None:
        self._running = None
        report = state.report
        if report is not None and report.complete:
            self._failures = 0
            if self._reconciling is not None and self._reconciling[1] is not None:
                self._schedule.done(self._reconciling[0])
        elif state.configured:
            self._failures += 1
        self._tell(state)

    def _on_run_failed(self, error: Exception) -> None:
        self._running = None
        self._failures += 1
        waiting = self.state.waiting if self.state is not None else 0
        self._tell(LinkState(True, False, waiting, failure_message(error), None))

    def _tell(self, state: LinkState) -> None:
        self.state = state
        if not self._stopped:
            seconds = next_wait(self._failures, self._interval_ms / 1000)
            self._timer.start(int(seconds * 1000))
        self.link_checked.emit(state)


def _sync(store: Store, now: datetime, reconcile: tuple[date, date] | None) -> LinkState:
    return link_state.sync_now(store, now=now, reconcile=reconcile)
