"""PC/SC in the tests talks to a socket of the test process's own, never to the machine's pcscd:
nothing listens there until a test starts the virtual reader's pcscd on it, so each process of a
parallel run has a reader of its own, and a pcscd the machine runs is neither used nor in the way."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# libpcsclite reads it once, on a process's first PC/SC call: it must be set before any
SOCKET_VARIABLE = "PCSCLITE_CSOCK_NAME"


@contextmanager
def own_pcsc_socket() -> Iterator[Path]:
    """The socket path this process and the programs it starts use, while inside."""
    # a short folder of its own: a socket's path has room for about a hundred bytes
    folder = Path(tempfile.mkdtemp(prefix="onestop-pcsc-"))
    before = os.environ.get(SOCKET_VARIABLE)
    os.environ[SOCKET_VARIABLE] = str(folder / "pcscd.comm")
    try:
        yield folder / "pcscd.comm"
    finally:
        if before is None:
            os.environ.pop(SOCKET_VARIABLE, None)
        else:
            os.environ[SOCKET_VARIABLE] = before
        shutil.rmtree(folder, ignore_errors=True)
