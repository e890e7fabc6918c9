"""Keeps the call display's board fresh: a thread waits for the store to announce a change (or
polls), reads the board, and hands it to the main thread. A lost database is waited out and
the feed picks up again by itself."""

import threading
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from onestop.queue_board import Board, BoardWatcher, board
from onestop.store.engine import Store

WAIT_SECONDS = 1.0
RETRY_SECONDS = 1.0


class BoardFeed(QObject):
    board_read = Signal(object)
    link_lost = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="onestop-board", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        watcher = BoardWatcher(self._store)
        shown: Board | None = None
        lost = False
        try:
            while not self._stopping.is_set():
                try:
                    fresh = board(self._store)
                except Exception as error:  # noqa: BLE001 - the display keeps trying
                    if not lost:
                        self.link_lost.emit(str(error).splitlines()[0] if str(error) else "")
                    lost = True
                    watcher.close()
                    self._stopping.wait(RETRY_SECONDS)
                    continue
                if lost or shown is None or _differs(shown, fresh):
                    lost, shown = False, fresh
                    self.board_read.emit(fresh)
                watcher.wait(WAIT_SECONDS)
        finally:
            watcher.close()


def _differs(a: Board, b: Board) -> bool:
    moment = datetime(2000, 1, 1, tzinfo=UTC)
    return replace(a, made_at=moment) != replace(b, made_at=moment)
