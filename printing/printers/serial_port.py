"""Printers on a serial port (COM3, /dev/ttyUSB0), through pyserial with read and write timeouts."""

import serial

from printing.printer_errors import dropped, not_found, timed_out
from printing.printer_status import (
    ASK_PAPER,
    ASK_PRINTER,
    PrinterStatus,
    online_from,
    paper_from,
)
from printing.printer_uri import SerialAddress
from printing.printers.connection import CHUNK, PrinterConnection, chunks

STATUS_WAIT = 0.5
BITS_PER_BYTE = 10  # start bit, eight data bits, stop bit
SMALLEST_CHUNK = 64


class SerialPrinter(PrinterConnection):
    def __init__(self, address: SerialAddress, timeout: float) -> None:
        self.where = str(address)
        self._timeout = timeout
        # At 9600 baud 4 KiB take over four seconds: each write must fit well inside the timeout.
        in_half_the_timeout = int(address.baudrate / BITS_PER_BYTE * timeout / 2)
        self._chunk = max(SMALLEST_CHUNK, min(CHUNK, in_half_the_timeout))
        try:
            self._port = serial.serial_for_url(
                address.port,
                baudrate=address.baudrate,
                timeout=min(timeout, STATUS_WAIT),
                write_timeout=timeout,
                rtscts=address.flow == "rtscts",
                dsrdtr=address.flow == "dsrdtr",
                xonxoff=address.flow == "xonxoff",
            )
        except (serial.SerialException, ValueError):
            raise not_found(self.where) from None

    def send_job(self, data: bytes, name: str) -> None:
        try:
            for chunk in chunks(data, self._chunk):
                self._port.write(chunk)
        except serial.SerialTimeoutException:
            raise timed_out(self.where, self._timeout) from None
        except serial.SerialException:
            raise dropped(self.where) from None

    def status(self) -> PrinterStatus:
        return PrinterStatus(
            online=online_from(self._ask(ASK_PRINTER)), paper=paper_from(self._ask(ASK_PAPER))
        )

    def close(self) -> None:
        self._port.close()

    def _ask(self, question: bytes) -> bytes:
        try:
            self._port.reset_input_buffer()
            self._port.write(question)
            return bytes(self._port.read(1))
        except serial.SerialTimeoutException:
            return b""
        except serial.SerialException:
            raise dropped(self.where) from None
