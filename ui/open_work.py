"""A screen's work on the window's task manager, kept until it ends in its worker so that
a screen going away can stop hearing from it and wait for it (a scan writing pages, a serial port
still open)."""

from collections.abc import Callable
from typing import Any

from ui.tasks import Operation, TaskManager, Ticket


class OpenWork:
    def __init__(self, tasks: TaskManager) -> None:
        self._tasks = tasks
        self._running: list[Ticket] = []

    def on_database(self, op: Operation[Any], on_done: Callable[[Any], None],
                    on_failed: Callable[[Exception], None]) -> None:
        self._keep(self._tasks.run_database(op, on_done, on_failed))

    def on_device(self, op: Operation[Any], on_done: Callable[[Any], None],
                  on_failed: Callable[[Exception], None],
                  on_report: Callable[[Any], None] | None = None) -> None:
        self._keep(self._tasks.run_device(op, on_done, on_failed, on_report))

    def end(self) -> None:
        """Nothing more reaches the screen; returns once every piece has ended in its worker."""
        for ticket in self._running:
            ticket.cancel()
        for ticket in self._running:
            ticket.wait()
        self._running.clear()

    def _keep(self, ticket: Ticket) -> None:
        # work that has ended has its answers queued already, ahead of the screen's deletion
        self._running = [kept for kept in self._running if not kept.ended.is_set()]
        self._running.append(ticket)
