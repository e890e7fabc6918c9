"""Which way to reach SANE on this machine."""

import shutil

from scanning.scanimage import ScanimageScanner
from scanning.scanner import Scanner


def sane_scanner() -> Scanner | None:
    """libsane through python-sane when it is installed, else the scanimage program when it is
    on the PATH, else None (Windows has neither: its scanners come through WIA or TWAIN)."""
    try:
        from scanning.sane_library import SaneScanner
    except ImportError:
        program = shutil.which("scanimage")
        return ScanimageScanner(program) if program else None
    return SaneScanner()
