"""A private pcscd with vsmartcard's virtual reader, and the emulated cards laid on it."""

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.idcard.chip_emulator import Chip, VirtualCard
from tests.machine import need, need_program

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
READER = "Virtual PCD 00 00"


def _free_port_pair() -> int:
    """vpcd listens on the port given and the next one (two slots)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 65535:
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
            return int(port)


class VirtualReader:
    def __init__(self, port: int) -> None:
        self.port = port
        self.name = READER

    def lay(self, chip: Chip) -> VirtualCard:
        """Put the card on the reader and wait until PC/SC sees it."""
        from smartcard.Exceptions import CardConnectionException, NoCardException
        from smartcard.System import readers

        card = VirtualCard(chip, self.port)
        reader = next(r for r in readers() if str(r) == self.name)
        deadline = time.monotonic() + 10
        while True:
            connection = reader.createConnection()
            try:
                connection.connect()
            except (NoCardException, CardConnectionException):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
                continue
            finally:
                connection.release()
            return card


@pytest.fixture(scope="session")
def virtual_reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualReader]:
    pcscd = need_program("pcscd")
    need(VPCD_DRIVER.exists(), "vsmartcard-vpcd (the virtual reader's driver) is not installed")
    need(not Path("/run/pcscd/pcscd.comm").exists(), "another pcscd is running on this machine")
    port = _free_port_pair()
    config = tmp_path_factory.mktemp("reader.conf.d")
    (config / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{port:04X}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{port:04X}\n", encoding="ascii")
    log = (config / "pcscd.log").open("w")
    daemon = subprocess.Popen([pcscd, "--foreground", "--config", str(config)], stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        from smartcard.Exceptions import SmartcardException
        from smartcard.pcsc.PCSCExceptions import BaseSCardException
        from smartcard.System import readers

        deadline = time.monotonic() + 20
        while True:
            try:
                if any(str(r) == READER for r in readers()):
                    break
            except (SmartcardException, BaseSCardException):
                pass
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("pcscd did not come up: "
                                   + (config / "pcscd.log").read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        yield VirtualReader(port)
    finally:
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(10)
        log.close()
