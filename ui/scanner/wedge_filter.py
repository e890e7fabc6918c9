"""Keyboard-wedge QR scanners: bursts of keys are taken out of whatever field had focus.

Installed on the application, the filter holds each typed key for at most the burst gap. A burst
goes to the sink; if the sink does not want it (it is no ID card, e.g. a dossier code scanned
into the search box), the keys go on to the field as if typed.

Gaps are measured on the window system's own stamp of each key, so that a burst stays whole when
this thread was busy while the scanner typed and its keys are taken late; keys made up by the
program itself carry no stamp and are measured on the clock.
"""

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ui.scanner.key_bursts import WEDGE_TIMING, BurstTiming, BurstTracker

_TEXT_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
_ENDING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                  Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock)

BurstSink = Callable[[str], bool]
_LATE = 0.05
# Set on a window that takes scanned codes as typed keys itself (the scanner set-up's QR trial).
KEEPS_SCANS = "keepsWedgeScans"


def keeps_scans(widget: QWidget) -> bool:
    return bool(widget.window().property(KEEPS_SCANS))


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                     event.isAutoRepeat(), event.count())


class WedgeScannerFilter(QObject):
    def __init__(self, sink: BurstSink, timing: BurstTiming = WEDGE_TIMING,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink = sink
        self._clock = clock
        self._tracker = BurstTracker(timing)
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._text: list[str] = []
        self._replaying = False
        self._last_key_taken = 0.0
        self._waited_once = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not isinstance(watched, QWidget):
            return False
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            return False
        now = self._when(event)
        if self._tracker.gap_exceeded(now):
            self._settle()
        if event.type() == QEvent.Type.KeyRelease:
            if self._held:
                self._held.append((watched, _copy(event)))
                return True
            return False
        if self._is_text(event):
            self._held.append((watched, _copy(event)))
            self._text.append(event.text())
            step = self._tracker.key(now)
            self._last_key_taken, self._waited_once = self._clock(), False
            timing = self._tracker.timing
            self._timer.start(round(1000 * (timing.end_gap if step == BurstTracker.BURST
                                             else timing.max_gap)) + 1)
            return True
        if self._tracker.in_burst:
            # Within a burst every key is the scanner's; Enter or Tab ends it.
            self._held.append((watched, _copy(event)))
            if event.key() in _ENDING_KEYS:
                self._settle()
            return True
        self._settle()
        return False

    @staticmethod
    def _is_text(event: QKeyEvent) -> bool:
        text = event.text()
        return (bool(text) and text.isprintable()
                and not event.modifiers() & ~_TEXT_MODIFIERS)

    def _when(self, event: QKeyEvent) -> float:
        stamp = event.timestamp()
        return stamp / 1000 if stamp else self._clock()

    def _on_timer_timeout(self) -> None:
        # Fired long after it was due: this thread was busy, and the scanner's next keys may be
        # waiting behind the timer. They get one turn of the event loop before the burst ends.
        late = self._clock() - self._last_key_taken - self._timer.interval() / 1000
        if late > _LATE and not self._waited_once:
            self._waited_once = True
            self._timer.start(0)
            return
        self._settle()

    def _settle(self) -> None:
        """End what is held: a finished burst goes to the sink, anything else on to its field."""
        self._timer.stop()
        held, text, burst = self._held, "".join(self._text), self._tracker.in_burst
        self._held, self._text = [], []
        self._tracker.reset()
        if burst and self._sink(text):
            return
        self._replaying = True
        try:
            for receiver, event in held:
                if isValid(receiver):
                    QCoreApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False
