"""Calls run on Qt's thread pool, each result or message coming back through signals that the
screens connect to their own bound slots."""

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from onestop.errors import DomainError
from onestop.i18n import _


class JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.delivered = False

    def connect_to(self, finished: Callable[[object], None], failed: Callable[[str], None]) -> None:
        self.finished.connect(finished)
        self.failed.connect(failed)
        # Connected last, so that the screen's own slot has run once the job counts as delivered.
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)

    @Slot(object)
    def _on_finished(self, _result: object) -> None:
        self.delivered = True

    @Slot(str)
    def _on_failed(self, _message: str) -> None:
        self.delivered = True


class Job(QRunnable):
    def __init__(self, call: Callable[[], object]) -> None:
        super().__init__()
        # Created here, on the main thread, so that what the worker emits is queued to it.
        self.signals = JobSignals()
        self._call = call
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._call()
        except DomainError as error:
            self.signals.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - shown to the person instead of lost
            self.signals.failed.emit(_("Lỗi: {0}").format(str(error) or repr(error)))
            return
        self.signals.finished.emit(result)


class Jobs:
    """The jobs one screen started, each kept alive until its answer has been delivered."""

    def __init__(self) -> None:
        self._jobs: list[Job] = []

    def run(self, call: Callable[[], object], finished: Callable[[object], None],
            failed: Callable[[str], None]) -> None:
        """`finished` and `failed` are bound slots of a main-thread widget."""
        self._jobs = [job for job in self._jobs if not job.signals.delivered]
        job = Job(call)
        job.signals.connect_to(finished, failed)
        self._jobs.append(job)
        QThreadPool.globalInstance().start(job)

    def busy(self) -> bool:
        return any(not job.signals.delivered for job in self._jobs)
