"""Background work: one single-worker executor for the database, one pool for devices and the
network. Every result comes back to the main thread through one signal; the callbacks given with
an operation then run on the main thread. A result that tells what it changed in the store (its
`changes`, a StoreChanges) is announced on `store_changed`, which the screens listen to."""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import count
from typing import Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from onestop.changes import NOTHING, StoreChanges
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.store.engine import Store
from sync.errors import SyncError

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
SLOW_AFTER_MS = 500
_DEVICE_WORKERS = 4
_log = logging.getLogger(__name__)


class NoStore(RuntimeError):
    """A database operation ran before the store was opened."""


@dataclass
class Work:
    """What an operation gets in its worker: the store, a way to report, a cancel flag."""

    report: Callable[[object], None]
    cancelled: threading.Event
    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise NoStore("the store is not open yet")
        return self._store


class Operation(Protocol[T_co]):
    """A small piece of background work; `label` names it when it runs long enough to show."""

    label: str

    def run(self, work: Work) -> T_co: ...


class _FunctionCall(Generic[T]):
    def __init__(self, call: Callable[..., T], *args: object, label: str = "") -> None:
        self.label = label
        self._call = call
        self._args = args


class StoreCall(_FunctionCall[T]):
    """A plain function of the store as an operation: `call(store, *args)` in the worker."""

    def run(self, work: Work) -> T:
        return self._call(work.store, *self._args)


class Call(_FunctionCall[T]):
    """A plain function as an operation: `call(*args)` in the worker. Give it module functions
    and plain values, never a Qt object, which must not be let go of off the main thread."""

    def run(self, work: Work) -> T:
        return self._call(*self._args)


class ReportingCall(_FunctionCall[T]):
    """A function that tells of its progress as it goes (a scan, page by page):
    `call(*args, report)` in the worker; each report reaches the main thread in order."""

    def run(self, work: Work) -> T:
        return self._call(*self._args, work.report)


@dataclass
class Ticket:
    number: int
    label: str
    on_done: Callable[[Any], None]
    on_failed: Callable[[Exception], None] | None
    on_report: Callable[[Any], None] | None
    cancelled: threading.Event = field(default_factory=threading.Event)
    ended: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """No result is delivered after this; the work itself may look at `cancelled`."""
        self.cancelled.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has ended in its worker (a screen closing, say); its result, if
        any, is still delivered later unless cancelled."""
        return self.ended.wait(timeout)


_DONE, _FAILED, _REPORT = "done", "failed", "report"


class TaskManager(QObject):
    """Runs operations off the main thread; unhandled failures go to `failure_shown`."""

    _worker_finished = Signal(object)
    store_changed = Signal(object)  # StoreChanges, never empty
    slow_work_started = Signal(str)
    slow_work_ended = Signal()
    failure_shown = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = ThreadPoolExecutor(1, thread_name_prefix="onestop-db")
        self._devices = ThreadPoolExecutor(_DEVICE_WORKERS, thread_name_prefix="onestop-io")
        self._store: Store | None = None
        self._numbers = count(1)
        self._open: dict[int, Ticket] = {}
        self._slow: set[int] = set()
        self._worker_finished.connect(self._on_worker_finished)

    @property
    def store(self) -> Store | None:
        return self._store

    def use_store(self, store: Store) -> None:
        self._store = store

    def run_database(self, op: "Operation[T]", on_done: Callable[[T], None],
                     on_failed: Callable[[Exception], None] | None = None) -> Ticket:
        return self._submit(self._database, op, on_done, on_failed, None)

    def run_device(self, op: "Operation[T]", on_done: Callable[[T], None],
                   on_failed: Callable[[Exception], None] | None = None,
                   on_report: Callable[[Any], None] | None = None) -> Ticket:
        return self._submit(self._devices, op, on_done, on_failed, on_report)

    def _submit(self, executor: ThreadPoolExecutor, op: "Operation[Any]",
                on_done: Callable[[Any], None], on_failed: Callable[[Exception], None] | None,
                on_report: Callable[[Any], None] | None) -> Ticket:
        ticket = Ticket(next(self._numbers), op.label, on_done, on_failed, on_report)
        self._open[ticket.number] = ticket
        executor.submit(self._work, op, ticket.number, ticket.cancelled, ticket.ended)
        if op.label:
            QTimer.singleShot(SLOW_AFTER_MS, self, lambda: self._mark_slow(ticket.number))
        return ticket

    def _work(self, op: "Operation[Any]", number: int, cancelled: threading.Event,
              ended: threading.Event) -> None:
        def report(value: object) -> None:
            self._worker_finished.emit((number, _REPORT, value))

        try:
            result = op.run(Work(report, cancelled, self._store))
        except Exception as error:  # noqa: BLE001 - handed to the main thread to show
            self._worker_finished.emit((number, _FAILED, error))
        else:
            self._worker_finished.emit((number, _DONE, result))
        finally:
            ended.set()

    def _mark_slow(self, number: int) -> None:
        ticket = self._open.get(number)
        if ticket is None:
            return
        self._slow.add(number)
        self.slow_work_started.emit(ticket.label)

    @Slot(object)
    def _on_worker_finished(self, message: tuple[int, str, Any]) -> None:
        number, kind, value = message
        ticket = self._open.get(number)
        if ticket is None:
            return
        if kind == _REPORT:
            if (ticket.on_report is not None and not ticket.cancelled.is_set()
                    and not _closed(ticket.on_report)):
                ticket.on_report(value)
            return
        del self._open[number]
        if number in self._slow:
            self._slow.discard(number)
            if not self._slow:
                self.slow_work_ended.emit()
        # told before the callback and whatever becomes of it: the write is committed even when
        # the screen that asked has gone, cancelled, or opens a modal dialog from its callback
        changes = _changes_of(value) if kind == _DONE else NOTHING
        if changes:
            self.store_changed.emit(changes)
        if ticket.cancelled.is_set() or _closed(ticket.on_done):
            return
        if kind == _DONE:
            ticket.on_done(value)
        elif ticket.on_failed is not None:
            ticket.on_failed(value)
        else:
            self.failure_shown.emit(failure_message(value))

    def busy(self) -> bool:
        """Whether some work has not yet delivered its result."""
        return bool(self._open)

    def cancel_slow_work(self) -> None:
        for number in list(self._slow):
            self._open[number].cancel()

    def shut_down(self) -> None:
        """Cancel what is open and wait for the workers; no result is delivered after this."""
        for ticket in self._open.values():
            ticket.cancel()
        self._devices.shutdown(wait=True, cancel_futures=True)
        self._database.shutdown(wait=True, cancel_futures=True)
        self._open.clear()


def _changes_of(result: object) -> StoreChanges:
    """What a result tells it changed; a list of results (the papers filed, say) tells what each
    of its items did."""
    changes = NOTHING
    for item in result if isinstance(result, list) else (result,):
        told = getattr(item, "changes", None)
        if isinstance(told, StoreChanges):
            changes = changes | told
    return changes


def _closed(callback: Callable[[Any], None]) -> bool:
    """Whether the callback belongs to a screen that was closed and deleted meanwhile."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


def failure_message(error: Exception) -> str:
    """What a person is told: a domain error's own message, otherwise a plain apology."""
    if isinstance(error, DomainError | SyncError):
        return str(error)
    _log.error("background work failed", exc_info=error)
    return _("Có lỗi không mong đợi: {0}").format(str(error) or type(error).__name__)
