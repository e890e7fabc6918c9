"""Calls to the store and the province on a thread pool of their own; each answer comes back to
the main thread through a signal connected to a bound slot of the object that asked."""

import logging
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from onestop.errors import DomainError
from onestop.i18n import _
from sync.errors import SyncError

_log = logging.getLogger(__name__)
T = TypeVar("T")


class Delivery(QObject):
    """Made on the main thread, so that what a worker emits on it is queued to that thread."""

    finished = Signal(object)
    failed = Signal(str)


def _deliver(call: Callable[[], object], delivery: Delivery) -> None:
    """Runs on a worker of the pool."""
    try:
        result = call()
    except (DomainError, SyncError) as error:
        delivery.failed.emit(str(error))
    except Exception as error:  # noqa: BLE001 - shown to the person instead of lost
        _log.error("province link work failed", exc_info=error)
        delivery.failed.emit(_("Lỗi: {0}").format(str(error) or type(error).__name__))
    else:
        delivery.finished.emit(result)


class LinkJobs(QObject):
    """The jobs of one screen or watch. The pool owns each job's runnable; a job's delivery
    lives until its answer has reached the main thread."""

    def __init__(self, threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._open: set[Delivery] = set()

    def run(self, call: Callable[[], T], finished: Callable[[T], None],
            failed: Callable[[str], None]) -> None:
        """`finished` and `failed` are bound slots of a main-thread object."""
        delivery = Delivery(self)
        delivery.finished.connect(finished)
        delivery.failed.connect(failed)
        # Connected last, so that the asker's slot has run when the delivery is let go.
        delivery.finished.connect(self._on_delivery_finished)
        delivery.failed.connect(self._on_delivery_failed)
        self._open.add(delivery)
        self._pool.start(partial(_deliver, call, delivery))

    def busy(self) -> bool:
        return bool(self._open)

    def wait(self) -> None:
        """Block until every started job has run (their answers are still delivered later)."""
        self._pool.waitForDone()

    @Slot(object)
    def _on_delivery_finished(self, _result: object) -> None:
        self._let_go()

    @Slot(str)
    def _on_delivery_failed(self, _message: str) -> None:
        self._let_go()

    def _let_go(self) -> None:
        delivery = self.sender()
        if isinstance(delivery, Delivery) and delivery in self._open:
            self._open.discard(delivery)
            delivery.deleteLater()
