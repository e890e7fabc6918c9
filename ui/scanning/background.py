"""Work the scanning screens hand to threads: a pool of one for the database, one for scanners.

Each piece of work reports through its own Relay, a QObject made on the main thread whose signals
the screen connects to bound slots; they are emitted on the main thread, in the order the worker
told them. A scan reports every page as it arrives, then finishes.
"""

import contextlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from onestop.errors import DomainError
from onestop.i18n import _

_log = logging.getLogger(__name__)

_REPORTED, _FINISHED, _FAILED = "reported", "finished", "failed"

Report = Callable[[object], None]
Work = Callable[[Report], object]


class Relay(QObject):
    """One piece of work's way home. The worker's news crosses threads once, to the relay's own
    slot on the main thread, which passes it on to the screen's slots there and then; the relay
    deletes itself only after the screen has heard how the work ended (deleted any sooner, a
    news still queued for the screen would be lost with it)."""

    reported = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    _arrived = Signal(str, object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._arrived.connect(self._on_arrived)

    @Slot(str, object)
    def _on_arrived(self, kind: str, value: object) -> None:
        if kind == _REPORTED:
            self.reported.emit(value)
            return
        if kind == _FINISHED:
            self.finished.emit(value)
        else:
            self.failed.emit(value)
        self.deleteLater()

    def tell(self, kind: str, value: object) -> None:
        """From the worker's thread."""
        # RuntimeError: the screen closed while the work ran, and nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            self._arrived.emit(kind, value)


class _Run(QRunnable):
    def __init__(self, work: Work, relay: Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work(self._report)
        except DomainError as error:
            self._relay.tell(_FAILED, error.message)
        except Exception as error:  # noqa: BLE001 - shown to the person instead of lost in a thread
            _log.error("background work failed", exc_info=error)
            unexpected = _("Có lỗi không mong đợi: {0}")
            self._relay.tell(_FAILED, unexpected.format(str(error) or type(error).__name__))
        else:
            self._relay.tell(_FINISHED, result)

    def _report(self, value: object) -> None:
        self._relay.tell(_REPORTED, value)


class Workers(QObject):
    """The two pools; a screen makes its own unless the window shares one between screens."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = QThreadPool(self)
        self.database.setMaxThreadCount(1)
        self.devices = QThreadPool(self)

    def run(self, pool: QThreadPool, work: Work, relay: Relay) -> None:
        pool.start(_Run(work, relay))

    def wait(self) -> None:
        """Block until every piece of work has ended (closing, tests)."""
        self.database.waitForDone()
        self.devices.waitForDone()
