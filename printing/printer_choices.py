"""What the printer set-up screen offers to pick from, besides USB printers: serial ports on this
computer and the printer models python-escpos knows."""

from serial.tools import list_ports

from printing.printer_profile import DEFAULT_PROFILE, profile_names

BAUD_RATES = (9600, 19200, 38400, 57600, 115200)


def serial_ports() -> list[str]:
    """Port names as pyserial opens them: COM3 on Windows, /dev/ttyUSB0 elsewhere."""
    return sorted(port.device for port in list_ports.comports())


def printer_profiles() -> list[str]:
    """Model names, the stock profile first."""
    names = sorted(profile_names(), key=str.casefold)
    return [DEFAULT_PROFILE, *(name for name in names if name != DEFAULT_PROFILE)]
