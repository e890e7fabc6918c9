"""A private pcscd with vsmartcard's virtual reader, on the PC/SC socket of this process's own
(tests/pcsc.py), shared by every test directory that lays an emulated card on it, and stopped when
the last of them is done."""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

import pytest

from tests.integration.idcard.chip_emulator import Chip, VirtualCard
from tests.machine import need, need_program
from tests.pcsc import SOCKET_VARIABLE, own_pcsc_socket

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
        deadline = time.monotonic() + 60  # pcscd polls the reader: slow on a loaded machine
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
    """pcscd with only the virtual reader, on a free port and this process's PC/SC socket;
    stopped on leaving."""
    port = _free_port_pair()
    (folder / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{port:04X}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{port:04X}\n", encoding="ascii")
    log_path = folder / "pcscd.log"
    with ExitStack() as stack:
        if SOCKET_VARIABLE not in os.environ:
            stack.enter_context(own_pcsc_socket())
        log = stack.enter_context(log_path.open("w"))
        daemon = _start_daemon(pcscd, folder, Path(os.environ[SOCKET_VARIABLE]), log)
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


def _start_daemon(pcscd: str, folder: Path, socket_path: Path,
                  log: IO[str]) -> subprocess.Popen[bytes]:
    """pcscd listens where it is told only when it is handed its socket as systemd hands it
    over: already listening, as descriptor 3, named by LISTEN_FDS and LISTEN_PID."""
    socket_path.unlink(missing_ok=True)  # left by the pcscd this process ran before
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(socket_path))
        listener.listen()
        # the socket comes in as standard input, and the shell moves it to descriptor 3
        return subprocess.Popen(
            ["sh", "-c", 'export LISTEN_FDS=1 LISTEN_PID=$$; exec "$@" 3<&0 </dev/null', "sh",
             pcscd, "--foreground", "--config", str(folder)],
            stdin=listener.fileno(), stdout=log, stderr=subprocess.STDOUT)


def _wait_for_daemon(daemon: subprocess.Popen[bytes], log: Path) -> None:
    from smartcard.Exceptions import SmartcardException
    from smartcard.pcsc.PCSCExceptions import BaseSCardException
    from smartcard.System import readers

    deadline = time.monotonic() + 120
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
    return None


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
