"""Which way to reach SANE on this machine."""

import importlib.util
import shutil

from scanning.scanimage import ScanimageScanner
from scanning.scanner import Scanner


def sane_scanner() -> Scanner | None:
    """libsane through python-sane when it is installed, else the scanimage program when it is
    on the PATH, else None (Windows has neither: its scanners come through WIA or TWAIN)."""
    if importlib.util.find_spec("sane") is not None:
        from scanning.sane_process import SaneScanner

        return SaneScanner()
    program = shutil.which("scanimage")
    return ScanimageScanner(program) if program else None
