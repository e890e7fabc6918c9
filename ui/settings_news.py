"""One place that tells the window the office's settings changed: whenever the store tells that
settings were saved (by any set-up screen), the counter's set-up is read again, and every part
that uses it (slips, scanner, the province link, the title) hears it on one signal and applies it
at once."""

from PySide6.QtCore import QObject, Signal, Slot

from onestop.changes import StoreChanges
from ui.operations.counter_setup import CounterSetup, LoadCounterSetup
from ui.tasks import TaskManager


class SettingsNews(QObject):
    settings_changed = Signal(object)  # CounterSetup

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        tasks.store_changed.connect(self._on_tasks_store_changed)

    @Slot(object)
    def _on_tasks_store_changed(self, changes: StoreChanges) -> None:
        if changes.settings:
            self.reread()

    @Slot()
    def reread(self) -> None:
        self._tasks.run_database(LoadCounterSetup(), self._on_setup_read)

    def _on_setup_read(self, setup: CounterSetup) -> None:
        self.settings_changed.emit(setup)
