"""Work these screens hand to threads: a pool of one for the database, one for printers and files.

Results come back to the main thread through the signals of the screen's Workers, whose bound
slots hand each result to the callback given with its work, there on the main thread.
"""

import contextlib
import logging
import weakref
from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from onestop.errors import DomainError
from onestop.i18n import _

_log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[str], None]


class _Run(QRunnable):
    """Holds nothing of Qt's but a weak reference: a Qt object whose last reference went away on
    this thread would be destroyed here, off the main thread."""

    def __init__(self, work: Callable[[], object], ticket: int, workers: "Workers") -> None:
        super().__init__()
        self._work = work
        self._ticket = ticket
        self._workers = weakref.ref(workers)

    def run(self) -> None:
        try:
            result = self._work()
        except DomainError as error:
            self._report(False, error.message)
        except Exception as error:  # noqa: BLE001 - shown to the person instead of lost in a thread
            _log.error("background work failed", exc_info=error)
            self._report(False,
                         _("Có lỗi không mong đợi: {0}").format(str(error) or type(error).__name__))
        else:
            self._report(True, result)
        finally:
            self._work = _nothing

    def _report(self, finished: bool, value: object) -> None:
        workers = self._workers()
        if workers is None:
            return
        # RuntimeError: the screen closed while the work ran, and nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            (workers.work_finished if finished else workers.work_failed).emit(self._ticket, value)
        del workers


def _nothing() -> None:
    """What a runnable holds once its work is done, so the work's references go now."""


class Workers(QObject):
    """The two pools of one screen, and the way its results come home."""

    work_finished = Signal(int, object)
    work_failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = QThreadPool(self)
        self.database.setMaxThreadCount(1)
        self.devices = QThreadPool(self)
        self._tickets = count(1)
        # Weak, so that waiting work never keeps a closed screen alive in a reference cycle.
        self._waiting: dict[int, tuple[weakref.WeakMethod[Done], weakref.WeakMethod[Failed]]] = {}
        self.work_finished.connect(self._on_work_finished)
        self.work_failed.connect(self._on_work_failed)

    def run(self, pool: QThreadPool, work: Callable[[], object], on_done: Done,
            on_failed: Failed) -> None:
        """`work` on `pool`, then `on_done(result)` or `on_failed(message)` on the main thread;
        both are bound methods of the screen, forgotten if the screen goes first."""
        ticket = next(self._tickets)
        self._waiting[ticket] = (weakref.WeakMethod(on_done), weakref.WeakMethod(on_failed))
        pool.start(_Run(work, ticket, self))

    def wait(self) -> None:
        """Block until every piece of work has finished (tests, closing)."""
        self.database.waitForDone()
        self.devices.waitForDone()

    @Slot(int, object)
    def _on_work_finished(self, ticket: int, result: object) -> None:
        on_done = self._waiting.pop(ticket)[0]()
        if on_done is not None:
            on_done(result)

    @Slot(int, str)
    def _on_work_failed(self, ticket: int, message: str) -> None:
        on_failed = self._waiting.pop(ticket)[1]()
        if on_failed is not None:
            on_failed(message)
