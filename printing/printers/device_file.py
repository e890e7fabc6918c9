"""A device or file path (/dev/usb/lp0, LPT1, a file to inspect).

Writing to a device node can block for good when the printer is off, and a blocked write cannot
be interrupted everywhere, so the writing happens on a helper thread watched for progress; on a
timeout that thread is abandoned and closes the file whenever the write returns.
"""

import threading
from pathlib import Path

from printing.printer_errors import PrinterError, dropped, not_found, timed_out, unreachable
from printing.printer_uri import FileAddress
from printing.printers.connection import PrinterConnection, chunks


class DeviceFilePrinter(PrinterConnection):
    def __init__(self, address: FileAddress, timeout: float) -> None:
        self.where = str(address)
        self._path = address.path
        self._timeout = timeout

    def send_job(self, data: bytes, name: str) -> None:
        writer = _Writer(self._path, data, self.where)
        thread = threading.Thread(target=writer.run, name="slip-file-writer", daemon=True)
        thread.start()
        written = 0
        while thread.is_alive():
            thread.join(self._timeout)
            if thread.is_alive() and writer.written == written:
                raise timed_out(self.where, self._timeout)
            written = writer.written
        if writer.error is not None:
            raise writer.error

    def close(self) -> None:
        """Each job opens and closes the file itself."""


class _Writer:
    def __init__(self, path: Path, data: bytes, where: str) -> None:
        self.path = path
        self.data = data
        self.where = where
        self.written = 0
        self.error: PrinterError | None = None

    def run(self) -> None:
        opened = False
        try:
            with open(self.path, "ab") as target:
                opened = True
                for chunk in chunks(self.data):
                    target.write(chunk)
                    target.flush()
                    self.written += len(chunk)
        except OSError as error:
            if opened:
                self.error = dropped(self.where)
            elif isinstance(error, FileNotFoundError):
                self.error = not_found(self.where)
            else:
                self.error = unreachable(self.where)
