"""A private pcscd with vsmartcard's virtual reader, shared by every test directory that lays an
emulated card on it, and stopped when the last of them is done."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def running_virtual_reader(pcscd: str, folder: Path) -> Iterator[VirtualReader]:
    """pcscd with only the virtual reader, on a free port; stopped on leaving."""
    port = _free_port_pair()
    (folder / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{port:04X}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{port:04X}\n", encoding="ascii")
    log_path = folder / "pcscd.log"
    with log_path.open("w") as log:
        daemon = subprocess.Popen([pcscd, "--foreground", "--config", str(folder)], stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            _wait_for_daemon(daemon, log_path)
            yield VirtualReader(port)
        finally:
            daemon.terminate()
            try:
                daemon.wait(10)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait(10)


def _wait_for_daemon(daemon: subprocess.Popen[bytes], log: Path) -> None:
    from smartcard.Exceptions import SmartcardException
    from smartcard.pcsc.PCSCExceptions import BaseSCardException
    from smartcard.System import readers

    deadline = time.monotonic() + 20
    while True:
        try:
            if any(str(r) == READER for r in readers()):
                return
        except (SmartcardException, BaseSCardException):
            pass
        if daemon.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("pcscd did not come up: " + log.read_text(errors="replace")[-2000:])
        time.sleep(0.1)


def machine_lacks() -> str | None:
    """Why this machine cannot run the virtual reader, or None."""
    if shutil.which("pcscd") is None:
        return "the program 'pcscd' is not installed"
    if not VPCD_DRIVER.exists():
        return "vsmartcard-vpcd (the virtual reader's driver) is not installed"
    if _pcscd_answers(Path("/run/pcscd/pcscd.comm")):
        return "another pcscd is running on this machine"
    return None


def _pcscd_answers(socket_path: Path) -> bool:
    """A live pcscd behind the socket file (a killed one leaves the file behind)."""
    if not socket_path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(socket_path))
        except OSError:
            return False
    return True


_shared: list[VirtualReader] = []


def virtual_reader_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualReader]:
    """For a session fixture: the one virtual reader of this test run, shared by every directory
    that asks for it and stopped after the last of them."""
    if _shared:
        _shared.append(_shared[0])
        try:
            yield _shared[0]
        finally:
            _shared.pop()
        return
    pcscd = need_program("pcscd")
    lacks = machine_lacks()
    need(lacks is None, lacks or "")
    with running_virtual_reader(pcscd, tmp_path_factory.mktemp("reader.conf.d")) as reader:
        _shared.append(reader)
        try:
            yield reader
        finally:
            _shared.clear()
