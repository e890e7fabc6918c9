"""The call display for the hall's TV: the number each counter serves, the last calls and the
people waiting per field, with a chime and the spoken call for each new call."""

from collections import deque
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from announcing.announcer import Announcer
from announcing.call_words import written_call
from onestop.i18n import _
from onestop.queue_board import Board
from ui.queue.board_feed import BoardFeed

SHOWN_CALLS = 6


class CallDisplayWindow(QWidget):
    def __init__(self, feed: BoardFeed, announcer: Announcer | None) -> None:
        super().__init__()
        self._feed, self._announcer = feed, announcer
        self._voice = ThreadPoolExecutor(1, thread_name_prefix="onestop-voice")
        self._heard: int | None = None
        self.spoken: deque[str] = deque(maxlen=SHOWN_CALLS)
        self.setWindowTitle(_("Màn hình gọi số"))
        self.setStyleSheet(
            "QWidget { background: #0b2545; color: #ffffff; }"
            "QLabel#office { font-size: 26pt; font-weight: bold; }"
            "QLabel#counter { font-size: 30pt; font-weight: bold; }"
            "QLabel#serving { font-size: 54pt; font-weight: bold; color: #ffd23f; }"
            "QLabel#latest { font-size: 28pt; font-weight: bold; color: #ffd23f; }"
            "QLabel#call, QLabel#waiting { font-size: 20pt; }"
            "QLabel#link { font-size: 16pt; background: #b00020; padding: 6px; }")
        layout = QVBoxLayout(self)
        self.office = QLabel("")
        self.office.setObjectName("office")
        self.office.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.office)
        self.latest = QLabel("")
        self.latest.setObjectName("latest")
        self.latest.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.latest.setWordWrap(True)
        layout.addWidget(self.latest)
        middle = QHBoxLayout()
        self._counters = QGridLayout()
        middle.addLayout(self._counters, 3)
        calls_box = QVBoxLayout()
        heading = QLabel(_("Số vừa gọi"))
        heading.setObjectName("counter")
        calls_box.addWidget(heading)
        self.calls = [QLabel("") for _row in range(SHOWN_CALLS)]
        for label in self.calls:
            label.setObjectName("call")
            calls_box.addWidget(label)
        calls_box.addStretch(1)
        middle.addLayout(calls_box, 2)
        layout.addLayout(middle, 1)
        self.waiting = QLabel("")
        self.waiting.setObjectName("waiting")
        self.waiting.setWordWrap(True)
        layout.addWidget(self.waiting)
        self.link = QLabel(_("Mất kết nối dữ liệu, đang kết nối lại…"))
        self.link.setObjectName("link")
        keep_room = self.link.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # the board does not jump when the link drops
        self.link.setSizePolicy(keep_room)
        self.link.setVisible(False)
        layout.addWidget(self.link)
        self.serving: dict[str, QLabel] = {}
        feed.board_read.connect(self._on_feed_board_read)
        feed.link_lost.connect(self._on_feed_link_lost)

    @Slot(object)
    def _on_feed_board_read(self, shown: Board) -> None:
        self.link.setVisible(False)
        self.office.setText(shown.office)
        self._show_counters(shown)
        for label, call in zip(self.calls, shown.last_calls + (None,) * SHOWN_CALLS, strict=False):
            label.setText("" if call is None else _("Số {0}  →  Quầy {1}").format(
                call.label, call.counter_number))
        if shown.last_calls:
            newest = shown.last_calls[0]
            self.latest.setText(written_call(newest.label, newest.counter_number))
        self.waiting.setText(_("Đang chờ: {0}").format("   ".join(
            f"{field.name} {field.waiting}" for field in shown.waiting)))
        self._announce_new(shown)

    def _show_counters(self, shown: Board) -> None:
        for row, counter in enumerate(shown.counters):
            if counter.code not in self.serving:
                name = QLabel(counter.name)
                name.setObjectName("counter")
                number = QLabel("")
                number.setObjectName("serving")
                self._counters.addWidget(name, row, 0)
                self._counters.addWidget(number, row, 1)
                self.serving[counter.code] = number
            self.serving[counter.code].setText(counter.serving or "—")

    def _announce_new(self, shown: Board) -> None:
        if self._heard is None:
            self._heard = shown.last_call_id
            return
        fresh = [c for c in reversed(shown.last_calls) if c.call_id > self._heard]
        self._heard = max(self._heard, shown.last_call_id)
        if not shown.announce:
            return
        for call in fresh:
            self.spoken.append(written_call(call.label, call.counter_number))
            if self._announcer is not None:
                self._voice.submit(self._announcer.announce, call.label, call.counter_number)

    @Slot(str)
    def _on_feed_link_lost(self, _reason: str) -> None:
        self.link.setVisible(True)

    def shut_down(self) -> None:
        self._feed.stop()
        self._voice.shutdown(wait=True, cancel_futures=True)
