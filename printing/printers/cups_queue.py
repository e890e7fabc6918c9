"""A raw CUPS queue (Linux, macOS), through the `lp` and `lpstat` programs of the CUPS client."""

import os
import shutil
import subprocess

from onestop.i18n import _
from printing.printer_errors import rejected, timed_out, unsupported
from printing.printer_status import PrinterStatus
from printing.printer_uri import CupsAddress
from printing.printers.connection import PrinterConnection


class CupsQueuePrinter(PrinterConnection):
    def __init__(self, address: CupsAddress, timeout: float) -> None:
        self.where = str(address)
        self._queue = address.queue
        self._timeout = timeout
        lp = shutil.which("lp")
        if lp is None:
            raise unsupported(self.where, _("chưa cài chương trình lp của CUPS"))
        self._lp = lp

    def send_job(self, data: bytes, name: str) -> None:
        try:
            done = subprocess.run(
                [self._lp, "-d", self._queue, "-o", "raw", "-t", name],
                input=data,
                capture_output=True,
                timeout=self._timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise timed_out(self.where, self._timeout) from None
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip() or f"lp {done.returncode}"
            raise rejected(self.where, reason)

    def status(self) -> PrinterStatus:
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return PrinterStatus()
        try:
            done = subprocess.run(
                [lpstat, "-p", self._queue],
                capture_output=True,
                timeout=self._timeout,
                check=False,
                env={**os.environ, "LC_ALL": "C"},
            )
        except subprocess.TimeoutExpired:
            return PrinterStatus()
        words = done.stdout.decode(errors="replace").split()
        if done.returncode != 0 or not words:
            return PrinterStatus()
        return PrinterStatus(online="disabled" not in words)

    def close(self) -> None:
        """Each job is a finished `lp` run."""
