"""Handheld QR scanners in serial mode (a real or USB-emulated COM port): each code arrives as
bytes ended by CR or LF, in UTF-8, so Vietnamese text survives, unlike through a keyboard wedge."""

from typing import Protocol

import serial

_ENDINGS = (b"\r", b"\n")


class QrPort(Protocol):
    def read_code(self) -> str | None:
        """One whole code, or None when none came within the port's timeout."""
        ...

    def close(self) -> None: ...


class SerialQrPort:
    def __init__(self, url: str, baudrate: int = 9600, timeout: float = 0.2) -> None:
        self._port = serial.serial_for_url(url, baudrate=baudrate, timeout=timeout)
        self._pending = bytearray()

    def read_code(self) -> str | None:
        chunk = self._port.read(max(1, self._port.in_waiting))
        self._pending.extend(chunk)
        for ending in _ENDINGS:
            self._pending = self._pending.replace(ending, b"\n")
        if b"\n" not in self._pending:
            return None
        line, _, rest = bytes(self._pending).partition(b"\n")
        self._pending = bytearray(rest)
        code = line.decode("utf-8", errors="replace").strip()
        return code or None

    def write(self, data: bytes) -> None:
        """For a loopback port in tests and for the set-up screen's trial scan."""
        self._port.write(data)

    def close(self) -> None:
        self._port.close()
