"""Network printers on a raw port (9100).

TCP says nothing about what reached the printer, so after the job the connection is half-closed
and the printer is given a moment to close its side too: a reset then means the job was cut off.
A printer that keeps the link open past that moment is taken to have the whole job.
"""

import socket
import time

from printing.printer_errors import dropped, timed_out, unreachable
from printing.printer_status import (
    ASK_PAPER,
    ASK_PRINTER,
    PrinterStatus,
    online_from,
    paper_from,
)
from printing.printer_uri import TcpAddress
from printing.printers.connection import PrinterConnection, chunks

STATUS_WAIT = 0.5
CLOSE_WAIT = 2.0


class TcpPrinter(PrinterConnection):
    def __init__(self, address: TcpAddress, timeout: float) -> None:
        self.where = str(address)
        self._timeout = timeout
        try:
            self._socket = socket.create_connection((address.host, address.port), timeout)
        except TimeoutError:
            raise timed_out(self.where, timeout) from None
        except OSError:
            raise unreachable(self.where) from None

    def send_job(self, data: bytes, name: str) -> None:
        try:
            self._socket.settimeout(self._timeout)
            for chunk in chunks(data):
                self._socket.sendall(chunk)
            self._socket.shutdown(socket.SHUT_WR)
            self._await_close()
        except TimeoutError:
            raise timed_out(self.where, self._timeout) from None
        except OSError:
            raise dropped(self.where) from None

    def status(self) -> PrinterStatus:
        return PrinterStatus(
            online=online_from(self._ask(ASK_PRINTER)), paper=paper_from(self._ask(ASK_PAPER))
        )

    def close(self) -> None:
        self._socket.close()

    def _ask(self, question: bytes) -> bytes:
        try:
            self._socket.settimeout(min(self._timeout, STATUS_WAIT))
            self._socket.sendall(question)
            return self._socket.recv(1)
        except TimeoutError:
            return b""
        except OSError:
            raise dropped(self.where) from None

    def _await_close(self) -> None:
        deadline = time.monotonic() + min(self._timeout, CLOSE_WAIT)
        while (left := deadline - time.monotonic()) > 0:
            self._socket.settimeout(left)
            try:
                if not self._socket.recv(1024):
                    return
            except TimeoutError:
                return
