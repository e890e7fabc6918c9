"""A private pcscd with vsmartcard's virtual reader, shared by every test directory that lays an
emulated card on it, and stopped when the last of them is done."""

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

    def _card_seen(self) -> bool:
        from smartcard.Exceptions import CardConnectionException, NoCardException
        from smartcard.scard import SCARD_LEAVE_CARD
        from smartcard.System import readers

        connection = next(r for r in readers() if str(r) == self.name).createConnection()
        try:
            connection.connect(disposition=SCARD_LEAVE_CARD)
        except (NoCardException, CardConnectionException):
            return False
        finally:
            connection.release()
        return True

    def _wait(self, seen: bool) -> None:
        deadline = time.monotonic() + 10
        while self._card_seen() != seen:
            if time.monotonic() > deadline:
                raise TimeoutError(f"PC/SC did not see the card {'laid' if seen else 'taken off'}")
            time.sleep(0.05)

    def wait_empty(self) -> None:
        """Until PC/SC has noticed that the last card was taken off."""
        self._wait(False)

    def lay(self, chip: Chip) -> VirtualCard:
        """Put the card on the empty reader and wait until PC/SC sees it."""
        self.wait_empty()
        card = VirtualCard(chip, self.port)
        self._wait(True)
        return card


_shared: list[VirtualReader] = []


def virtual_reader_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualReader]:
    """For a session fixture: the one virtual reader of this test run."""
    if _shared:
        _shared.append(_shared[0])
        try:
            yield _shared[0]
        finally:
            _shared.pop()
        return
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
        _shared.append(VirtualReader(port))
        yield _shared[0]
    finally:
        _shared.clear()
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(10)
        log.close()
