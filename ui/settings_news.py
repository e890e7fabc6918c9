"""One place that tells the window the office's settings changed: any set-up screen that saved
settings has the counter's set-up read again, and every part that uses it (slips, scanner, the
province link, the title) hears it on one signal and applies it at once."""

from PySide6.QtCore import QObject, Signal, Slot

from ui.operations.counter_setup import CounterSetup, LoadCounterSetup
from ui.tasks import TaskManager


class SettingsNews(QObject):
    settings_changed = Signal(object)  # CounterSetup

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks

    @Slot()
    def reread(self) -> None:
        self._tasks.run_database(LoadCounterSetup(), self._on_setup_read)

    def _on_setup_read(self, setup: CounterSetup) -> None:
        self.settings_changed.emit(setup)
