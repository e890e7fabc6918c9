"""SANE backends put SIGPIPE back to its default action while they scan. Python ignores it, so that
a write to a closed socket raises an error; with the default action the same write (the province
link, a network printer) ends the whole program. This puts Python's choice back, for the process,
from whatever thread the scan ran on."""

import ctypes
import signal

_SIG_IGN = ctypes.c_void_p(1)


def ignore_broken_pipes() -> None:
    if not hasattr(signal, "SIGPIPE"):
        return
    set_action = ctypes.CDLL(None).signal
    set_action.argtypes = [ctypes.c_int, ctypes.c_void_p]
    set_action.restype = ctypes.c_void_p
    set_action(signal.SIGPIPE, _SIG_IGN)
