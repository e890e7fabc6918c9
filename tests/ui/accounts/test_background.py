"""Work started by the account screens runs off the main thread and answers on it."""

import threading

from PySide6.QtCore import QObject, Signal, Slot
from pytestqt.qtbot import QtBot

from onestop.errors import DomainError
from ui.accounts.background import Jobs


class Listener(QObject):
    answered = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.messages: list[str] = []
        self.threads: list[threading.Thread] = []

    @Slot(object)
    def _on_job_finished(self, result: object) -> None:
        self.results.append(result)
        self.threads.append(threading.current_thread())
        self.answered.emit()

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self.messages.append(message)
        self.threads.append(threading.current_thread())
        self.answered.emit()


def test_the_call_runs_elsewhere_and_the_answer_comes_home(qtbot: QtBot) -> None:
    listener, jobs = Listener(), Jobs()
    ran_on: list[threading.Thread] = []

    def work() -> int:
        ran_on.append(threading.current_thread())
        return 42

    with qtbot.waitSignal(listener.answered, timeout=5000):
        jobs.run(work, listener._on_job_finished, listener._on_job_failed)
    assert listener.results == [42]
    assert ran_on[0] is not threading.main_thread()
    assert listener.threads == [threading.main_thread()]
    qtbot.waitUntil(lambda: not jobs.busy())


def test_a_refusal_and_a_failure_come_back_as_messages(qtbot: QtBot) -> None:
    listener, jobs = Listener(), Jobs()

    def refused() -> None:
        raise DomainError("Không được phép.")

    def broken() -> None:
        raise OSError(28, "No space left on device")

    for call in (refused, broken):
        with qtbot.waitSignal(listener.answered, timeout=5000):
            jobs.run(call, listener._on_job_finished, listener._on_job_failed)
    assert listener.messages == ["Không được phép.", "Lỗi: [Errno 28] No space left on device"]
