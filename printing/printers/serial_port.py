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
from printing.printers.connection import PrinterConnection, chunks

STATUS_WAIT = 0.5


class SerialPrinter(PrinterConnection):
    def __init__(self, address: SerialAddress, timeout: float) -> None:
        self.where = str(address)
        self._timeout = timeout
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
            for chunk in chunks(data):
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
