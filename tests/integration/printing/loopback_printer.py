"""A network receipt printer on 127.0.0.1 that keeps every job it is sent.

Like a real one it answers DLE EOT status queries sent before a job, and closes its side once the
sender has finished. It can also pull the plug part-way through a job, or hold the line open
after a job as some printers do.
"""

import socket
import struct
import threading
from types import TracebackType
from typing import Self

ONLINE = b"\x12"
PAPER_ENOUGH = b"\x12"
PAPER_OUT = b"\x72"
OFFLINE = b"\x1a"


class LoopbackPrinter:
    def __init__(
        self,
        *,
        printer_answer: bytes | None = ONLINE,
        paper_answer: bytes | None = PAPER_ENOUGH,
        drop_after: int | None = None,
        hold_line: bool = False,
    ) -> None:
        self.answers = {1: printer_answer, 4: paper_answer}
        self.drop_after = drop_after
        self.hold_line = hold_line
        self.jobs: list[bytes] = []
        self.questions: list[int] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="loopback-printer")

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._thread.join(5)
        self._listener.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _peer = self._listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                self._take_job(connection)

    def _take_job(self, connection: socket.socket) -> None:
        job = bytearray()
        in_job = False
        while True:
            try:
                data = connection.recv(65536)
            except OSError:
                break
            if not data:
                break
            if not in_job:
                data = self._answer_questions(connection, data)
                in_job = bool(data)
            job += data
            if self.drop_after is not None and len(job) >= self.drop_after:
                # Linger 0: the close resets the connection, as a printer switched off would.
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                break
        self.jobs.append(bytes(job))
        if self.hold_line:
            self._stopping.wait(5)

    def _answer_questions(self, connection: socket.socket, data: bytes) -> bytes:
        while data[:2] == b"\x10\x04" and len(data) >= 3:
            self.questions.append(data[2])
            answer = self.answers.get(data[2])
            if answer is not None:
                connection.sendall(answer)
            data = data[3:]
        return data
